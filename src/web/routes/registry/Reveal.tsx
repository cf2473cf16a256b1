/**
 * A masked ID number or phone with a small 查看 link for users holding pii.reveal: the link asks
 * for the purpose (用途), then shows the full value in the dialog only — it is never put in the
 * table, a cache or storage, and it is gone when the dialog closes. Each reveal is audited.
 */
import { EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { accessApi, type RevealField } from '../../api/access';
import type { Member } from '../../api/registry';
import { useSession } from '../../api/session';
import { useT, type MessageKey } from '../../i18n';

const mono = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace' };
const FIELD_LABEL: Record<RevealField, MessageKey> = { id_number: 'member.idNumber', phone: 'member.phone' };
const PRESETS: MessageKey[] = ['reveal.preset.visit', 'reveal.preset.payment', 'reveal.preset.contact', 'reveal.preset.correct'];

function RevealModal({ member, field, onClose }: { member: Member; field: RevealField; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ purpose: string }>();
  const [value, setValue] = useState<{ v: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldLabel = t(FIELD_LABEL[field]);

  const onFinish = async ({ purpose }: { purpose: string }) => {
    setError(null);
    setBusy(true);
    try {
      const r = await accessApi.reveal(member.id, field, purpose.trim());
      setValue({ v: r.value });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={
        <span>
          <SafetyCertificateOutlined style={{ color: '#1456c8', marginInlineEnd: 8 }} />
          {t('reveal.title', { field: fieldLabel })}
        </span>
      }
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      width={480}
      footer={
        value ? (
          <Button type="primary" onClick={onClose}>
            {t('common.close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="reveal-submit">
              {t('reveal.submit')}
            </Button>
          </Space>
        )
      }
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'person', label: t('reveal.person'), children: member.name },
          { key: 'masked', label: t('reveal.masked'), children: <span style={mono}>{(field === 'id_number' ? member.id_number : member.phone) || '—'}</span> },
        ]}
      />
      {value ? (
        <div data-testid="reveal-result" style={{ textAlign: 'center', padding: '12px 0 4px', border: '1px solid #b7eb8f', background: '#f6ffed', borderRadius: 4 }}>
          <div style={{ fontSize: 12, color: '#595959' }}>{t('reveal.value', { field: fieldLabel })}</div>
          {value.v ? (
            <Typography.Text copyable style={{ ...mono, fontSize: 20, fontWeight: 600, letterSpacing: 1 }} data-testid="reveal-value">
              {value.v}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('reveal.noValue')}</Typography.Text>
          )}
        </div>
      ) : (
        <>
          <Alert type="info" showIcon title={t('reveal.notice')} style={{ marginBottom: 12 }} />
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="reveal-error" />}
          <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
            <Form.Item
              name="purpose"
              label={t('reveal.purpose')}
              style={{ marginBottom: 8 }}
              rules={[
                { required: true, whitespace: true, message: t('reveal.purposeTooShort') },
                { validator: async (_, v: string) => { if (v && v.trim().length < 4) throw new Error(t('reveal.purposeTooShort')); } },
              ]}
            >
              <Input.TextArea autoFocus rows={2} maxLength={200} showCount placeholder={t('reveal.purposePlaceholder')} aria-label={t('reveal.purpose')} />
            </Form.Item>
            <Space size={[4, 4]} wrap>
              {PRESETS.map((k) => (
                <Tag
                  key={k}
                  style={{ cursor: 'pointer', userSelect: 'none' }}
                  onClick={() => {
                    form.setFieldValue('purpose', t(k));
                    form.validateFields(['purpose']).catch(() => {});
                  }}
                >
                  {t(k)}
                </Tag>
              ))}
            </Space>
          </Form>
        </>
      )}
    </Modal>
  );
}

/** The masked value, plus 查看 when the user may reveal it. */
export function MaskedValue({ member, field }: { member: Member; field: RevealField }) {
  const t = useT();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const masked = field === 'id_number' ? member.id_number : member.phone;
  if (!masked) return <>—</>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <span style={mono}>{masked}</span>
      {can('pii.reveal') && member.id !== undefined && member.id !== null && (
        <>
          <Button
            type="link"
            size="small"
            icon={<EyeOutlined />}
            title={t('reveal.linkTitle')}
            onClick={() => setOpen(true)}
            style={{ paddingInline: 4, height: 'auto', marginInlineStart: 2 }}
            data-testid={`reveal-${field}`}
          >
            {t('reveal.link')}
          </Button>
          {open && <RevealModal member={member} field={field} onClose={() => setOpen(false)} />}
        </>
      )}
    </span>
  );
}
