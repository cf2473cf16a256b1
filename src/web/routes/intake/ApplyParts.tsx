/** Parts of the application form: one person's fields, the family members, the authorization and declaration. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Form, Input, Select, Typography } from 'antd';
import { CHECK_SCOPES } from '../../api/intake';
import { useLabels } from '../../api/vocabulary';
import { useLang, useT } from '../../i18n';
import { idNumberProblem } from './formChecks';

type Name = (string | number)[];

/** Name, ID number and relation of one person, at `name` inside the form (or inside a Form.List item). */
export function PersonFields({ name, defaultRelation }: { name: Name; defaultRelation?: string }) {
  const t = useT();
  const { lang } = useLang();
  const { terms } = useLabels();
  return (
    <>
      <Form.Item name={[...name, 'name']} label={t('intake.apply.name')} rules={[{ required: true, whitespace: true, message: t('intake.apply.required', { field: t('intake.apply.name') }) }, { max: 50 }]}>
        <Input maxLength={50} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name={[...name, 'id_number']}
        label={t('intake.apply.idNumber')}
        validateTrigger="onBlur"
        rules={[
          { required: true, message: t('intake.apply.required', { field: t('intake.apply.idNumber') }) },
          { validator: (_, v?: string) => (!v || !idNumberProblem(v) ? Promise.resolve() : Promise.reject(new Error(t(idNumberProblem(v)!)))) },
        ]}
      >
        <Input maxLength={18} autoComplete="off" spellCheck={false} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }} />
      </Form.Item>
      <Form.Item name={[...name, 'relation']} label={t('intake.apply.relation')} initialValue={defaultRelation} rules={[{ required: true, message: t('intake.apply.required', { field: t('intake.apply.relation') }) }]}>
        <Select options={terms('relations').map((r) => ({ value: r.code, label: r[lang] }))} />
      </Form.Item>
    </>
  );
}

/** Form.List 'members': add and remove, each person in a small card. */
export function MemberList() {
  const t = useT();
  return (
    <Form.List name="members">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <Card
              key={f.key}
              size="small"
              style={{ marginBottom: 12 }}
              title={t('intake.apply.memberN', { n: i + 1 })}
              extra={<Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => remove(f.name)} data-testid={`remove-member-${i}`}>{t('intake.apply.removeMember')}</Button>}
              data-testid="member-card"
            >
              <PersonFields name={[f.name]} />
            </Card>
          ))}
          <Button block type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 19} data-testid="add-member">
            {t('intake.apply.addMember')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

const mustBeChecked = (message: string) => ({ validator: (_: unknown, v?: boolean) => (v ? Promise.resolve() : Promise.reject(new Error(message))) });

/** 家庭经济状况核对授权书 (with every scope in plain words) and 声明承诺, each a checkbox, signed by the applicant. */
export function ConsentSection({ signer }: { signer?: string }) {
  const t = useT();
  const box = { background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', marginBottom: 8 };
  return (
    <>
      <Typography.Text strong>{t('intake.apply.authTitle')}</Typography.Text>
      <div style={box} data-testid="authorization-text">
        <Typography.Paragraph style={{ marginBottom: 4 }}>{t('intake.apply.authText')}</Typography.Paragraph>
        <ol style={{ paddingInlineStart: 20, margin: '0 0 4px' }}>
          {CHECK_SCOPES.map((s) => (
            <li key={s}>{t(`intake.scope.${s}`)}</li>
          ))}
        </ol>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('intake.apply.authAfter')}</Typography.Paragraph>
      </div>
      <Form.Item name={['consent', 'authorize_check']} valuePropName="checked" rules={[mustBeChecked(t('intake.apply.authorizeRequired'))]}>
        <Checkbox data-testid="authorize-check">{t('intake.apply.authorize')}</Checkbox>
      </Form.Item>
      <Typography.Text strong>{t('intake.apply.declTitle')}</Typography.Text>
      <div style={box}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('intake.apply.declText')}</Typography.Paragraph>
      </div>
      <Form.Item name={['consent', 'declaration']} valuePropName="checked" rules={[mustBeChecked(t('intake.apply.declareRequired'))]}>
        <Checkbox data-testid="declaration">{t('intake.apply.declare')}</Checkbox>
      </Form.Item>
      {signer && <Typography.Text type="secondary">{t('intake.apply.signer', { name: signer })}</Typography.Text>}
    </>
  );
}
