/**
 * /cases/:id/visit — 入户调查: the home-visit form a village worker fills in on a phone (one
 * column, touch-sized), with drafts (保存草稿, and on leaving; in this browser while offline;
 * restored on return) and the submission (`record_visit` with the outcome and, for a confirmed
 * need, the authorization the family signs on the spot).
 */
import { ArrowLeftOutlined, CloudOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Result, Skeleton, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/api';
import {
  VISIT_OUTCOMES, casesApi, invalidateCases, useAuthorizations, useCase, type CaseDetail, type VisitForm, type VisitOutcome,
} from '../../../api/cases';
import { useHousehold } from '../../../api/registry';
import { useCurrentUser } from '../../../api/session';
import { useT } from '../../../i18n';
import { Link, navigate } from '../../../router';
import { fieldPath } from '../actions/spec';
import { CasePerson } from '../labels';
import { chinaToday } from '../../recognition/format';
import { AuthorizationFields, authorizationData, authorizationDefaults, oneYearAfter, type AuthorizationValues } from './AuthorizationFields';
import { BigRadios } from './BigChoices';
import { DraftLine } from './DraftLine';
import { pickDraft, readLocalDraft, serverDraftOf, draftKey, useVisitDraft } from './useVisitDraft';
import { VisitFields } from './VisitFields';

interface Values {
  visit?: VisitForm;
  outcome?: VisitOutcome;
  authorization?: AuthorizationValues;
}

/** The survey as data.visit: blanks left out, text trimmed. */
export function visitData(v: VisitForm | undefined): VisitForm {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v ?? {})) {
    if (x === undefined || x === null) continue;
    if (typeof x === 'string') {
      if (x.trim()) out[k] = x.trim();
    } else out[k] = x;
  }
  return out as VisitForm;
}

function VisitSurvey({ c }: { c: CaseDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const { data: household } = useHousehold(c.household_code ?? undefined);
  const { data: authorizations, error: authError } = useAuthorizations(c.household_code);
  const members = household?.members ?? null;
  const [start] = useState(() => pickDraft(serverDraftOf(c), readLocalDraft(draftKey(me.username, c.id))));
  const read = () => {
    const v = form.getFieldsValue(true) as Values;
    return { visit: visitData(v.visit), outcome: v.outcome };
  };
  const draft = useVisitDraft({ caseId: c.id, username: me.username, start, read });
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const authSet = useRef(false);
  const outcome = Form.useWatch('outcome', form);
  const can = (a: string) => c.actions?.some((x) => x.action === a && x.permitted);

  // the authorization's defaults once the members and the existing authorizations are known
  useEffect(() => {
    if (!members || (!authorizations && !authError) || authSet.current) return;
    authSet.current = true;
    form.setFieldValue('authorization', authorizationDefaults(members, authorizations));
  }, [members, authorizations, authError, form]);

  const onValuesChange = (changed: Values) => {
    const signed = changed.authorization?.signed_on;
    if (signed && !form.isFieldTouched(['authorization', 'expires_on'])) form.setFieldValue(['authorization', 'expires_on'], oneYearAfter(signed));
    if (changed.visit || changed.outcome) draft.changed();
  };

  const submit = async () => {
    if (sendingRef.current) return;
    sendingRef.current = true;
    let v: Values;
    try {
      await form.validateFields();
      v = form.getFieldsValue(true) as Values;
    } catch {
      sendingRef.current = false;
      return;
    }
    setSending(true);
    setError(null);
    try {
      const authorization = v.outcome === 'need_confirmed' && c.household_code ? authorizationData(v.authorization) : undefined;
      await casesApi.transition(c.id, {
        action: 'record_visit',
        data: { visit: visitData(v.visit), outcome: v.outcome, ...(authorization ? { authorization } : {}) },
      });
      draft.finish();
      invalidateCases();
      message.success(t('visit.submitted'));
      navigate(`/cases/${encodeURIComponent(c.id)}`);
    } catch (e) {
      const msg = (e as Error).message;
      setError(msg);
      const path = e instanceof ApiError ? fieldPath((e.details as { field?: unknown } | undefined)?.field) : null;
      if (path) form.setFields([{ name: path as never, errors: [msg] }]);
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  const big = { height: 48, fontSize: 16 } as const;
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      size="large"
      initialValues={{ visit: { visited_on: chinaToday(), ...start.visit }, outcome: start.outcome }}
      onValuesChange={onValuesChange}
      data-testid="visit-form"
      requiredMark
    >
      <DraftLine status={draft.status} />
      <VisitFields members={members} subject={c.subject} />
      <Form.Item name="outcome" label={t('visit.outcome')} rules={[{ required: true, message: t('visit.outcomeRequired') }]}>
        <BigRadios aria-label={t('visit.outcome')} data-testid="visit-outcome" options={VISIT_OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))} />
      </Form.Item>
      {outcome === 'need_confirmed' && !c.household_code && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('visit.registerFirst')} data-testid="register-first" />
      )}
      {outcome === 'need_confirmed' && members && <AuthorizationFields members={members} existing={authorizations} />}
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} data-testid="visit-error" />}
      <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        {can('record_visit') && (
          <Button type="primary" block icon={<SendOutlined />} style={big} onClick={submit} loading={sending} disabled={sending} data-testid="visit-submit">
            {t('visit.submit')}
          </Button>
        )}
        {can('save_visit') && (
          <Button block icon={<SaveOutlined />} style={big} onClick={() => void draft.save()} disabled={sending || draft.status.kind === 'saving'} data-testid="visit-save">
            {t('visit.saveDraft')}
          </Button>
        )}
      </div>
    </Form>
  );
}

export function VisitPage({ id }: { id: string }) {
  const t = useT();
  const { data: c, error, loading } = useCase(id);
  const back = (
    <Link to={`/cases/${encodeURIComponent(id)}`} data-testid="visit-back">
      <ArrowLeftOutlined /> {t('visit.back')}
    </Link>
  );
  let body;
  if (error && !c) body = <Alert type="error" showIcon title={t('common.loadFailed')} description={error.message} />;
  else if (!c || (loading && c.id !== id)) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (!c.actions?.some((a) => (a.action === 'save_visit' || a.action === 'record_visit') && a.permitted)) {
    body = <Result status="info" icon={<CloudOutlined />} title={t('visit.notNow')} subTitle={t('visit.notNowHint')} />;
  } else {
    body = (
      <>
        <div style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('cases.caseNo', { id: c.id })} · {c.region_name}</Typography.Text>
          <div><CasePerson head={c.head} subject={c.subject} /></div>
        </div>
        <VisitSurvey key={c.id} c={c} />
      </>
    );
  }
  return (
    <Card size="small" title={back} style={{ maxWidth: 640, margin: '0 auto' }} styles={{ body: { padding: 12 } }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('visit.title')}</Typography.Title>
      {body}
    </Card>
  );
}
