/**
 * Picking a household of the worker's area for a report: search by name or ID number
 * (POST /api/households/search — the text travels in the body; the server limits the results
 * to the user's region), then tap one. The value is the household code.
 */
import { Button, Empty, Input, List, Typography } from 'antd';
import { useState } from 'react';
import { registryApi, splitNameOrId, type HouseholdRow } from '../../api/registry';
import { useT } from '../../i18n';

export interface HouseholdPickerProps {
  value?: string;
  onChange?: (code: string | undefined) => void;
}

export function HouseholdPicker({ value, onChange }: HouseholdPickerProps) {
  const t = useT();
  const [rows, setRows] = useState<HouseholdRow[] | null>(null);
  const [picked, setPicked] = useState<HouseholdRow | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const search = async (text: string) => {
    const filter = splitNameOrId(text);
    if (!filter.name && !filter.id_number) return;
    setLoading(true);
    setError(null);
    try {
      setRows((await registryApi.search({ ...filter, page_size: 10 })).items);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  };

  if (value) {
    const label = picked?.code === value ? `${picked.head_name ?? ''} · ${picked.address ?? ''}` : t('intake.household', { code: value });
    return (
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, border: '1px solid #91caff', background: '#e6f4ff', borderRadius: 6, padding: '8px 12px' }} data-testid="picked-household">
        <div style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong ellipsis style={{ display: 'block' }}>{label}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{value}</Typography.Text>
        </div>
        <Button size="small" onClick={() => onChange?.(undefined)}>{t('intake.report.change')}</Button>
      </div>
    );
  }
  return (
    <div>
      <Input.Search placeholder={t('intake.report.searchPlaceholder')} enterButton={t('common.search')} loading={loading} onSearch={search} allowClear aria-label={t('intake.report.search')} data-testid="household-search" />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {rows && rows.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.report.searchEmpty')} />}
      {rows && rows.length > 0 && (
        <List
          size="small"
          bordered
          style={{ marginTop: 8, background: '#fff' }}
          dataSource={rows}
          renderItem={(h) => (
            <List.Item
              onClick={() => {
                setPicked(h);
                onChange?.(h.code);
              }}
              style={{ cursor: 'pointer' }}
              data-testid="household-option"
            >
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong>{h.head_name ?? h.code}</Typography.Text>
                <div style={{ fontSize: 12, color: '#8c8c8c' }}>{h.address} · {h.region_name}</div>
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
