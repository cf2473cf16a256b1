/**
 * The family's signed authorization for the economic check, recorded on the spot when the need
 * is confirmed (`data.authorization`, the body of POST /api/households/{code}/authorizations):
 * the signer (a member), the scopes (all ticked by default), signed today, valid for a year,
 * and the paper's reference if any. Off by default when the household already has a valid one.
 */
import { Alert, DatePicker, Form, Input, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { CHECK_SCOPES, type AuthorizationRecord } from '../../../api/cases';
import type { Member } from '../../../api/registry';
import { useT, type MessageKey } from '../../../i18n';
import { chinaToday } from '../../recognition/format';
import { dateItemProps } from '../actions/CheckFields';
import { BigChecks } from './BigChoices';

export interface AuthorizationValues {
  sign?: boolean;
  signed_by_person_id?: string;
  scope?: string[];
  signed_on?: string;
  expires_on?: string;
  file_ref?: string;
}

export const oneYearAfter = (day: string) => dayjs(day).add(1, 'year').format('YYYY-MM-DD');

/** The defaults: signed by the head today, every scope, valid for a year. */
export function authorizationDefaults(members: Member[] | null, existing: AuthorizationRecord[] | undefined): AuthorizationValues {
  const today = chinaToday();
  const head = members?.find((m) => m.relation === 'head') ?? members?.[0];
  return {
    sign: !existing?.some((a) => a.valid),
    signed_by_person_id: head ? String(head.id) : undefined,
    scope: [...CHECK_SCOPES],
    signed_on: today,
    expires_on: oneYearAfter(today),
  };
}

/** The body to send, or undefined when nothing is signed on this visit. */
export function authorizationData(v: AuthorizationValues | undefined) {
  if (!v?.sign) return undefined;
  return {
    signed_by_person_id: v.signed_by_person_id,
    scope: v.scope ?? [],
    signed_on: v.signed_on,
    expires_on: v.expires_on,
    ...(v.file_ref?.trim() ? { file_ref: v.file_ref.trim() } : {}),
  };
}

export function AuthorizationFields({ members, existing }: { members: Member[]; existing: AuthorizationRecord[] | undefined }) {
  const t = useT();
  const sign = Form.useWatch(['authorization', 'sign']);
  const valid = existing?.filter((a) => a.valid) ?? [];
  const P = (k: keyof AuthorizationValues) => ['authorization', k];
  return (
    <div data-testid="visit-authorization" style={{ border: '1px solid #d6e4ff', background: '#f6f8fc', borderRadius: 6, padding: '12px 12px 0', marginBottom: 16 }}>
      {valid.length > 0 && (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="authorization-valid"
          title={t('auth.hasValid', { until: valid.map((a) => a.expires_on).sort().at(-1)! })} />
      )}
      <Form.Item name={P('sign')} label={t('auth.signNow')} valuePropName="checked">
        <Switch aria-label={t('auth.signNow')} />
      </Form.Item>
      {sign && (
        <>
          <Form.Item name={P('signed_by_person_id')} label={t('auth.signer')} rules={[{ required: true, message: t('auth.signerRequired') }]}>
            <Select size="large" aria-label={t('auth.signer')} options={members.map((m) => ({ value: String(m.id), label: m.name }))} />
          </Form.Item>
          <Form.Item name={P('scope')} label={t('auth.scope')} rules={[{ required: true, type: 'array', min: 1, message: t('auth.scopeRequired') }]}>
            <BigChecks aria-label={t('auth.scope')} options={CHECK_SCOPES.map((s) => ({ value: s, label: t(`scope.${s}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name={P('signed_on')} label={t('auth.signedOn')} rules={[{ required: true, message: t('auth.signedOnRequired') }]} {...dateItemProps}>
            <DatePicker size="large" style={{ width: '100%' }} allowClear={false} inputReadOnly disabledDate={(d) => d.format('YYYY-MM-DD') > chinaToday()} />
          </Form.Item>
          <Form.Item name={P('expires_on')} label={t('auth.expiresOn')} rules={[{ required: true, message: t('auth.expiresOnRequired') }]} {...dateItemProps}>
            <DatePicker size="large" style={{ width: '100%' }} allowClear={false} inputReadOnly />
          </Form.Item>
          <Form.Item name={P('file_ref')} label={`${t('auth.fileRef')}${t('common.optional')}`} extra={t('auth.fileRefHelp')}>
            <Input size="large" maxLength={200} autoComplete="off" />
          </Form.Item>
        </>
      )}
    </div>
  );
}
