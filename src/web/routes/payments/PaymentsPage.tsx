/**
 * /payments — 救助金发放: a county's monthly roll. The preparer computes it (编制), reads what
 * changed against last month and why (new, stopped, changed, back pay, recovery), a colleague
 * approves it (审核; never the preparer), and the approved roll is exported as XLSX and as the
 * bank file. County and month live in the URL (?region=&month=), never a name or ID number.
 */
import { CheckOutlined, DownloadOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert as Notice, App, Button, Card, Col, DatePicker, Empty, Row, Segmented, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/api';
import { paymentsApi, useRoll, type Roll, type RollChange, type RollLine } from '../../api/payments';
import { useCurrentUser, useSession } from '../../api/session';
import { useLang, useT, type MessageKey } from '../../i18n';
import { navigate, qs, useLocation } from '../../router';
import { RegionPicker } from '../registry/RegionPicker';

const CHANGE_COLORS: Record<RollChange, string> = { new: 'green', stopped: 'red', changed: 'orange', unchanged: 'default', back_pay: 'blue', recovery: 'magenta' };
const FILTERS: ('all' | RollChange)[] = ['all', 'new', 'stopped', 'changed', 'back_pay', 'recovery', 'unchanged'];
const yuan = (v: number | null) => (v === null ? '—' : `¥${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
const thisMonth = () => dayjs().format('YYYY-MM');

export function PaymentsPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const { can } = useSession();
  const { query } = useLocation();
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(query.get('month') ?? '') ? query.get('month')! : thisMonth();
  const asked = query.get('region') ?? (me.region_code.length === 6 ? me.region_code : undefined);
  const region = asked && asked.length === 6 ? asked : undefined;
  const { data, error, loading, refetch } = useRoll(region, month);
  const [fresh, setFresh] = useState<Roll | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [filter, setFilter] = useState<'all' | RollChange>('all');
  useEffect(() => setFresh(null), [data, region, month]);
  const roll = fresh && fresh.region === region && fresh.month === month ? fresh : error ? null : data;
  const notPrepared = error instanceof ApiError && error.status === 404;
  const go = (change: { region?: string; month?: string }) => navigate('/payments' + qs({ region: change.region ?? region, month: change.month ?? month }));

  async function run(action: string, work: () => Promise<Roll | string>) {
    setBusy(action);
    try {
      const r = await work();
      if (typeof r !== 'string') setFresh(r);
      message.success(t(`pay.done.${action}` as MessageKey));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  const reasonOf = (l: RollLine) => (lang === 'zh' ? l.reason : l.reason_en || l.reason);
  const columns: ColumnsType<RollLine> = [
    { title: t('pay.col.household'), dataIndex: 'household_code', width: 170 },
    { title: t('pay.col.payee'), key: 'payee', width: 200, render: (_, l) => <span>{l.payee.name} <Typography.Text type="secondary" style={{ fontFamily: 'ui-monospace, Menlo, monospace' }}>{l.payee.id_number_masked}</Typography.Text></span> },
    { title: t('pay.col.program'), dataIndex: 'program', width: 150, render: (p: string) => t(`pay.program.${p}` as MessageKey) },
    { title: t('pay.col.month'), dataIndex: 'for_month', width: 90 },
    { title: t('pay.col.amount'), dataIndex: 'amount', width: 110, align: 'right', render: (v: number, l) => <span style={{ fontVariantNumeric: 'tabular-nums', color: l.status === 'payable' ? undefined : '#8c8c8c' }}>{yuan(v)}</span> },
    { title: t('pay.col.previous'), dataIndex: 'previous_amount', width: 110, align: 'right', render: (v: number | null) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{yuan(v)}</span> },
    { title: t('pay.col.change'), dataIndex: 'change', width: 90, render: (c: RollChange, l) => <Tag color={CHANGE_COLORS[c]} data-testid={`change-${c}`}>{t(`pay.change.${c}` as MessageKey)}{l.status === 'held' ? ` · ${t('pay.held')}` : ''}</Tag> },
    { title: t('pay.col.reason'), key: 'reason', render: (_, l) => reasonOf(l) },
  ];
  const lines = roll ? roll.lines.filter((l) => filter === 'all' || l.change === filter) : [];
  const mine = roll?.prepared_by === `user:${me.username}`;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="payments-page">
      <Card size="small">
        <Typography.Title level={4} style={{ margin: 0 }}>{t('pay.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('pay.subtitle')}</Typography.Text>
        <Row gutter={[12, 8]} style={{ marginTop: 12 }}>
          <Col xs={24} md={12}>
            <RegionPicker rootCode={me.region_code} value={asked} onChange={(v) => go({ region: v ?? '' })} placeholder={t('pay.county')} aria-label={t('pay.county')} />
          </Col>
          <Col xs={24} md={6}>
            <DatePicker picker="month" allowClear={false} style={{ width: '100%' }} value={dayjs(`${month}-01`)} onChange={(d) => d && go({ month: d.format('YYYY-MM') })} aria-label={t('pay.month')} data-testid="roll-month" />
          </Col>
        </Row>
        {asked && !region && <Notice style={{ marginTop: 8 }} type="info" showIcon title={t('pay.pickCounty')} />}
      </Card>
      {region && (
        <Card
          size="small"
          title={<Space>{t('pay.roll', { month })}{roll && <Tag color={roll.status === 'approved' ? 'green' : 'gold'} data-testid="roll-status">{t(`pay.status.${roll.status}` as MessageKey)}</Tag>}</Space>}
          extra={
            <Space wrap>
              {(!roll || roll.status === 'draft') && can('payment.prepare') && (
                <Button icon={<ReloadOutlined />} loading={busy === 'prepare'} onClick={() => run('prepare', () => paymentsApi.prepare(region, month))} data-testid="roll-prepare">
                  {t(roll ? 'pay.reprepare' : 'pay.prepare')}
                </Button>
              )}
              {roll?.status === 'draft' && can('payment.approve') && (
                <Tooltip title={mine ? t('pay.notYourOwn') : undefined}>
                  <Button type="primary" icon={<CheckOutlined />} disabled={mine} loading={busy === 'approve'} onClick={() => run('approve', () => paymentsApi.approve(region, month))} data-testid="roll-approve">
                    {t('pay.approve')}
                  </Button>
                </Tooltip>
              )}
              {roll && (
                <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => run('xlsx', () => paymentsApi.exportXlsx(region, month))} data-testid="roll-xlsx">{t('pay.exportXlsx')}</Button>
              )}
              {roll?.status === 'approved' && can('payment.prepare') && (
                <BankFileButton busy={busy === 'bank'} onDownload={(layout) => run('bank', () => paymentsApi.bankFile(region, month, layout))}
                  onReturns={(layout, text) => run('returns', async () => {
                    const r = await paymentsApi.bankReturns(region, month, layout, text);
                    message.info(t('pay.returnsResult', { rows: r.rows, paid: r.paid, returned: r.returned }));
                    return 'ok';
                  })} />
              )}
            </Space>
          }
        >
          {error && !notPrepared && <Notice type="error" showIcon title={t('common.loadFailed')} description={error.message} action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />}
          {notPrepared && !roll && <Empty description={t('pay.notPrepared', { month })} data-testid="roll-empty" />}
          {roll && (
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <Typography.Text type="secondary" data-testid="roll-people">
                {t('pay.preparedBy', { who: roll.prepared_by })}
                {roll.approved_by ? `　${t('pay.approvedBy', { who: roll.approved_by })}` : ''}
              </Typography.Text>
              <Row gutter={[16, 8]} data-testid="roll-totals">
                <Col xs={12} md={4}><Statistic title={t('pay.total')} value={yuan(roll.total)} /></Col>
                <Col xs={12} md={4}><Statistic title={t('pay.regular')} value={yuan(roll.totals.regular_fen / 100)} /></Col>
                <Col xs={12} md={4}><Statistic title={t('pay.backPay')} value={yuan(roll.totals.back_pay_fen / 100)} /></Col>
                <Col xs={12} md={4}><Statistic title={t('pay.recovery')} value={yuan(roll.totals.recovery_fen / 100)} /></Col>
                <Col xs={12} md={4}><Statistic title={t('pay.payable')} value={roll.totals.payable_lines} /></Col>
                <Col xs={12} md={4}><Statistic title={t('pay.heldLines')} value={roll.totals.held_lines} /></Col>
              </Row>
              <Segmented
                value={filter} onChange={(v) => setFilter(v as typeof filter)} data-testid="roll-filter"
                options={FILTERS.map((f) => ({ value: f, label: `${t(f === 'all' ? 'pay.all' : (`pay.change.${f}` as MessageKey))} ${f === 'all' ? roll.lines.length : roll.totals.counts[f]}` }))}
              />
              <Table<RollLine> size="small" rowKey={(l) => `${l.household_code}-${l.program}-${l.kind}-${l.for_month}-${l.payee.id_number_masked}`} columns={columns} dataSource={lines}
                pagination={{ pageSize: 50, showSizeChanger: false }} scroll={{ x: 1100 }} data-testid="roll-lines" />
            </Space>
          )}
          {!roll && loading && !error && <Typography.Text type="secondary">…</Typography.Text>}
        </Card>
      )}
    </Space>
  );
}

function BankFileButton({ busy, onDownload, onReturns }: { busy: boolean; onDownload: (layout: string) => void; onReturns: (layout: string, text: string) => void }) {
  const t = useT();
  const [layout, setLayout] = useState('generic_csv');
  const input = useRef<HTMLInputElement>(null);
  // the fixed-width layout is GBK; a CSV return is read as UTF-8 unless it does not decode
  const read = async (file: File) => {
    const bytes = await new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error ?? new Error('read failed'));
      reader.readAsArrayBuffer(file);
    });
    const utf8 = new TextDecoder('utf-8').decode(bytes);
    onReturns(layout, layout === 'generic_fixed' || utf8.includes('\ufffd') ? new TextDecoder('gb18030').decode(bytes) : utf8);
  };
  return (
    <Space.Compact>
      <Select value={layout} onChange={setLayout} style={{ width: 150 }} aria-label={t('pay.layout')}
        options={[{ value: 'generic_csv', label: t('pay.layout.csv') }, { value: 'generic_fixed', label: t('pay.layout.fixed') }]} />
      <Button icon={<DownloadOutlined />} loading={busy} onClick={() => onDownload(layout)} data-testid="roll-bank-file">{t('pay.bankFile')}</Button>
      <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} data-testid="roll-bank-returns">{t('pay.bankReturns')}</Button>
      <input ref={input} type="file" accept=".csv,.txt" style={{ display: 'none' }} data-testid="roll-bank-returns-file"
        onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void read(f); }} />
    </Space.Compact>
  );
}
