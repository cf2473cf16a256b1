import { App, TreeSelect } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { loadRegion, loadRegionChildren, type RegionRef } from '../../api/registry';

interface TreeNode {
  id: string;
  pId?: string;
  value: string;
  title: string;
  /** "长春市 / 南关区" — shown in the selector once chosen */
  label: string;
  isLeaf: boolean;
}

export interface RegionPickerProps {
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  rootCode?: string;
  id?: string;
  'aria-label'?: string;
}

const labelFor = (parent: TreeNode | undefined, name: string) =>
  parent && parent.pId !== undefined ? `${parent.label} / ${name}` : name;

/**
 * Region tree picker: rooted at the province (GET /api/regions/22); children are loaded lazily
 * (GET /api/regions/{code}/children). A preselected code (from the page URL) has its ancestors'
 * children loaded so the selector can show its name.
 */
export function RegionPicker({ value, onChange, placeholder, rootCode = '22', id, 'aria-label': ariaLabel }: RegionPickerProps) {
  const { message } = App.useApp();
  const [nodes, setNodes] = useState<TreeNode[]>([]);
  const nodesRef = useRef(new Map<string, TreeNode>());
  const loaded = useRef(new Map<string, Promise<void>>());
  const [expanded, setExpanded] = useState<string[]>([rootCode]);

  const add = useCallback((list: TreeNode[]) => {
    const fresh = list.filter((n) => !nodesRef.current.has(n.id));
    if (!fresh.length) return;
    for (const n of fresh) nodesRef.current.set(n.id, n);
    setNodes((prev) => [...prev, ...fresh]);
  }, []);

  const loadChildren = useCallback(
    (code: string): Promise<void> => {
      const pending = loaded.current.get(code);
      if (pending) return pending;
      const p = loadRegionChildren(code).then(
        (items) => {
          const parent = nodesRef.current.get(code);
          add(
            items.map((c) => ({
              id: c.code, pId: code, value: c.code, title: c.name, label: labelFor(parent, c.name), isLeaf: !c.has_children,
            })),
          );
        },
        (e: Error) => {
          loaded.current.delete(code);
          message.error(e.message);
        },
      );
      loaded.current.set(code, p);
      return p;
    },
    [add, message],
  );

  useEffect(() => {
    let active = true;
    loadRegion(rootCode)
      .then((r) => {
        if (!active) return;
        add([{ id: r.code, value: r.code, title: r.name, label: r.name, isLeaf: false }]);
        return loadChildren(r.code);
      })
      .catch((e: Error) => active && message.error(e.message));
    return () => {
      active = false;
    };
  }, [rootCode, add, loadChildren, message]);

  // A code that came from the URL: load the chain of ancestors so the node (and its name) exists.
  useEffect(() => {
    if (!value || nodesRef.current.has(value)) return;
    let active = true;
    loadRegion(value)
      .then(async (r) => {
        const ancestors: RegionRef[] = r.path.slice(0, -1);
        for (const a of ancestors) {
          if (!active) return;
          await loadChildren(a.code);
        }
        if (active) setExpanded((prev) => [...new Set([...prev, ...ancestors.map((a) => a.code)])]);
      })
      .catch(() => {
        /* unknown code: the search itself reports it */
      });
    return () => {
      active = false;
    };
  }, [value, loadChildren]);

  return (
    <TreeSelect<string>
      id={id}
      aria-label={ariaLabel}
      value={value}
      onChange={(v) => onChange?.(v || undefined)}
      treeDataSimpleMode={{ id: 'id', pId: 'pId' }}
      treeData={nodes}
      loadData={(node) => loadChildren(String(node.value))}
      treeExpandedKeys={expanded}
      onTreeExpand={(keys) => setExpanded(keys.map(String))}
      treeNodeLabelProp="label"
      treeNodeFilterProp="title"
      showSearch
      allowClear
      placeholder={placeholder}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 280 } } }}
      data-testid="region-picker"
    />
  );
}
