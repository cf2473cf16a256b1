/** The visit draft's state in one clear line: 草稿已保存 HH:mm, kept on this phone while offline, … */
import { CheckCircleOutlined, CloudUploadOutlined, ExclamationCircleOutlined, LoadingOutlined, MobileOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useT } from '../../../i18n';
import { hhmm } from '../labels';
import type { DraftStatus } from './useVisitDraft';

export function DraftLine({ status }: { status: DraftStatus }) {
  const t = useT();
  let icon = <CloudUploadOutlined />;
  let text = t('draft.new');
  let type: 'secondary' | 'success' | 'warning' | 'danger' = 'secondary';
  switch (status.kind) {
    case 'unsaved':
      icon = <MobileOutlined />;
      text = t('draft.unsaved', { time: hhmm(status.at) });
      type = 'warning';
      break;
    case 'saving':
      icon = <LoadingOutlined />;
      text = t('draft.saving');
      break;
    case 'server':
      icon = <CheckCircleOutlined />;
      text = t('draft.saved', { time: hhmm(status.at) });
      type = 'success';
      break;
    case 'local':
      icon = <MobileOutlined />;
      text = status.restored ? t('draft.restored', { time: hhmm(status.at) }) : t('draft.offline', { time: hhmm(status.at) });
      type = 'warning';
      break;
    case 'error':
      icon = <ExclamationCircleOutlined />;
      text = t('draft.failed', { message: status.message });
      type = 'danger';
      break;
  }
  return (
    <div role="status" aria-live="polite" data-testid="draft-status" style={{ padding: '8px 12px', marginBottom: 12, background: '#fafafa', borderRadius: 6, fontSize: 14 }}>
      <Typography.Text type={type}>{icon} {text}</Typography.Text>
    </div>
  );
}
