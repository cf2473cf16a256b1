import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { policyApi, usePolicyParameters, type NewParameterValue, type ParameterDef, type ParameterVersion } from '../../api/policy';
import { useCurrentUser, useSession } from '../../api/session';
import { useLang, useT } from '../../i18n';
import { RegionName } from '../access/UsersPage';
import { dateTime } from '../registry/format';
import { RegionPicker } from '../registry/RegionPicker';

const mono = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace' };
const PROVINCE = '22';

interface Row extends ParameterDef {
  /** the province-level value in force today (else the latest current province row) */
  current?: ParameterVersion;
  versions: ParameterVersion[];
  overrides: number;
}

/** Numbers as they are; objects (json parameters) as compact JSON. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return v.toLocaleString('zh-CN', { maximumFractionDigits: 6 });
  return typeof v === 'string' ? v : JSON.stringify(v);
}

const today = () => dayjs().format('YYYY-MM-DD');

function provinceValue(versions: ParameterVersion[]): ParameterVersion | undefined {
  const rows = versions.filter((v) => v.region_code === PROVINCE && v.current).sort((a, b) => b.valid_from.localeCompare(a.valid_from));
  const d = today();
  return rows.find((v) => v.valid_from <= d && (!v.valid_to || v.valid_to >= d)) ?? rows[0];
}

function Period({ v }: { v: ParameterVersion }) {
  const t = useT();
  return (
    <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {v.valid_from} – {v.valid_to ?? t('policy.openEnded')}
    </span>
  );
}

function History({ versions }: { versions: ParameterVersion[] }) {
  const t = useT();
  const columns: ColumnsType<ParameterVersion> = [
    { title: t('policy.h.region'), dataIndex: 'region_code', width: 170, render: (c: string) => <Space size={6}><span style={mono}>{c}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}><RegionName code={c} /></Typography.Text></Space> },
    { title: t('policy.h.period'), key: 'period', width: 200, render: (_, v) => <Period v={v} /> },
    {
      title: t('policy.h.value'),
      dataIndex: 'value',
      width: 200,
      render: (v: unknown) =>
        v !== null && typeof v === 'object' ? (
          <pre style={{ ...mono, fontSize: 12, margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(v, null, 2)}</pre>
        ) : (
          <span style={{ ...mono, fontWeight: 500 }}>{formatValue(v)}</span>
        ),
    },
    { title: t('policy.h.version'), dataIndex: 'version', width: 70, align: 'right', render: (v: number) => <span style={mono}>v{v}</span> },
    {
      title: t('policy.h.state'),
      dataIndex: 'current',
      width: 90,
      render: (c: boolean, v) =>
        c ? (
          <Tag color="green">{t('policy.state.current')}</Tag>
        ) : (
          <Tooltip title={v.superseded_at ? dateTime(v.superseded_at) : undefined}>
            <Tag>{t('policy.state.superseded')}</Tag>
          </Tooltip>
        ),
    },
    { title: t('policy.h.source'), dataIndex: 'source', render: (s: string | null) => s || '—' },
    { title: t('policy.h.author'), dataIndex: 'author', width: 140, ellipsis: { showTitle: true }, render: (a: string) => <span style={mono}>{a}</span> },
    { title: t('policy.h.createdAt'), dataIndex: 'created_at', width: 140, render: (v: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{dateTime(v)}</span> },
  ];
  return (
    <div data-testid="policy-history">
      <Table<ParameterVersion>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={versions}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('policy.noHistory') }}
        onRow={(v) => (v.current ? {} : { style: { color: '#8c8c8c' } })}
      />
    </div>
  );
}

interface FormValues {
  key: string;
  value: string;
  region: string;
  from: Dayjs;
  to?: Dayjs | null;
  source?: string;
}

function SetValueModal({
  open, catalog, initialKey, onClose, onSaved,
}: { open: boolean; catalog: ParameterDef[]; initialKey?: string; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const key = Form.useWatch('key', form);
  const def = catalog.find((d) => d.key === key);
  const name = (d: ParameterDef) => (lang === 'zh' ? d.zh : d.en);

  const close = () => {
    setError(null);
    onClose();
  };
  const parse = (raw: string, d: ParameterDef | undefined): unknown => (d?.type === 'json' ? JSON.parse(raw) : Number(raw.trim()));
  const onFinish = async (v: FormValues) => {
    setError(null);
    setSaving(true);
    try {
      const d = catalog.find((c) => c.key === v.key);
      const body: NewParameterValue = { key: v.key, value: parse(v.value, d), region: v.region, from: v.from.format('YYYY-MM-DD') };
      if (v.to) body.to = v.to.format('YYYY-MM-DD');
      if (v.source?.trim()) body.source = v.source.trim();
      const saved = await policyApi.set(body);
      message.success(t('policy.form.saved', { name: d ? name(d) : v.key, v: saved?.version ?? '' }));
      onSaved();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  const required = (field: string) => ({ required: true, message: t('policy.form.required', { field }) });

  return (
    <Modal
      open={open}
      title={t('policy.form.title')}
      onCancel={close}
      okText={t('policy.form.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={saving}
      mask={{ closable: false }}
      destroyOnHidden
      width={600}
    >
      <Alert type="info" showIcon title={t('policy.form.notice')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="policy-form-error" />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        requiredMark
        onFinish={onFinish}
        preserve={false}
        initialValues={{ key: initialKey, region: me.region_code, from: dayjs() }}
      >
        <Form.Item name="key" label={t('policy.form.key')} rules={[required(t('policy.form.key'))]}>
          <Select
            showSearch={{ optionFilterProp: 'search' }}
            placeholder={t('policy.form.keyPlaceholder')}
            aria-label={t('policy.form.key')}
            options={catalog.map((d) => ({
              value: d.key,
              search: `${d.zh} ${d.en} ${d.key}`,
              label: (
                <span>
                  {name(d)} <span style={{ ...mono, fontSize: 12, color: '#8c8c8c' }}>{d.key}</span>
                </span>
              ),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="value"
          label={def ? `${t('policy.form.value')}（${def.unit}）` : t('policy.form.value')}
          dependencies={['key']}
          rules={[
            required(t('policy.form.value')),
            {
              validator: async (_, raw: string | undefined) => {
                if (!raw?.trim()) return;
                if (def?.type === 'json') {
                  try {
                    JSON.parse(raw);
                  } catch {
                    throw new Error(t('policy.form.jsonInvalid'));
                  }
                  return;
                }
                const n = Number(raw.trim());
                if (!Number.isFinite(n) || n < 0) throw new Error(t('policy.form.valueInvalid'));
                if (def?.type === 'integer' && !Number.isInteger(n)) throw new Error(t('policy.form.integerInvalid'));
              },
            },
          ]}
        >
          {def?.type === 'json' ? (
            <Input.TextArea rows={4} style={mono} placeholder={t('policy.form.valueJson')} aria-label={t('policy.form.value')} />
          ) : (
            <Input style={mono} inputMode="decimal" autoComplete="off" placeholder={t('policy.form.valueNumber', { unit: def?.unit ?? '' })} aria-label={t('policy.form.value')} />
          )}
        </Form.Item>
        <Form.Item name="region" label={t('policy.form.region')} extra={t('policy.form.regionHelp')} rules={[required(t('policy.form.region'))]}>
          <RegionPicker rootCode={me.region_code} placeholder={t('policy.form.regionPlaceholder')} aria-label={t('policy.form.region')} />
        </Form.Item>
        <Space size={16} wrap style={{ display: 'flex' }}>
          <Form.Item name="from" label={t('policy.form.from')} rules={[required(t('policy.form.from'))]}>
            <DatePicker aria-label={t('policy.form.from')} />
          </Form.Item>
          <Form.Item
            name="to"
            label={`${t('policy.form.to')}${t('common.optional')}`}
            dependencies={['from']}
            rules={[
              {
                validator: async (_, to: Dayjs | null | undefined) => {
                  const from = form.getFieldValue('from') as Dayjs | undefined;
                  if (to && from && to.isBefore(from, 'day')) throw new Error(t('policy.form.toInvalid'));
                },
              },
            ]}
          >
            <DatePicker aria-label={t('policy.form.to')} />
          </Form.Item>
        </Space>
        <Form.Item name="source" label={`${t('policy.form.source')}${t('common.optional')}`}>
          <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('policy.form.sourcePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** /admin/policy — the policy parameter catalog with every version; setting a value needs policy.manage. */
