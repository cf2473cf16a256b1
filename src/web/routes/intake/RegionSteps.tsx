/**
 * Choosing a village or community on a phone: one full-width select per level (city → county →
 * township → village), each filled from GET /api/regions/{code}/children (public) when the one
 * above is chosen. The value is the village's code, and only a village completes it.
 */
import { Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { loadRegion, useRegionChildren } from '../../api/registry';
import { useT, type MessageKey } from '../../i18n';

const LEVEL_OF_CHILDREN: Record<number, MessageKey> = {
  2: 'intake.level.prefecture',
  4: 'intake.level.county',
  6: 'intake.level.township',
  9: 'intake.level.village',
};

export interface RegionStepsProps {
  value?: string;
  onChange?: (code: string | undefined) => void;
  /** the region to choose inside (default the province) */
  rootCode?: string;
  id?: string;
}

function LevelSelect({ parent, value, onPick, id }: { parent: string; value?: string; onPick: (code: string, leaf: boolean) => void; id?: string }) {
  const t = useT();
  const { data, loading } = useRegionChildren(parent);
  const label = t(LEVEL_OF_CHILDREN[parent.length] ?? 'intake.level.village');
  return (
    <Select
      id={id}
      aria-label={label}
      placeholder={label}
      value={value}
      loading={loading}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: '100%' }}
      options={(data ?? []).map((c) => ({ value: c.code, label: c.name, leaf: !c.has_children }))}
      onChange={(code: string, option) => onPick(code, !!(option as { leaf?: boolean } | undefined)?.leaf)}
      data-testid={`region-level-${parent.length}`}
    />
  );
}

export function RegionSteps({ value, onChange, rootCode = '22', id }: RegionStepsProps) {
  const [chain, setChain] = useState<string[]>([]);
  const [leaf, setLeaf] = useState(false);

  // a value from outside (a saved draft): show the way down to it
  useEffect(() => {
    if (!value || value === chain[chain.length - 1]) return;
    let active = true;
    loadRegion(value).then(
      (r) => {
        if (!active) return;
        setChain(r.path.map((p) => p.code).filter((c) => c.length > rootCode.length));
        setLeaf(value.length === 12);
      },
      () => {},
    );
    return () => {
      active = false;
    };
  }, [value, rootCode]); // eslint-disable-line react-hooks/exhaustive-deps

  // cleared from outside (the form was reset)
  useEffect(() => {
    if (value === undefined && leaf) {
      setChain([]);
      setLeaf(false);
    }
  }, [value]); // eslint-disable-line react-hooks/exhaustive-deps

  const parents = [rootCode, ...(leaf ? chain.slice(0, -1) : chain)].filter((p) => p.length < 12);
  const pick = (level: number, code: string, isLeaf: boolean) => {
    setChain([...chain.slice(0, level), code]);
    setLeaf(isLeaf);
    onChange?.(isLeaf && code.length === 12 ? code : undefined);
  };
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="region-steps">
      {parents.map((parent, i) => (
        <LevelSelect key={parent} parent={parent} value={chain[i]} onPick={(code, isLeaf) => pick(i, code, isLeaf)} id={i === 0 ? id : undefined} />
      ))}
    </Space>
  );
}
