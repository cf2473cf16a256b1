/**
 * 审核确认 (decide): approve a category or refuse with written reasons. Approving a category other
 * than the assessment's tier needs the officer's reason for overriding it; approving 低保/特困
 * needs the publicity period over (said here, checked by the server). For 特困 the persons
 * recognized can be changed (`person_ids`; default: those the assessment recognized).
 */
import { Alert, Checkbox, Form, Input, Radio } from 'antd';
import type { CaseDetail } from '../../../api/cases';
import type { TierCategory } from '../../../api/recognition';
import { useHousehold } from '../../../api/registry';
import { useT } from '../../../i18n';
import type { ActionSpec, FormValues } from './spec';

export const TIER_CATEGORIES: readonly TierCategory[] = ['tekun', 'dibao', 'marginal', 'rigid_expense'];
const PUBLISHED: readonly string[] = ['dibao', 'tekun'];

/** The assessment's tier as a category (none → null). */
export const tierOf = (c: CaseDetail): string | null => (c.assessment?.tier && c.assessment.tier !== 'none' ? c.assessment.tier : null);

export const overrides = (c: CaseDetail, category: unknown) => !!category && category !== tierOf(c);

function TekunPersons({ c }: { c: CaseDetail }) {
  const t = useT();
  const { data: h } = useHousehold(c.household_code ?? undefined);
  if (!h) return null;
  return (
    <Form.Item name="person_ids" label={t('decide.personIds')} extra={t('decide.personIdsHelp')}>
      <Checkbox.Group options={h.members.map((m) => ({ value: String(m.id), label: `${m.name}（${m.id_number}）` }))} />
    </Form.Item>
  );
}

/** A rule that applies only when `when` holds for the form's current values (checked at submit, whatever is shown). */
const requiredWhen = (when: (get: (name: string) => unknown) => boolean, message: string) =>
  ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: (_: unknown, v: unknown) =>
      !when(getFieldValue) || (typeof v === 'string' ? v.trim() : v) ? Promise.resolve() : Promise.reject(new Error(message)),
  });

function DecideFields({ c }: { c: CaseDetail }) {
  const t = useT();
  const outcome = Form.useWatch('outcome');
  const category = Form.useWatch('category');
  const tier = tierOf(c);
  const approving = outcome === 'approved';
  // every field stays in the form (hidden when it does not apply), so a quick submit is checked the same way
  const approved = (get: (n: string) => unknown) => get('outcome') === 'approved';
  return (
    <>
      {tier && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('decide.tier', { tier: t(`tier.${tier as TierCategory}`) })} data-testid="decide-tier" />
      )}
      <Form.Item name="outcome" label={t('decide.outcome')} rules={[{ required: true, message: t('decide.outcomeRequired') }]}>
        <Radio.Group optionType="button" buttonStyle="solid" options={[
          { value: 'approved', label: t('decide.approved') },
          { value: 'refused', label: t('decide.refused') },
        ]} />
      </Form.Item>
      <Form.Item name="category" label={t('decide.category')} hidden={!approving} dependencies={['outcome']}
        rules={[requiredWhen(approved, t('decide.categoryRequired'))]}>
        <Radio.Group options={TIER_CATEGORIES.map((k) => ({ value: k, label: t(`tier.${k}`) }))} />
      </Form.Item>
      {approving && PUBLISHED.includes(String(category)) && c.state === 'assessed' && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('decide.needsPublicity')} data-testid="decide-publicity" />
      )}
      <Form.Item name="override_reason" label={t('decide.overrideReason')} hidden={!(approving && overrides(c, category))} dependencies={['outcome', 'category']}
        rules={[requiredWhen((get) => approved(get) && overrides(c, get('category')), t('decide.overrideRequired'))]}>
        <Input.TextArea rows={2} maxLength={1000} showCount aria-label={t('decide.overrideReason')} />
      </Form.Item>
      {approving && category === 'tekun' && c.household_code && <TekunPersons c={c} />}
      <Form.Item name="reasons" label={t('decide.reasons')} hidden={outcome !== 'refused'} dependencies={['outcome']}
        rules={[requiredWhen((get) => get('outcome') === 'refused', t('decide.reasonsRequired'))]}>
        <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('decide.reasonsPlaceholder')} aria-label={t('decide.reasons')} />
      </Form.Item>
    </>
  );
}

export const decideSpec: ActionSpec = {
  Fields: DecideFields,
  note: 'optional',
  initial: (c) => {
    const fromAssessment = (c.assessment?.recognitions ?? []).filter((r) => r.category === 'tekun' && r.person_id).map((r) => String(r.person_id));
    return { category: c.proposed_category ?? tierOf(c) ?? undefined, person_ids: fromAssessment.length ? fromAssessment : undefined };
  },
  toData: (v: FormValues, c) => {
    if (v.outcome === 'refused') return { outcome: 'refused', reasons: String(v.reasons ?? '').trim() };
    const data: Record<string, unknown> = { outcome: 'approved', category: v.category };
    if (overrides(c, v.category)) data.override_reason = String(v.override_reason ?? '').trim();
    if (v.category === 'tekun' && Array.isArray(v.person_ids) && v.person_ids.length) data.person_ids = v.person_ids;
    return data;
  },
};

function PublicityFields({ c }: { c: CaseDetail }) {
  const t = useT();
  const category = Form.useWatch('category');
  return (
    <>
      <Form.Item name="category" label={t('decide.category')} rules={[{ required: true, message: t('decide.categoryRequired') }]}>
        <Radio.Group options={PUBLISHED.map((k) => ({ value: k, label: t(`tier.${k as TierCategory}`) }))} />
      </Form.Item>
      <Form.Item name="override_reason" label={t('decide.overrideReason')} hidden={!overrides(c, category)} dependencies={['category']}
        rules={[requiredWhen((get) => overrides(c, get('category')), t('decide.overrideRequired'))]}>
        <Input.TextArea rows={2} maxLength={1000} showCount aria-label={t('decide.overrideReason')} />
      </Form.Item>
    </>
  );
}

export const publicitySpec: ActionSpec = {
  Fields: PublicityFields,
  note: 'optional',
  hint: 'publicity.hint',
  initial: (c) => {
    const tier = tierOf(c);
    return { category: tier && PUBLISHED.includes(tier) ? tier : PUBLISHED.includes(String(c.proposed_category)) ? c.proposed_category! : undefined };
  },
  toData: (v, c) => ({
    category: v.category,
    ...(overrides(c, v.category) ? { override_reason: String(v.override_reason ?? '').trim() } : {}),
  }),
};
