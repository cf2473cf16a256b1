/**
 * 转介部门救助 (refer): the programs the matching recommends for this household
 * (GET /api/cases/{id}/recommendations), recommended ones ticked with their reasons, the others
 * to tick by hand; each ticked program becomes a referral to its department.
 */
import { Alert, Checkbox, Form, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useRecommendations, type CaseDetail, type Recommendation } from '../../../api/cases';
import { useT } from '../../../i18n';
import { cny, useCaseLabels } from '../labels';
import type { ActionSpec } from './spec';

function ProgramOption({ r }: { r: Recommendation }) {
  const t = useT();
  const { name, optional } = useCaseLabels();
  return (
    <div style={{ lineHeight: 1.5 }} data-testid={`program-${r.program.code}`}>
      <Space size={6} wrap>
        <Typography.Text strong>{name(r.program)}</Typography.Text>
        <Tag style={{ marginInlineEnd: 0 }}>{optional('programType', r.program.type)}</Tag>
        <Typography.Text type="secondary">{r.program.department}</Typography.Text>
        {r.recommended && <Tag color="green" style={{ marginInlineEnd: 0 }}>{t('refer.recommended')}</Tag>}
        {r.amount_estimate !== null && r.amount_estimate !== undefined && (
          <Typography.Text>{t('refer.estimate', { v: cny(r.amount_estimate) })}</Typography.Text>
        )}
      </Space>
      {r.reasons?.length > 0 && (
        <ul style={{ margin: '2px 0 0', paddingInlineStart: 18, color: '#595959', fontSize: 13 }} data-testid="refer-reasons">
          {r.reasons.map((x, i) => <li key={i}>{name(x)}</li>)}
        </ul>
      )}
    </div>
  );
}

function ReferFields({ c }: { c: CaseDetail }) {
  const t = useT();
  const form = Form.useFormInstance();
  const { data, error, loading } = useRecommendations(c.id);
  const ticked = useRef(false);
  // the recommended programs start ticked, once, when the list arrives
  useEffect(() => {
    if (!data || ticked.current) return;
    ticked.current = true;
    if (!form.isFieldTouched('programs')) form.setFieldValue('programs', data.filter((r) => r.recommended).map((r) => r.program.code));
  }, [data, form]);
  if (error) return <Alert type="error" showIcon title={t('common.loadFailed')} description={error.message} />;
  if (loading && !data) return <Skeleton active paragraph={{ rows: 3 }} />;
  const list = [...(data ?? [])].sort((a, b) => Number(b.recommended) - Number(a.recommended));
  return (
    <Form.Item name="programs" label={t('refer.programs')} rules={[{ required: true, type: 'array', min: 1, message: t('refer.programsRequired') }]}>
      <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 10 }} data-testid="refer-programs">
        {list.map((r) => (
          <Checkbox key={r.program.code} value={r.program.code}>
            <ProgramOption r={r} />
          </Checkbox>
        ))}
      </Checkbox.Group>
    </Form.Item>
  );
}

export const referSpec: ActionSpec = { Fields: ReferFields, note: 'optional', wide: true };
