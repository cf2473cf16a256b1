/**
 * 录入经济状况核对结果 (record_check): the date, the data queried (each scope needs the family's
 * signed authorization; the scopes it covers are ticked by default), the findings, and the
 * figures of the 12 months before, in CNY.
 */
import { Alert, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import { CHECK_SCOPES, useAuthorizations, type CaseDetail } from '../../../api/cases';
import { useT, type MessageKey } from '../../../i18n';
import { chinaToday } from '../../recognition/format';
import type { ActionSpec } from './spec';

const GROUPS: { title: MessageKey; fields: { key: string; count?: boolean }[] }[] = [
  { title: 'check.income', fields: ['income_wage', 'income_business', 'income_property', 'income_transfer', 'income_other'].map((key) => ({ key })) },
  {
    title: 'check.assets',
    fields: [{ key: 'financial_assets' }, { key: 'vehicle_count', count: true }, { key: 'vehicle_value' }, { key: 'property_count', count: true }],
  },
  { title: 'check.rigid', fields: ['rigid_medical', 'rigid_education', 'rigid_rehab', 'rigid_other'].map((key) => ({ key })) },
];

/** A date kept as "YYYY-MM-DD" in the form (antd's DatePicker wants dayjs). */
export const dateItemProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null }),
  normalize: (d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
};

/** The scopes the household's valid authorizations cover. */
export function useAuthorizedScopes(code: string | null | undefined): { scopes: Set<string> | null } {
  const { data } = useAuthorizations(code);
  if (!data) return { scopes: null };
  return { scopes: new Set(data.filter((a) => a.valid).flatMap((a) => a.scope)) };
}

function CheckFields({ c }: { c: CaseDetail }) {
  const t = useT();
  const form = Form.useFormInstance();
  const { scopes: authorized } = useAuthorizedScopes(c.household_code);
  const chosen: string[] = Form.useWatch('scopes') ?? [];
  const unauthorized = authorized ? chosen.filter((s) => !authorized.has(s)) : [];
  const scopeLabel = (s: string) => t(`scope.${s}` as MessageKey);
  return (
    <>
      <Form.Item name="checked_on" label={t('check.checkedOn')} {...dateItemProps}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > chinaToday()} allowClear={false} />
      </Form.Item>
      <Form.Item
        name="scopes"
        label={t('check.scopes')}
        rules={[{ required: true, type: 'array', min: 1, message: t('check.scopesRequired') }]}
        extra={authorized && authorized.size === 0 ? <Typography.Text type="danger">{t('check.noAuthorization')}</Typography.Text> : undefined}
      >
        <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))', gap: 6 }}
          options={CHECK_SCOPES.map((s) => ({ value: s, label: scopeLabel(s) }))} />
      </Form.Item>
      {unauthorized.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="check-unauthorized"
          title={t('check.unauthorized', { scopes: unauthorized.map(scopeLabel).join('、') })}
          action={<a onClick={() => form.setFieldValue('scopes', chosen.filter((s) => authorized?.has(s)))}>{t('check.keepAuthorized')}</a>} />
      )}
      <Form.Item name="findings" label={t('check.findings')}>
        <Input.TextArea rows={3} maxLength={4000} showCount placeholder={t('check.findingsPlaceholder')} />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{t('check.figuresHint')}</Typography.Paragraph>
      {GROUPS.map((g) => (
        <div key={g.title}>
          <Typography.Text strong>{t(g.title)}</Typography.Text>
          <Row gutter={12} style={{ marginTop: 6 }}>
            {g.fields.map((f) => (
              <Col xs={24} sm={12} key={f.key}>
                <Form.Item name={f.key} label={t(`fig.${f.key}` as MessageKey)}>
                  <InputNumber
                    style={{ width: '100%' }}
                    min={0}
                    precision={f.count ? 0 : 2}
                    step={f.count ? 1 : 100}
                    suffix={f.count ? undefined : t('common.yuan')}
                    aria-label={t(`fig.${f.key}` as MessageKey)}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </div>
      ))}
    </>
  );
}

export const checkSpec: ActionSpec = {
  Fields: CheckFields,
  note: 'optional',
  wide: true,
  initial: () => ({ checked_on: chinaToday(), scopes: [...CHECK_SCOPES] }),
};
