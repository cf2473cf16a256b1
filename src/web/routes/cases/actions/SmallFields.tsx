/**
 * The small forms: 小额快救 and 临时救助 (an amount; the fast relief capped by the assessment's
 * `amounts.fast_relief_cap` when there is one), 退出 (gradual exit for 低保, the 边缘/刚性 review
 * offer) and 分派 (the village or township that visits, and optionally a named worker).
 */
import { Alert, Form, Input, InputNumber, Switch } from 'antd';
import type { CaseDetail } from '../../../api/cases';
import { useCurrentUser } from '../../../api/session';
import { useT } from '../../../i18n';
import { RegionPicker } from '../../registry/RegionPicker';
import { cny } from '../labels';
import type { ActionSpec } from './spec';

export const reliefCap = (c: CaseDetail): number | null => {
  const cap = c.assessment?.amounts?.fast_relief_cap;
  return typeof cap === 'number' && Number.isFinite(cap) ? cap : null;
};

function AmountField({ cap }: { cap: number | null }) {
  const t = useT();
  return (
    <>
      {cap !== null && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('relief.cap', { v: cny(cap) })} data-testid="relief-cap" />}
      <Form.Item
        name="amount"
        label={t('relief.amount')}
        rules={[
          { required: true, message: t('relief.amountRequired') },
          {
            validator: (_, v) =>
              v === undefined || v === null || (v > 0 && (cap === null || v <= cap))
                ? Promise.resolve()
                : Promise.reject(new Error(v <= 0 ? t('relief.amountPositive') : t('relief.overCap', { v: cny(cap) }))),
          },
        ]}
      >
        <InputNumber style={{ width: '100%' }} min={0} precision={2} step={100} suffix={t('common.yuan')} aria-label={t('relief.amount')} />
      </Form.Item>
    </>
  );
}

function FastReliefFields({ c }: { c: CaseDetail }) {
  return <AmountField cap={reliefCap(c)} />;
}

function TemporaryFields() {
  return <AmountField cap={null} />;
}

export const fastReliefSpec: ActionSpec = { Fields: FastReliefFields, note: 'required', noteLabel: 'relief.note', hint: 'relief.fastHint' };
export const temporarySpec: ActionSpec = { Fields: TemporaryFields, note: 'required', noteLabel: 'relief.note' };

const PUBLISHED = ['dibao', 'tekun'];

function ExitFields({ c }: { c: CaseDetail }) {
  const t = useT();
  const category = c.decision?.category ?? c.proposed_category;
  return (
    <>
      {category === 'dibao' && (
        <Form.Item name="gradual_exit" label={t('exit.gradual')} valuePropName="checked" extra={t('exit.gradualHelp')}>
          <Switch />
        </Form.Item>
      )}
      {PUBLISHED.includes(String(category)) && (
        <Form.Item name="offer_review" label={t('exit.offerReview')} valuePropName="checked" extra={t('exit.offerReviewHelp')}>
          <Switch />
        </Form.Item>
      )}
    </>
  );
}

export const exitSpec: ActionSpec = {
  Fields: ExitFields,
  note: 'required',
  noteLabel: 'exit.note',
  danger: true,
  initial: (c) => {
    const category = c.decision?.category ?? c.proposed_category;
    return {
      ...(category === 'dibao' ? { gradual_exit: false } : {}),
      ...(PUBLISHED.includes(String(category)) ? { offer_review: true } : {}),
    };
  },
  toData: (v) => ({
    ...(typeof v.gradual_exit === 'boolean' ? { gradual_exit: v.gradual_exit } : {}),
    ...(typeof v.offer_review === 'boolean' ? { offer_review: v.offer_review } : {}),
  }),
};

function AssignFields() {
  const t = useT();
  const me = useCurrentUser();
  return (
    <>
      <Form.Item name="to_region" label={t('assign.toRegion')} extra={t('assign.toRegionHelp')}>
        <RegionPicker rootCode={me.region_code} aria-label={t('assign.toRegion')} />
      </Form.Item>
      <Form.Item name="username" label={`${t('assign.username')}${t('common.optional')}`}>
        <Input maxLength={64} placeholder={t('assign.usernamePlaceholder')} autoComplete="off" />
      </Form.Item>
    </>
  );
}

export const assignSpec: ActionSpec = {
  Fields: AssignFields,
  note: 'optional',
  initial: (c) => ({ to_region: c.assignee?.region_code ?? c.region_code }),
};
