/**
 * /report — 困难上报, for village grid workers on a phone (case.report): a household of their
 * area or someone not in the registry, the difficulties, what they found, how urgent. Each form
 * has its own client_key, so a double tap or a resend files one report (POST /api/reports); a
 * report that could not be sent stays in this phone's storage until it is, and the page says so.
 */
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Result, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/api';
import { intakeApi, localMessage, NEEDS, type ReportRequest } from '../../api/intake';
import { useRegion } from '../../api/registry';
import { useCurrentUser } from '../../api/session';
import { useLang, useT } from '../../i18n';
import { dateTime } from '../registry/format';
import { idNumberProblem, normalizeId, showServerErrors } from './formChecks';
import { HouseholdPicker } from './HouseholdPicker';
import { RegionSteps } from './RegionSteps';
import { clearPending, loadPending, newClientKey, savePending } from './reportDraft';

export interface ReportValues {
  kind: 'household' | 'person';
  household_code?: string;
  person?: { name?: string; id_number?: string };
  region_code?: string;
  address?: string;
  difficulties: string[];
  description?: string;
  urgency: 'normal' | 'urgent';
}

const EMPTY: ReportValues = { kind: 'household', difficulties: [], urgency: 'normal' };

function toRequest(v: ReportValues, client_key: string, village: string | undefined): ReportRequest {
  const common = { difficulties: v.difficulties, description: (v.description ?? '').trim(), urgency: v.urgency, client_key };
  if (v.kind === 'household') return { ...common, household_code: v.household_code ?? '' };
  return { ...common, person: { name: (v.person?.name ?? '').trim(), id_number: normalizeId(v.person?.id_number ?? '') }, region_code: village ?? v.region_code ?? '', address: v.address?.trim() || undefined };
}

function VillageName({ code }: { code: string }) {
  const { data } = useRegion(code);
  return <Typography.Text>{data ? data.path.slice(1).map((r) => r.name).join(' ') : code}</Typography.Text>;
}

export function ReportPage() {
  const t = useT();
  const { lang } = useLang();
  const me = useCurrentUser();
  const [form] = Form.useForm<ReportValues>();
  const pendingAtStart = useRef(loadPending<ReportValues>(me.username));
  const [clientKey, setClientKey] = useState(() => pendingAtStart.current?.client_key ?? newClientKey());
  const [pendingAt, setPendingAt] = useState<string | null>(pendingAtStart.current?.saved_at ?? null);
  const [offline, setOffline] = useState(false);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<{ id: string; before: boolean } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? 'household';
  /** a village worker reports in their own village; a township officer chooses one */
  const village = me.region_code.length === 12 ? me.region_code : undefined;

  const send = useCallback(async () => {
    const v = form.getFieldsValue(true) as ReportValues;
    const at = new Date().toISOString();
    if (savePending(me.username, { client_key: clientKey, values: v, saved_at: at })) setPendingAt(at);
    setSending(true);
    setProblem(null);
    try {
      const r = await intakeApi.report(toRequest(v, clientKey, village));
      setSent({ id: r.id, before: false });
      clearPending(me.username);
      setPendingAt(null);
      setOffline(false);
    } catch (e) {
      const err = e as ApiError;
      const first = (err.details as { report_id?: string } | undefined)?.report_id;
      if (err instanceof ApiError && err.status === 409 && first) {
        setSent({ id: first, before: true });
        clearPending(me.username);
        setPendingAt(null);
        setOffline(false);
      } else if (err instanceof ApiError && err.status === 400) {
        setProblem(showServerErrors(form, err, lang, (p) => (p[0] === 'difficulties' ? ['difficulties'] : p)).join('；') || null);
      } else if (err instanceof ApiError && (err.status === 0 || err.status >= 500)) {
        setOffline(true);
      } else setProblem(localMessage(err.message, lang));
    } finally {
      setSending(false);
    }
  }, [form, me.username, clientKey, village, lang]);

  // signal came back: send what is waiting
  useEffect(() => {
    if (!offline) return;
    const onOnline = () => void send();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [offline, send]);

  const startOver = () => {
    clearPending(me.username);
    setPendingAt(null);
    setOffline(false);
    setSent(null);
    setProblem(null);
    setClientKey(newClientKey());
    form.resetFields();
  };

  if (sent) {
    return (
      <Card>
        <Result status="success" title={t(sent.before ? 'intake.report.sentBefore' : 'intake.report.sent', { id: sent.id })} extra={<Button type="primary" size="large" onClick={startOver} data-testid="report-new">{t('intake.report.new')}</Button>} />
      </Card>
    );
  }
  return (
    <Card styles={{ body: { padding: '16px 14px' } }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('intake.report.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('intake.report.subtitle')}</Typography.Paragraph>
      {pendingAt && (
        <Alert
          type={offline ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          title={offline ? t('intake.report.offline') : t('intake.report.pending', { at: dateTime(pendingAt) })}
          action={<Button size="small" onClick={startOver}>{t('intake.report.discard')}</Button>}
          data-testid="report-pending"
        />
      )}
      <Form<ReportValues> form={form} layout="vertical" size="large" requiredMark={false} onFinish={() => void send()} initialValues={pendingAtStart.current?.values ?? EMPTY}>
        <Form.Item name="kind" label={t('intake.report.kind')}>
          <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 'household', label: t('intake.report.kind.household') }, { value: 'person', label: t('intake.report.kind.person') }]} />
        </Form.Item>
        {kind === 'household' ? (
          <Form.Item name="household_code" rules={[{ required: true, message: t('intake.report.pickRequired') }]}>
            <HouseholdPicker />
          </Form.Item>
        ) : (
          <>
            <Form.Item name={['person', 'name']} label={t('intake.report.personName')} rules={[{ required: true, whitespace: true, message: t('intake.apply.required', { field: t('intake.report.personName') }) }]}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
            <Form.Item name={['person', 'id_number']} label={t('intake.report.personId')} validateTrigger="onBlur" rules={[{ validator: (_, v?: string) => (!idNumberProblem(v) ? Promise.resolve() : Promise.reject(new Error(t(idNumberProblem(v)!)))) }]}>
              <Input maxLength={18} autoComplete="off" spellCheck={false} />
            </Form.Item>
            <Form.Item label={t('intake.report.village')} name={village ? undefined : 'region_code'} rules={village ? [] : [{ required: true, message: t('intake.apply.regionRequired') }]}>
              {village ? <VillageName code={village} /> : <RegionSteps rootCode={me.region_code} />}
            </Form.Item>
            <Form.Item name="address" label={t('intake.report.address')}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
        <Form.Item name="difficulties" label={t('intake.report.difficulties')} rules={[{ required: true, type: 'array', min: 1, message: t('intake.report.difficultiesRequired') }]}>
          <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', rowGap: 8 }} options={NEEDS.map((n) => ({ value: n, label: t(`intake.need.${n}`) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('intake.report.description')} rules={[{ required: true, whitespace: true, message: t('intake.report.descriptionRequired') }]}>
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('intake.report.descriptionPlaceholder')} />
        </Form.Item>
        <Form.Item name="urgency" label={t('intake.report.urgency')}>
          <Radio.Group optionType="button" options={[{ value: 'normal', label: t('intake.urgency.normal') }, { value: 'urgent', label: t('intake.urgency.urgent') }]} />
        </Form.Item>
        {problem && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problem} data-testid="report-error" />}
        <Button type="primary" htmlType="submit" block size="large" loading={sending} data-testid="report-submit">
          {t('intake.report.submit')}
        </Button>
      </Form>
    </Card>
  );
}
