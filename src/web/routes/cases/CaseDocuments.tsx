/** 文书打印: the papers this case has so far, each opening its print view in a new window. */
import { PrinterOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';
import type { CaseDetail } from '../../api/cases';
import type { DocumentKind } from '../../api/documents';
import { useT, type MessageKey } from '../../i18n';

export function availableDocuments(c: Pick<CaseDetail, 'visits' | 'checks' | 'assessment' | 'decision'>): DocumentKind[] {
  const kinds: DocumentKind[] = [];
  if (c.visits.some((v) => v.status === 'submitted')) kinds.push('visit');
  if (c.checks.length > 0) kinds.push('check');
  if (c.assessment || c.decision) kinds.push('approval');
  if (c.decision) kinds.push('notice');
  return kinds;
}

export function CaseDocuments({ c }: { c: CaseDetail }) {
  const t = useT();
  const kinds = availableDocuments(c);
  const paper = (href: string, label: string, testId: string) => (
    <a key={href} href={href} target="_blank" rel="noopener noreferrer" data-testid={testId}>
      <PrinterOutlined /> {label}
    </a>
  );
  if (kinds.length === 0 && c.state !== 'publicity') return <span style={{ color: '#8c8c8c' }}>—</span>;
  return (
    <Space orientation="vertical" size={4}>
      <Space wrap size={16}>
        {kinds.map((k) => paper(`/print/cases/${encodeURIComponent(c.id)}/${k}`, t(`print.doc.${k}` as MessageKey), `print-${k}`))}
        {c.state === 'publicity' && paper(`/print/publicity?region=${encodeURIComponent(c.region_code.slice(0, 9))}`, t('print.publicityList'), 'print-publicity')}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('print.documentsHint')}</Typography.Text>
    </Space>
  );
}
