import { CheckCircleFilled, CloseCircleFilled, ReloadOutlined, SafetyOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Card, Col, DatePicker, Empty, Form, Input, Pagination, Row, Space, Spin, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { accessApi, useAuditLog, type AuditEntry, type AuditFilter, type ChainCheck } from '../../api/access';
import { useT } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { navigate, qs, useLocation } from '../../router';
import { dateTime } from '../registry/format';
import { useAccessLabels } from './labels';

const mono = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace' };
const ACTION_PREFIXES = [
  'auth.', 'auth.login', 'auth.login_failed', 'user.', 'token.', 'audit.read', 'household.', 'household.read',
  'household.search', 'household.export', 'person.', 'person.reveal', 'person.lookup', 'registry.import',
];

interface FormValues {
  actor?: string;
  action?: string;
  subject?: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

/** Page size lives in memory (like the registry search); the filters and page live in the URL. */
const memory = { pageSize: 50 };

function isEmptyDetail(d: unknown): boolean {
  return d === null || d === undefined || (typeof d === 'object' && Object.keys(d as object).length === 0);
}

function compact(d: unknown): string {
  if (isEmptyDetail(d)) return '';
  return typeof d === 'string' ? d : JSON.stringify(d);
}

function ChainResult({ result, at, onClose }: { result: ChainCheck; at: Date; onClose: () => void }) {
  const t = useT();
  const ok = result.ok;
  return (
    <Alert
      type={ok ? 'success' : 'error'}
      showIcon
      icon={ok ? <CheckCircleFilled /> : <CloseCircleFilled />}
      closable={{ onClose }}
      data-testid="chain-result"
      data-ok={String(ok)}
      style={{ borderWidth: 2 }}
      title={<span style={{ fontWeight: 600, fontSize: 15 }}>{ok ? t('audit.verifyOk') : t('audit.verifyBroken')}</span>}
      description={
        <div style={{ lineHeight: 1.8 }}>
          <div>
            {ok
              ? t('audit.verifyOkDesc', { n: result.checked.toLocaleString() })
              : t('audit.verifyBrokenDesc', { n: result.checked.toLocaleString(), id: result.first_broken ?? '?' })}
          </div>
          <div style={{ fontSize: 12, color: '#595959', wordBreak: 'break-all' }}>
            {t('audit.checkedAt')}{t('common.colon')}{dateTime(at.toISOString())}
          </div>
          {result.head && (
            <div style={{ fontSize: 12, color: '#595959', wordBreak: 'break-all' }}>
              {t('audit.head')}{t('common.colon')}
              <span style={mono}>{result.head}</span>
            </div>
          )}
        </div>
      }
    />
  );
}

/** /admin/audit — the audit log, server-paged with filters, and a check of the hash chain. */
export function AuditPage() {
  const t = useT();
  const isMobile = useIsMobile();
  const { auditAction } = useAccessLabels();
  const { query, search } = useLocation();
  const [form] = Form.useForm<FormValues>();
  const [pageSize, setPageSize] = useState(memory.pageSize);
  const [verifying, setVerifying] = useState(false);
  const [chain, setChain] = useState<{ result?: ChainCheck; error?: string; at: Date } | null>(null);

  const get = (k: string) => query.get(k)?.trim() || undefined;
  const filter: AuditFilter = { actor: get('actor'), action: get('action'), subject: get('subject'), from: get('from'), to: get('to') };
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  const { data, error, loading, refetch } = useAuditLog({ ...filter, page, page_size: pageSize });

  const toForm = (): FormValues => ({
    actor: filter.actor,
    action: filter.action,
    subject: filter.subject,
    dates: filter.from || filter.to ? [filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null] : null,
  });
  useEffect(() => {
    form.setFieldsValue(toForm());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);

  const go = (f: AuditFilter, p = 1) => navigate('/admin/audit' + qs({ ...f, page: p > 1 ? p : undefined }));
  const onSearch = (v: FormValues) =>
    go({
      actor: v.actor?.trim(),
      action: v.action?.trim(),
      subject: v.subject?.trim(),
      from: v.dates?.[0]?.format('YYYY-MM-DD'),
      to: v.dates?.[1]?.format('YYYY-MM-DD'),
    });
  const onReset = () => {
    form.resetFields();
    go({});
  };
  const onVerify = async () => {
    setVerifying(true);
    try {
      setChain({ result: await accessApi.verifyAudit(), at: new Date() });
    } catch (e) {
      setChain({ error: (e as Error).message, at: new Date() });
    } finally {
      setVerifying(false);
    }
  };

  const onPage = (p: number, ps: number) => {
    if (ps !== pageSize) {
      memory.pageSize = ps;
      setPageSize(ps);
      go(filter);
    } else go(filter, p);
  };

  const columns: ColumnsType<AuditEntry> = [
    { title: '#', dataIndex: 'id', width: 70, align: 'right', render: (v: string) => <span style={{ color: '#8c8c8c', ...mono }}>{v}</span> },
    { title: t('audit.col.at'), dataIndex: 'at', width: 140, render: (v: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{dateTime(v)}</span> },
    { title: t('audit.col.actor'), dataIndex: 'actor', width: 170, ellipsis: { showTitle: true }, render: (v: string) => <span style={mono}>{v}</span> },
    {
      title: t('audit.col.action'),
      dataIndex: 'action',
      width: 200,
      render: (v: string) => {
        const label = auditAction(v);
        return (
          <div style={{ lineHeight: 1.3 }}>
            <div>{label}</div>
            {label !== v && <div style={{ ...mono, fontSize: 11, color: '#8c8c8c' }}>{v}</div>}
          </div>
        );
      },
    },
    { title: t('audit.col.subject'), dataIndex: 'subject', width: 190, ellipsis: { showTitle: true }, render: (v: string | null) => (v ? <span style={mono}>{v}</span> : '—') },
    {
      title: t('audit.col.detail'),
      dataIndex: 'detail',
      ellipsis: true,
      render: (d: unknown) => {
        const text = compact(d);
        return text ? <span style={{ ...mono, fontSize: 12, color: '#595959' }}>{text}</span> : <span style={{ color: '#bfbfbf' }}>—</span>;
      },
    },
  ];

  const expanded = (e: AuditEntry) => (
    <div style={{ display: 'grid', gridTemplateColumns: isMobile ? '1fr' : 'minmax(0, 1fr) minmax(0, 1fr)', gap: 12 }}>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('audit.col.detail')}</Typography.Text>
        <pre style={{ ...mono, fontSize: 12, margin: '4px 0 0', padding: 8, background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 4, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {isEmptyDetail(e.detail) ? '{}' : JSON.stringify(e.detail, null, 2)}
        </pre>
      </div>
      <div style={{ fontSize: 12, lineHeight: 1.8, wordBreak: 'break-all' }}>
        <div>
          <Typography.Text type="secondary">{t('audit.entry')}{t('common.colon')}</Typography.Text>
          <span style={mono}>{e.id}</span>
        </div>
        <div>
          <Typography.Text type="secondary">{t('audit.hash')}{t('common.colon')}</Typography.Text>
          <span style={mono}>{e.hash ?? '—'}</span>
        </div>
        <div>
          <Typography.Text type="secondary">{t('audit.prevHash')}{t('common.colon')}</Typography.Text>
          <span style={mono}>{e.prev_hash ?? '—'}</span>
        </div>
      </div>
    </div>
  );

  const field = (label: string) => (isMobile ? undefined : label);
  const itemStyle = isMobile ? { marginBottom: 10 } : undefined;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" styles={{ body: { paddingBottom: 4 } }}>
        <div style={{ display: 'flex', alignItems: 'flex-start', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
          <div style={{ flex: 1, minWidth: 200 }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('audit.title')}
            </Typography.Title>
            {!isMobile && <Typography.Text type="secondary">{t('audit.subtitle')}</Typography.Text>}
          </div>
          <Button icon={<SafetyOutlined />} onClick={onVerify} loading={verifying} data-testid="verify-chain">
            {t('audit.verify')}
          </Button>
        </div>
        {chain && (
          <div style={{ marginBottom: 12 }}>
            {chain.result ? (
              <ChainResult result={chain.result} at={chain.at} onClose={() => setChain(null)} />
            ) : (
              <Alert type="error" showIcon title={t('audit.verifyFailed')} description={chain.error} closable={{ onClose: () => setChain(null) }} data-testid="chain-result" />
            )}
          </div>
        )}
        <Form form={form} layout="vertical" initialValues={toForm()} onFinish={onSearch}>
          <Row gutter={[12, 0]} align="bottom">
            <Col xs={24} md={12} xl={5}>
              <Form.Item name="actor" label={field(t('audit.actor'))} style={itemStyle}>
                <Input allowClear placeholder={t('audit.actorPlaceholder')} aria-label={t('audit.actor')} autoComplete="off" maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={5}>
              <Form.Item name="action" label={field(t('audit.action'))} style={itemStyle}>
                <AutoComplete
                  allowClear
                  placeholder={t('audit.actionPlaceholder')}
                  aria-label={t('audit.action')}
                  options={ACTION_PREFIXES.map((a) => ({ value: a, label: <span><span style={mono}>{a}</span>{!a.endsWith('.') && auditAction(a) !== a ? <span style={{ color: '#8c8c8c' }}>　{auditAction(a)}</span> : null}</span> }))}
                  showSearch={{ filterOption: (input, o) => String(o?.value ?? '').startsWith(input.trim()) }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={5}>
              <Form.Item name="subject" label={field(t('audit.subject'))} style={itemStyle}>
                <Input allowClear placeholder={t('audit.subjectPlaceholder')} aria-label={t('audit.subject')} autoComplete="off" maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={5}>
              <Form.Item name="dates" label={field(t('audit.dates'))} style={itemStyle}>
                <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} aria-label={t('audit.dates')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={24} xl={4}>
              <Form.Item>
                <Space wrap>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                    {t('common.search')}
                  </Button>
                  <Button onClick={onReset} icon={<ReloadOutlined />}>
                    {t('common.reset')}
                  </Button>
                </Space>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card
        size="small"
        title={
          <Space size={8}>
            <span>{t('nav.audit')}</span>
            {data && <Typography.Text type="secondary" style={{ fontWeight: 400 }}>{t('common.total', { n: data.total.toLocaleString() })}</Typography.Text>}
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
        {isMobile ? (
          <Spin spinning={loading}>
            {!loading && !data?.items.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.empty')} />}
            <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              {(error ? [] : (data?.items ?? [])).map((e) => {
                const detail = compact(e.detail);
                return (
                  <div key={e.id} data-testid="audit-card" style={{ border: '1px solid #e8e8e8', borderRadius: 6, padding: '8px 12px', background: '#fff' }}>
                    <div style={{ display: 'flex', alignItems: 'baseline', gap: 8 }}>
                      <Typography.Text strong style={{ flex: 1 }}>{auditAction(e.action)}</Typography.Text>
                      <span style={{ ...mono, fontSize: 12, color: '#8c8c8c' }}>#{e.id}</span>
                    </div>
                    <div style={{ fontSize: 12, color: '#595959', marginTop: 2 }}>
                      {dateTime(e.at)} · <span style={mono}>{e.actor}</span>
                    </div>
                    {e.subject && <div style={{ ...mono, fontSize: 12, color: '#595959', wordBreak: 'break-all' }}>{e.subject}</div>}
                    {detail && (
                      <Typography.Paragraph
                        ellipsis={{ rows: 2, expandable: 'collapsible' }}
                        style={{ ...mono, fontSize: 12, color: '#8c8c8c', margin: '4px 0 0', wordBreak: 'break-all' }}
                      >
                        {detail}
                      </Typography.Paragraph>
                    )}
                  </div>
                );
              })}
            </div>
            {(data?.total ?? 0) > pageSize && (
              <Pagination simple current={page} pageSize={pageSize} total={data?.total ?? 0} onChange={onPage} style={{ marginTop: 12, textAlign: 'center' }} />
            )}
          </Spin>
        ) : (
          <div data-testid="audit-table">
            <Table<AuditEntry>
              rowKey="id"
              size="small"
              bordered
              columns={columns}
              dataSource={error ? [] : (data?.items ?? [])}
              loading={loading}
              scroll={{ x: 1100 }}
              locale={{ emptyText: t('audit.empty') }}
              expandable={{ expandedRowRender: expanded }}
              pagination={{
                current: page,
                pageSize,
                total: data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: [20, 50, 100, 200],
                showTotal: (n) => t('common.total', { n: n.toLocaleString() }),
                size: 'small',
                onChange: onPage,
              }}
            />
          </div>
        )}
      </Card>
    </Space>
  );
}
