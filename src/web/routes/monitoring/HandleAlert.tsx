/**
 * Changing an alert's status (needs alert.handle): 开始核实 (open → verifying) and 办结 with an
 * outcome and an optional note (→ closed). Nothing is shown to readers or on a closed alert.
 */
import { CheckOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert as Notice, App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { OUTCOMES, invalidateMonitoring, monitoringApi, type Alert, type AlertOutcome, type StatusChange } from '../../api/monitoring';
import { useSession } from '../../api/session';
import { useT } from '../../i18n';
import { useMonitoringLabels } from './labels';

interface CloseValues {
  outcome: AlertOutcome;
  note?: string;
}

function CloseModal({ open, onCancel, onSubmit }: { open: boolean; onCancel: () => void; onSubmit: (v: CloseValues) => Promise<void> }) {
  const t = useT();
  const { outcome } = useMonitoringLabels();
  const [form] = Form.useForm<CloseValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const finish = async (v: CloseValues) => {
    setError(null);
    setSaving(true);
    try {
      await onSubmit(v);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('alert.closeTitle')}
      okText={t('alert.close')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        setError(null);
        onCancel();
      }}
      confirmLoading={saving}
      destroyOnHidden
    >
      {error && <Notice type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="close-error" />}
      <Form<CloseValues> form={form} layout="vertical" onFinish={finish} preserve={false} requiredMark>
        <Form.Item name="outcome" label={t('alert.outcome')} rules={[{ required: true, message: t('alert.outcomeRequired') }]}>
          <Select aria-label={t('alert.outcome')} placeholder={t('alert.outcomePlaceholder')} options={OUTCOMES.map((o) => ({ value: o, label: outcome(o) }))} />
        </Form.Item>
        <Form.Item name="note" label={`${t('alert.note')}${t('common.optional')}`}>
          <Input.TextArea aria-label={t('alert.note')} rows={3} maxLength={500} showCount placeholder={t('alert.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function HandleAlert({ alert, onChanged }: { alert: Alert; onChanged: () => void }) {
  const t = useT();
  const { can } = useSession();
  const { message } = App.useApp();
  const { status: statusName } = useMonitoringLabels();
  const [busy, setBusy] = useState(false);
  const [closing, setClosing] = useState(false);
  if (!can('alert.handle') || alert.status === 'closed') return null;

  const change = async (body: StatusChange) => {
    const saved = await monitoringApi.setStatus(alert.id, body);
    invalidateMonitoring();
    message.success(t('alert.statusChanged', { status: statusName(saved?.status ?? body.status) }));
    onChanged();
  };
  const verify = async () => {
    setBusy(true);
    try {
      await change({ status: 'verifying' });
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const close = async (v: CloseValues) => {
    const note = v.note?.trim();
    await change({ status: 'closed', outcome: v.outcome, ...(note ? { note } : {}) });
    setClosing(false);
  };

  return (
    <Space wrap data-testid="handle-actions">
      {alert.status === 'open' && (
        <Button icon={<SearchOutlined />} onClick={verify} loading={busy} data-testid="start-verify">
          {t('alert.startVerify')}
        </Button>
      )}
      <Button type="primary" icon={<CheckOutlined />} onClick={() => setClosing(true)} data-testid="close-alert">
        {t('alert.close')}
      </Button>
      <CloseModal open={closing} onCancel={() => setClosing(false)} onSubmit={close} />
    </Space>
  );
}
