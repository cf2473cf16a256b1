/**
 * One referral: the household, its head (name and masked ID), the program, why it was
 * recommended, the due date — and, for the department's handler while it is pending, the answer
 * form (accept with the amount, date and period paid, or decline with the reason). When the
 * server warns of a second payment for the same period, a dialog shows the warning and asks for
 * the reason before sending the answer again with the confirmation.
 */
import { Alert as Notice, App, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../api/api';
import { assistanceApi, invalidateAssistance, type Referral, type ReferralAnswer } from '../../api/assistance';
import { useSession } from '../../api/session';
import { useT } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { dateTime } from '../registry/format';
import { ReferralStatusTag, useAssistanceLabels } from './labels';

interface AnswerValues {
  decision: 'accepted' | 'declined';
  result?: string;
  amount?: number | null;
  granted_on?: Dayjs;
  period?: [Dayjs, Dayjs];
}

const day = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

function toAnswer(v: AnswerValues): ReferralAnswer {
  const money = v.decision === 'accepted' && v.amount !== undefined && v.amount !== null;
  return {
    decision: v.decision,
    result: v.result?.trim() || undefined,
    ...(money ? { amount: v.amount, granted_on: day(v.granted_on), period_from: day(v.period?.[0]), period_to: day(v.period?.[1]) } : {}),
  };
}

export function Due({ r }: { r: Referral }) {
  const t = useT();
  if (!r.due) return <span>—</span>;
  return (
    <span style={{ color: r.overdue ? '#cf1322' : undefined, fontWeight: r.overdue ? 600 : undefined, fontVariantNumeric: 'tabular-nums' }} data-testid={r.overdue ? 'due-overdue' : 'due'}>
      {r.due}{r.overdue ? ` ${t('asst.ref.overdue')}` : ''}
    </span>
  );
}

function Facts({ r }: { r: Referral }) {
  const t = useT();
  const isMobile = useIsMobile();
  const { name, bilingualText } = useAssistanceLabels();
  return (
    <Descriptions size="small" column={1} layout={isMobile ? 'vertical' : 'horizontal'} data-testid="referral-facts">
      <Descriptions.Item label={t('asst.ref.col.household')}>{r.household_code}</Descriptions.Item>
      <Descriptions.Item label={t('asst.ref.col.head')}>{r.head ? `${r.head.name} ${r.head.id_number_masked}` : '—'}</Descriptions.Item>
      <Descriptions.Item label={t('asst.ref.col.region')}>{r.region_name ?? r.region_code}</Descriptions.Item>
      <Descriptions.Item label={t('asst.ref.col.program')}>{name(r.program)} · {name(r.department)}</Descriptions.Item>
      <Descriptions.Item label={t('asst.resp.reason')}>{bilingualText(r.reason)}</Descriptions.Item>
      <Descriptions.Item label={t('asst.resp.note')}>{r.note ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('asst.resp.requested')}>{dateTime(r.requested_at)} · {r.requested_by}</Descriptions.Item>
      <Descriptions.Item label={t('asst.resp.due')}><Due r={r} /></Descriptions.Item>
      <Descriptions.Item label={t('asst.ref.col.status')}><ReferralStatusTag status={r.status} /></Descriptions.Item>
      {r.status !== 'pending' && (
        <Descriptions.Item label={t('asst.resp.answer')}>
          {[r.result, r.amount !== null ? `¥${r.amount}` : null, r.granted_on, r.period_from && r.period_to ? `${r.period_from} ~ ${r.period_to}` : null].filter(Boolean).join(' · ') || '—'}
          {r.responded_by && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t('asst.resp.respondedBy')} {r.responded_by} {dateTime(r.responded_at)}</Typography.Text>}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

export function RespondModal({ referral, onClose }: { referral: Referral; onClose: (answered: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { can } = useSession();
  const [form] = Form.useForm<AnswerValues>();
  const decision = Form.useWatch('decision', form);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [duplicate, setDuplicate] = useState<{ warning: string; answer: ReferralAnswer } | null>(null);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const answering = referral.status === 'pending' && can('referral.handle');

  const send = async (answer: ReferralAnswer) => {
    setError(null);
    setSaving(true);
    try {
      const r = await assistanceApi.respond(referral.id, answer);
      message.success(r.grant?.warning ? t('asst.resp.warning', { warning: r.grant.warning.zh }) : t('asst.resp.done', { id: referral.id }));
      invalidateAssistance();
      setDuplicate(null);
      onClose(true);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && (e.details as { field?: string } | undefined)?.field === 'confirm_duplicate') {
        setReason('');
        setReasonMissing(false);
        setDuplicate({ warning: e.message, answer });
      } else {
        setError((e as Error).message);
      }
    } finally {
      setSaving(false);
    }
  };
  const confirmDuplicate = async () => {
    if (!reason.trim()) {
      setReasonMissing(true);
      return;
    }
    await send({ ...duplicate!.answer, confirm_duplicate: true, duplicate_reason: reason.trim() });
  };

  const today = dayjs();
  return (
    <>
      <Modal
        open
        title={t('asst.resp.title', { id: referral.id })}
        onCancel={() => onClose(false)}
        onOk={answering ? () => form.submit() : () => onClose(false)}
        okText={answering ? t('asst.resp.submit') : t('common.close')}
        cancelText={t('common.cancel')}
        cancelButtonProps={answering ? undefined : { style: { display: 'none' } }}
        confirmLoading={saving && !duplicate}
        destroyOnHidden
        width={640}
      >
        <Facts r={referral} />
        {error && <Notice type="error" showIcon title={error} style={{ margin: '12px 0' }} data-testid="respond-error" />}
        {answering && (
          <Form<AnswerValues>
            form={form}
            layout="vertical"
            onFinish={(v) => send(toAnswer(v))}
            initialValues={{ decision: 'accepted', granted_on: today, period: [today.startOf('month'), today.endOf('month')] }}
            style={{ marginTop: 12 }}
            data-testid="respond-form"
          >
            <Form.Item name="decision" label={t('asst.resp.decision')}>
              <Radio.Group aria-label={t('asst.resp.decision')} optionType="button" options={[{ value: 'accepted', label: t('asst.resp.accepted') }, { value: 'declined', label: t('asst.resp.declined') }]} />
            </Form.Item>
            <Form.Item name="result" label={t('asst.resp.result')} rules={decision === 'declined' ? [{ required: true, whitespace: true, message: t('asst.resp.resultRequired') }] : []}>
              <Input.TextArea aria-label={t('asst.resp.result')} rows={2} maxLength={2000} />
            </Form.Item>
            {decision !== 'declined' && (
              <>
                <Form.Item name="amount" label={t('asst.resp.amount')}>
                  <InputNumber aria-label={t('asst.resp.amount')} min={0} step={50} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name="granted_on" label={t('asst.resp.grantedOn')}>
                  <DatePicker aria-label={t('asst.resp.grantedOn')} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name="period" label={t('asst.resp.period')}>
                  <DatePicker.RangePicker aria-label={t('asst.resp.period')} style={{ width: '100%' }} />
                </Form.Item>
              </>
            )}
          </Form>
        )}
      </Modal>
      <Modal
        open={duplicate !== null}
        title={t('asst.resp.dupTitle')}
        okText={t('asst.resp.dupConfirm')}
        cancelText={t('common.cancel')}
        onOk={confirmDuplicate}
        onCancel={() => setDuplicate(null)}
        confirmLoading={saving}
        destroyOnHidden
        data-testid="duplicate-dialog"
      >
        <Notice type="warning" showIcon title={duplicate?.warning} style={{ marginBottom: 12 }} data-testid="duplicate-warning" />
        <Typography.Text>{t('asst.resp.dupReason')}</Typography.Text>
        <Input.TextArea aria-label={t('asst.resp.dupReason')} rows={3} maxLength={1000} value={reason} onChange={(e) => { setReason(e.target.value); setReasonMissing(false); }} status={reasonMissing ? 'error' : undefined} />
        {reasonMissing && <Typography.Text type="danger" data-testid="duplicate-reason-missing">{t('asst.resp.dupReasonRequired')}</Typography.Text>}
      </Modal>
    </>
  );
}
