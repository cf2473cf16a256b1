/**
 * 登记入库 (register_household): the not-yet-registered subject's household as in
 * POST /api/households — hukou type, address, an optional code and the members. For a case
 * from an online application the members may be left out: the application's are used (their
 * ID numbers never leave the server).
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Radio, Row, Select, Typography } from 'antd';
import type { CaseDetail } from '../../../api/cases';
import { useLabels } from '../../../api/vocabulary';
import { useT } from '../../../i18n';
import type { ActionSpec, FormValues } from './spec';

const ID_NUMBER = /^(\d{17}[\dXx]|\d{15})$/;

function RegisterFields({ c }: { c: CaseDetail }) {
  const t = useT();
  const { terms, label } = useLabels();
  const fromApplication = c.source?.kind === 'application';
  return (
    <>
      <Form.Item name={['household', 'hukou_type']} label={t('register.hukou')} rules={[{ required: true, message: t('register.hukouRequired') }]}>
        <Radio.Group options={['urban', 'rural'].map((code) => ({ value: code, label: label('hukou_types', code) }))} />
      </Form.Item>
      <Form.Item name={['household', 'address']} label={t('register.address')} rules={[{ required: true, whitespace: true, message: t('register.addressRequired') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name={['household', 'code']} label={`${t('register.code')}${t('common.optional')}`} extra={t('register.codeHelp')}>
        <Input maxLength={40} autoComplete="off" />
      </Form.Item>
      <Typography.Text strong>{t('register.members')}</Typography.Text>
      {fromApplication && <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{t('register.fromApplication')}</Typography.Paragraph>}
      <Form.List
        name={['household', 'members']}
        rules={fromApplication ? [] : [{ validator: async (_, v) => (v?.length ? undefined : Promise.reject(new Error(t('register.membersRequired')))) }]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((f) => (
              <Row gutter={8} key={f.key} align="top" data-testid="register-member">
                <Col xs={24} sm={7}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('register.nameRequired') }]}>
                    <Input placeholder={t('register.name')} maxLength={40} aria-label={t('register.name')} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={9}>
                  <Form.Item name={[f.name, 'id_number']} rules={[{ required: true, pattern: ID_NUMBER, message: t('register.idInvalid') }]}>
                    <Input placeholder={t('register.idNumber')} maxLength={18} autoComplete="off" aria-label={t('register.idNumber')} />
                  </Form.Item>
                </Col>
                <Col xs={20} sm={6}>
                  <Form.Item name={[f.name, 'relation']} rules={[{ required: true, message: t('register.relationRequired') }]}>
                    <Select placeholder={t('register.relation')} aria-label={t('register.relation')}
                      options={terms('relations').map((r) => ({ value: r.code, label: label('relations', r.code) }))} />
                  </Form.Item>
                </Col>
                <Col xs={4} sm={2}>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('register.remove')} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ relation: fields.length ? undefined : 'head' })} style={{ marginBottom: 8 }}>
              {t('register.add')}
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </>
  );
}

export const registerSpec: ActionSpec = {
  Fields: RegisterFields,
  note: 'optional',
  wide: true,
  toData: (v: FormValues) => {
    const h = (v.household ?? {}) as { code?: string; hukou_type?: string; address?: string; members?: { name: string; id_number: string; relation: string }[] };
    const household: Record<string, unknown> = { hukou_type: h.hukou_type, address: h.address?.trim() };
    if (h.code?.trim()) household.code = h.code.trim();
    if (h.members?.length) household.members = h.members.map((m) => ({ name: m.name.trim(), id_number: m.id_number.trim().toUpperCase(), relation: m.relation }));
    return { household };
  },
};
