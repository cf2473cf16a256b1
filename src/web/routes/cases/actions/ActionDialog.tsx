/**
 * One case action's form, in a Modal (or a bottom Drawer on a phone): the action's fields and
 * note, sent as POST /api/cases/{id}/transitions {"action", "note", "data"}. The submit button
 * is disabled while sending (and a second submit is ignored); a refusal's message is shown above
 * the fields and on the field it names.
 */
import { Alert, Button, Drawer, Form, Input, Modal, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ApiError } from '../../../api/api';
import { casesApi, invalidateCases, type CaseActionOption, type CaseDetail } from '../../../api/cases';
import { useT } from '../../../i18n';
import { useIsMobile } from '../../../layout/useIsMobile';
import { useCaseLabels } from '../labels';
import { fieldPath, plainData, type FormValues } from './spec';
import { specOf } from './specs';

interface Props {
  c: CaseDetail;
  option: CaseActionOption;
  onClose: () => void;
  onDone: (updated: CaseDetail) => void;
}

export function ActionDialog({ c, option, onClose, onDone }: Props) {
  const t = useT();
  const isMobile = useIsMobile();
  const { name } = useCaseLabels();
  const spec = specOf(option.action);
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);

  const finish = async (v: FormValues) => {
    if (sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    setError(null);
    try {
      const data = spec.toData ? spec.toData(v, c) : plainData(v);
      const note = typeof v.note === 'string' ? v.note.trim() : '';
      const updated = await casesApi.transition(c.id, { action: option.action, ...(note ? { note } : {}), data });
      invalidateCases();
      onDone(updated);
    } catch (e) {
      const msg = (e as Error).message;
      setError(msg);
      const path = e instanceof ApiError ? fieldPath((e.details as { field?: unknown } | undefined)?.field) : null;
      if (path) form.setFields([{ name: path, errors: [msg] }]);
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  const title = name(option);
  const body = (
    <Form<FormValues>
      form={form}
      layout="vertical"
      onFinish={finish}
      initialValues={spec.initial?.(c)}
      requiredMark
      data-testid="action-form"
      data-action={option.action}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="action-error" />}
      {spec.hint && <Typography.Paragraph type="secondary">{t(spec.hint)}</Typography.Paragraph>}
      {spec.Fields && <spec.Fields c={c} />}
      <Form.Item
        name="note"
        label={spec.noteLabel ? t(spec.noteLabel) : `${t('act.noteLabel')}${spec.note === 'optional' ? t('common.optional') : ''}`}
        rules={spec.note === 'required' ? [{ required: true, whitespace: true, message: t('act.noteRequired') }] : []}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    </Form>
  );
  const buttons = (
    <Space>
      <Button onClick={onClose} disabled={sending}>{t('common.cancel')}</Button>
      <Button
        type="primary"
        danger={spec.danger}
        loading={sending}
        disabled={sending}
        onClick={() => form.submit()}
        data-testid="action-submit"
        style={isMobile ? { minHeight: 44, minWidth: 120 } : undefined}
      >
        {title}
      </Button>
    </Space>
  );

  if (isMobile) {
    return (
      <Drawer open placement="bottom" size="92%" title={title} onClose={onClose} footer={<div style={{ textAlign: 'right' }}>{buttons}</div>} destroyOnHidden>
        {body}
      </Drawer>
    );
  }
  return (
    <Modal open title={title} onCancel={onClose} footer={buttons} width={spec.wide ? 720 : 520} destroyOnHidden mask={{ closable: !sending }}>
      {body}
    </Modal>
  );
}