export function PolicyPage() {
  const t = useT();
  const { lang } = useLang();
  const { can } = useSession();
  const canManage = can('policy.manage');
  const { data, error, loading, refetch } = usePolicyParameters();
  const [setting, setSetting] = useState<{ key?: string } | null>(null);

  const rows = useMemo<Row[]>(() => {
    const history = data?.history ?? [];
    return (data?.catalog ?? []).map((d) => {
      const versions = history
        .filter((h) => h.key === d.key)
        .sort((a, b) => a.region_code.localeCompare(b.region_code) || b.valid_from.localeCompare(a.valid_from) || b.version - a.version);
      return { ...d, versions, current: provinceValue(versions), overrides: versions.filter((v) => v.region_code !== PROVINCE).length };
    });
  }, [data]);

  const columns: ColumnsType<Row> = [
    {
      title: t('policy.col.name'),
      dataIndex: 'key',
      render: (_, d) => (
        <div style={{ lineHeight: 1.3 }}>
          <div>{lang === 'zh' ? d.zh : d.en}</div>
          <div style={{ ...mono, fontSize: 11, color: '#8c8c8c' }}>{d.key}</div>
        </div>
      ),
    },
    { title: t('policy.col.unit'), dataIndex: 'unit', width: 220, ellipsis: { showTitle: true }, render: (u: string) => <Typography.Text type="secondary">{u || '—'}</Typography.Text> },
    {
      title: <Tooltip title={t('policy.currentTip')}>{t('policy.col.current')}</Tooltip>,
      key: 'current',
      width: 240,
      render: (_, d) =>
        d.current ? (
          <div style={{ lineHeight: 1.3 }}>
            <div style={{ ...mono, fontWeight: 600, wordBreak: 'break-all' }} data-testid={`current-${d.key}`}>{formatValue(d.current.value)}</div>
            <div style={{ fontSize: 11, color: '#8c8c8c' }}><Period v={d.current} /></div>
          </div>
        ) : (
          <Typography.Text type="secondary">{t('policy.notSet')}</Typography.Text>
        ),
    },
    {
      title: t('policy.col.versions'),
      key: 'versions',
      width: 150,
      render: (_, d) => (
        <div style={{ lineHeight: 1.3 }}>
          <div>{t('policy.versions', { n: d.versions.length })}</div>
          {d.overrides > 0 && <div style={{ fontSize: 11, color: '#8c8c8c' }}>{t('policy.overrides', { n: d.overrides })}</div>}
        </div>
      ),
    },
    ...(canManage
      ? [{
          title: t('common.actions'),
          key: 'actions',
          width: 90,
          render: (_: unknown, d: Row) => (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setSetting({ key: d.key })} data-testid={`set-${d.key}`}>
              {t('policy.setFor')}
            </Button>
          ),
        }]
      : []),
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
          <div style={{ flex: 1, minWidth: 200 }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('policy.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('policy.subtitle')}</Typography.Text>
          </div>
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setSetting({})} disabled={!data} data-testid="set-policy">
              {t('policy.set')}
            </Button>
          )}
        </div>
      </Card>
      <Card
        size="small"
        title={
          <Space size={8}>
            <span>{t('nav.policy')}</span>
            {data && <Typography.Text type="secondary" style={{ fontWeight: 400 }}>{t('policy.count', { n: rows.length })}</Typography.Text>}
          </Space>
        }
        extra={
          <Tooltip title={t('common.refresh')}>
            <Button size="small" icon={<ReloadOutlined />} onClick={refetch} aria-label={t('common.refresh')} />
          </Tooltip>
        }
      >
        {error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('common.loadFailed')}
            description={error.message}
            action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>}
          />
        )}
        <div data-testid="policy-table">
          <Table<Row>
            rowKey="key"
            size="small"
            bordered
            columns={columns}
            dataSource={error ? [] : rows}
            loading={loading}
            scroll={{ x: 900 }}
            locale={{ emptyText: t('policy.empty') }}
            expandable={{ expandedRowRender: (d) => <History versions={d.versions} /> }}
            pagination={false}
          />
        </div>
      </Card>
      <SetValueModal
        open={!!setting}
        catalog={data?.catalog ?? []}
        initialKey={setting?.key}
        onClose={() => setSetting(null)}
        onSaved={() => {
          setSetting(null);
          refetch();
        }}
      />
    </Space>
  );
}
