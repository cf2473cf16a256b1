/**
 * /apply — 网上申请救助: the public, phone-first form a family fills without an account
 * (POST /api/public/applications). Where they live, who lives with them, what they need, the
 * signed authorization for the economic check and the declaration; then the reference, big,
 * to write down. The server's errors appear at the fields they name.
 */
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Result, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/api';
import { intakeApi, localMessage, NEEDS, type ApplicationReceipt, type ApplicationRequest, type PersonEntry } from '../../api/intake';
import { useLabels } from '../../api/vocabulary';
import { useLang, useT } from '../../i18n';
import { Link, navigate } from '../../router';
import { ConsentSection, MemberList, PersonFields } from './ApplyParts';
import { normalizeId, phoneOk, showServerErrors } from './formChecks';
import { PublicFrame } from './PublicFrame';
import { RegionSteps } from './RegionSteps';

interface ApplyValues {
  region_code?: string;
  hukou_type: 'urban' | 'rural';
  address: string;
  phone: string;
  applicant: PersonEntry;
  members?: PersonEntry[];
  needs: string[];
  description?: string;
  consent: { authorize_check?: boolean; declaration?: boolean };
}

const HUKOU_FALLBACK = [{ code: 'urban', zh: '城镇', en: 'Urban' }, { code: 'rural', zh: '农村', en: 'Rural' }];


/** The reference just received: the status page starts with it (kept in memory only). */
export const lastApplication = { reference: '' };

const person = (p: PersonEntry): PersonEntry => ({ name: p.name.trim(), id_number: normalizeId(p.id_number), relation: p.relation });

function toRequest(v: ApplyValues): ApplicationRequest {
  const applicant = person(v.applicant);
  return {
    region_code: v.region_code!, hukou_type: v.hukou_type, address: v.address.trim(), phone: v.phone.trim(),
    applicant, members: (v.members ?? []).map(person), needs: v.needs, description: v.description?.trim() || undefined,
    consent: { authorize_check: !!v.consent.authorize_check, declaration: !!v.consent.declaration, signer_name: applicant.name },
  };
}

function Receipt({ receipt }: { receipt: ApplicationReceipt }) {
  const t = useT();
  return (
    <Card>
      <Result
        status="success"
        title={t('intake.apply.done')}
        subTitle={t('intake.apply.doneHint')}
        extra={
          <Button type="primary" size="large" block onClick={() => navigate('/apply/status')}>
            {t('intake.apply.checkStatus')}
          </Button>
        }
      >
        <div style={{ textAlign: 'center' }}>
          <Typography.Text type="secondary">{t('intake.apply.reference')}</Typography.Text>
          <Typography.Paragraph copyable={{ text: receipt.reference }} style={{ fontSize: 28, fontWeight: 700, letterSpacing: 1, margin: '4px 0', fontFamily: 'ui-monospace, Menlo, Consolas, monospace', wordBreak: 'break-all' }} data-testid="reference">
            {receipt.reference}
          </Typography.Paragraph>
          <Typography.Text strong type="danger" style={{ fontSize: 16 }}>{t('intake.apply.writeDown')}</Typography.Text>
        </div>
      </Result>
    </Card>
  );
}

export function ApplyPage() {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<ApplyValues>();
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string[] | null>(null);
  const [receipt, setReceipt] = useState<ApplicationReceipt | null>(null);
  const applicantName = Form.useWatch(['applicant', 'name'], form);
  const { terms } = useLabels();
  const hukouTypes = terms('hukou_types').length ? terms('hukou_types') : HUKOU_FALLBACK;

  const onFinish = async (v: ApplyValues) => {
    setProblem(null);
    setSending(true);
    try {
      const r = await intakeApi.apply(toRequest(v));
      lastApplication.reference = r.reference;
      setReceipt(r);
      window.scrollTo?.(0, 0);
    } catch (e) {
      const err = e as ApiError;
      if (err instanceof ApiError && err.status === 400) {
        const unplaced = showServerErrors(form, err, lang, (p) => (p[0] === 'needs' ? ['needs'] : p));
        setProblem([t('intake.apply.fixErrors'), ...unplaced]);
      } else setProblem([localMessage(err.message, lang)]);
    } finally {
      setSending(false);
    }
  };

  if (receipt) return <PublicFrame><Receipt receipt={receipt} /></PublicFrame>;
  const section = (title: string) => <Typography.Title level={5} style={{ marginTop: 8 }}>{title}</Typography.Title>;
  return (
    <PublicFrame>
      <Card styles={{ body: { padding: '16px 14px' } }}>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="apply-title">{t('intake.apply.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('intake.apply.intro')}</Typography.Paragraph>
        <Link to="/apply/status">{t('intake.apply.goStatus')}</Link>
        <Form<ApplyValues>
          form={form}
          layout="vertical"
          size="large"
          requiredMark={false}
          onFinish={onFinish}
          onFinishFailed={({ errorFields }) => errorFields[0] && form.scrollToField(errorFields[0].name, { block: 'center' })}
          initialValues={{ hukou_type: 'urban', members: [], needs: [], consent: {} }}
          style={{ marginTop: 12 }}
        >
          {section(t('intake.apply.section.where'))}
          <Form.Item name="region_code" label={t('intake.apply.region')} rules={[{ required: true, message: t('intake.apply.regionRequired') }]}>
            <RegionSteps />
          </Form.Item>
          <Form.Item name="hukou_type" label={t('intake.apply.hukou')}>
            <Radio.Group optionType="button" options={hukouTypes.map((h) => ({ value: h.code, label: h[lang] }))} />
          </Form.Item>
          <Form.Item name="address" label={t('intake.apply.address')} rules={[{ required: true, whitespace: true, message: t('intake.apply.required', { field: t('intake.apply.address') }) }]}>
            <Input maxLength={200} placeholder={t('intake.apply.addressPlaceholder')} />
          </Form.Item>
          <Form.Item name="phone" label={t('intake.apply.phone')} validateTrigger="onBlur" rules={[{ validator: (_, v?: string) => (phoneOk(v) ? Promise.resolve() : Promise.reject(new Error(t('intake.apply.phoneInvalid')))) }]}>
            <Input type="tel" inputMode="tel" maxLength={20} autoComplete="tel" />
          </Form.Item>

          {section(t('intake.apply.section.applicant'))}
          <PersonFields name={['applicant']} defaultRelation="head" />

          {section(t('intake.apply.section.members'))}
          <Typography.Paragraph type="secondary">{t('intake.apply.membersHint')}</Typography.Paragraph>
          <MemberList />

          {section(t('intake.apply.section.needs'))}
          <Form.Item name="needs" label={t('intake.apply.needs')} rules={[{ required: true, type: 'array', min: 1, message: t('intake.apply.needsRequired') }]}>
            <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', rowGap: 8 }} options={NEEDS.map((n) => ({ value: n, label: t(`intake.need.${n}`) }))} />
          </Form.Item>
          <Form.Item name="description" label={t('intake.apply.description')}>
            <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('intake.apply.descriptionPlaceholder')} />
          </Form.Item>

          {section(t('intake.apply.section.consent'))}
          <ConsentSection signer={applicantName?.trim()} />

          {problem && <Alert type="error" showIcon style={{ margin: '12px 0' }} title={problem[0]} description={problem.length > 1 ? problem.slice(1).join('；') : undefined} data-testid="apply-error" />}
          <Button type="primary" htmlType="submit" block size="large" loading={sending} style={{ marginTop: 12 }} data-testid="apply-submit">
            {t('intake.apply.submit')}
          </Button>
        </Form>
      </Card>
    </PublicFrame>
  );
}
