/**
 * The program editor (program.manage): the common fields as a form, the condition as JSON.
 * The server checks the whole definition and names the part that is wrong; the message is
 * shown on the field that holds that part.
 */
import { SaveOutlined } from '@ant-design/icons';
import { Alert as Notice, App, Button, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/api';
import { assistanceApi, invalidateAssistance, usePrograms, type Program } from '../../api/assistance';
import { useT } from '../../i18n';
import { useAssistanceLabels } from './labels';
import { fieldOfPart, parseCondition, toDefinition, toForm, type ProgramFormValues } from './programForm';

export function ProgramEditor({ program, onDone }: { program: Program; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { data: catalog } = usePrograms();
  const { name } = useAssistanceLabels(catalog);
  const [form] = Form.useForm<ProgramFormValues>();
  const kind = Form.useWatch('amountKind', form) ?? program.definition.amount.kind;
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const options = (list: { code: string; zh: string; en: string }[] | undefined) => (list ?? []).map((x) => ({ value: x.code, label: name(x) }));
  const required = (field: string) => ({ required: true, message: t('asst.f.required', { field }) });

  const save = async (values: ProgramFormValues) => {
    setGeneral(null);
    setSaving(true);
    try {
      const saved = await assistanceApi.saveProgram(program.code, toDefinition(program.code, values), values.active);
      message.success(t('asst.prog.saved', { v: saved.version }));
      invalidateAssistance();
      onDone();
    } catch (e) {
      const part = e instanceof ApiError ? (e.details as { field?: string } | undefined)?.field : undefined;
      const field = fieldOfPart(part);
      if (field) form.setFields([{ name: field, errors: [(e as Error).message] }]);
      else setGeneral((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<ProgramFormValues> form={form} layout="vertical" initialValues={toForm(program)} onFinish={save} data-testid="program-editor">
      {general && <Notice type="error" showIcon title={general} style={{ marginBottom: 12 }} data-testid="program-error" />}
      <Row gutter={12}>
        <Col xs={24} md={12}><Form.Item name="zh" label={t('asst.f.zh')} rules={[required(t('asst.f.zh'))]}><Input aria-label={t('asst.f.zh')} maxLength={60} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="en" label={t('asst.f.en')} rules={[required(t('asst.f.en'))]}><Input aria-label={t('asst.f.en')} maxLength={120} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="type" label={t('asst.f.type')} rules={[required(t('asst.f.type'))]}><Select aria-label={t('asst.f.type')} options={options(catalog?.types)} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="department" label={t('asst.f.department')} rules={[required(t('asst.f.department'))]}><Select aria-label={t('asst.f.department')} options={options(catalog?.departments)} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="active" label={t('asst.f.active')} valuePropName="checked"><Switch aria-label={t('asst.f.active')} /></Form.Item></Col>
        <Col xs={24}><Form.Item name="tiers" label={t('asst.f.tiers')} rules={[{ ...required(t('asst.f.tiers')), type: 'array', min: 1 }]}><Select mode="multiple" aria-label={t('asst.f.tiers')} options={options(catalog?.tiers)} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="amountKind" label={t('asst.f.amountKind')}><Select aria-label={t('asst.f.amountKind')} options={options(catalog?.amount_kinds)} /></Form.Item></Col>
        {kind === 'fixed' && (
          <>
            <Col xs={12} md={6}><Form.Item name="amount" label={t('asst.f.amount')} rules={[required(t('asst.f.amount'))]}><InputNumber aria-label={t('asst.f.amount')} style={{ width: '100%' }} step={10} /></Form.Item></Col>
            <Col xs={12} md={5}><Form.Item name="per" label={t('asst.f.per')}><Select aria-label={t('asst.f.per')} options={[{ value: 'household', label: t('asst.per.household') }, { value: 'person', label: t('asst.per.person') }]} /></Form.Item></Col>
            <Col xs={24} md={5}><Form.Item name="period" label={t('asst.f.period')}><Select aria-label={t('asst.f.period')} options={options(catalog?.periods)} /></Form.Item></Col>
          </>
        )}
        {kind === 'months_of_standard' && <Col xs={12} md={6}><Form.Item name="months" label={t('asst.f.months')} rules={[required(t('asst.f.months'))]}><InputNumber aria-label={t('asst.f.months')} style={{ width: '100%' }} /></Form.Item></Col>}
        {kind === 'assessed' && <Col xs={24} md={8}><Form.Item name="field" label={t('asst.f.field')}><Select aria-label={t('asst.f.field')} options={options(catalog?.assessed_fields)} /></Form.Item></Col>}
        <Col xs={24}>
          <Form.Item
            name="condition"
            label={t('asst.f.condition')}
            rules={[{ validator: async (_: unknown, text: string | undefined) => { const r = parseCondition(text ?? ''); if ('error' in r) throw new Error(t('asst.f.jsonInvalid', { error: r.error })); } }]}
          >
            <Input.TextArea aria-label={t('asst.f.condition')} rows={6} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 12 }} />
          </Form.Item>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }}>
            {t('asst.prog.facts')}{t('common.colon')}{(catalog?.facts ?? []).map((f) => `${f.code} ${name(f)}`).join('、')}
            <br />
            {t('asst.prog.operators')}{t('common.colon')}{(catalog?.operators ?? []).map((o) => `${o.code} ${name(o)}`).join('、')}
          </Typography.Paragraph>
        </Col>
        <Col xs={24} md={12}><Form.Item name="descZh" label={t('asst.f.descZh')} rules={[required(t('asst.f.descZh'))]}><Input.TextArea aria-label={t('asst.f.descZh')} rows={3} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="descEn" label={t('asst.f.descEn')} rules={[required(t('asst.f.descEn'))]}><Input.TextArea aria-label={t('asst.f.descEn')} rows={3} /></Form.Item></Col>
        <Col xs={24}><Form.Item name="legal" label={t('asst.f.legal')} rules={[required(t('asst.f.legal'))]}><Input aria-label={t('asst.f.legal')} /></Form.Item></Col>
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>{t('asst.prog.save')}</Button>
        <Button onClick={onDone}>{t('asst.prog.cancelEdit')}</Button>
      </Space>
    </Form>
  );
}
