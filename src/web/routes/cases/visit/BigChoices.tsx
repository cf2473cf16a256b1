/**
 * Choices with touch-sized targets (at least 44 px high, the whole box tappable) for the
 * home-visit form on a phone: a grid of checkboxes and a list of radio options. They take
 * `value`/`onChange` from the Form.Item around them.
 */
import { Checkbox, Radio } from 'antd';
import type { ReactNode } from 'react';

export interface Choice {
  value: string;
  label: ReactNode;
}

const item = {
  display: 'flex', alignItems: 'center', minHeight: 44, margin: 0, padding: '8px 12px',
  border: '1px solid #d9d9d9', borderRadius: 6, background: '#fff', fontSize: 15,
} as const;

export function BigChecks({ options, value, onChange, columns = 2, id, ...rest }: {
  options: Choice[];
  value?: string[];
  onChange?: (v: string[]) => void;
  columns?: number;
  id?: string;
  'aria-label'?: string;
  'data-testid'?: string;
}) {
  return (
    <Checkbox.Group value={value} onChange={(v) => onChange?.(v as string[])} style={{ width: '100%' }}>
      <div id={id} role="group" aria-label={rest['aria-label']} data-testid={rest['data-testid']}
        style={{ display: 'grid', gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap: 8, width: '100%' }}>
        {options.map((o) => (
          <Checkbox key={o.value} value={o.value} style={{ ...item, borderColor: value?.includes(o.value) ? '#1456c8' : '#d9d9d9' }}>
            {o.label}
          </Checkbox>
        ))}
      </div>
    </Checkbox.Group>
  );
}

export function BigRadios({ options, value, onChange, columns = 1, id, ...rest }: {
  options: Choice[];
  value?: string;
  onChange?: (v: string) => void;
  columns?: number;
  id?: string;
  'aria-label'?: string;
  'data-testid'?: string;
}) {
  return (
    <Radio.Group value={value} onChange={(e) => onChange?.(e.target.value as string)} style={{ width: '100%' }} id={id}>
      <div role="radiogroup" aria-label={rest['aria-label']} data-testid={rest['data-testid']}
        style={{ display: 'grid', gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap: 8, width: '100%' }}>
        {options.map((o) => (
          <Radio key={o.value} value={o.value} style={{ ...item, borderColor: value === o.value ? '#1456c8' : '#d9d9d9' }}>
            {o.label}
          </Radio>
        ))}
      </div>
    </Radio.Group>
  );
}
