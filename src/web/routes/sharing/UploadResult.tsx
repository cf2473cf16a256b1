/** What became of an upload: loaded, already loaded, or refused with the rows to correct. */
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Progress, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { errorReportUrl, type CatalogField, type IngestReport, type RowProblem } from '../../api/sharing';
import { useLang, useT } from '../../i18n';
import { fileSize, mono } from './labels';
import type { UploadState } from './useUpload';

export function ErrorReportLink({ batchId, short }: { batchId: string | number; short?: boolean }) {
  const t = useT();
  return (
    <a href={errorReportUrl(batchId)} download={`batch-${batchId}-errors.csv`} data-testid="error-report" title={t('upload.download')}>
      <DownloadOutlined /> {t(short ? 'batches.report' : 'upload.download')}
    </a>
  );
}

function ErrorsTable({ report, fields }: { report: IngestReport; fields: CatalogField[] }) {
  const t = useT();
  const { lang } = useLang();
  const names = new Map(fields.map((f) => [f.code, lang === 'zh' ? f.zh : f.en]));
  const columns: ColumnsType<RowProblem & { key: number }> = [
    { title: t('upload.e.row'), dataIndex: 'row', width: 70, align: 'right' },
    {
      title: t('upload.e.field'),
      dataIndex: 'field',
      width: 210,
      render: (f: string) => (f ? <span><span style={mono}>{f}</span> {names.get(f) ?? ''}</span> : '—'),
    },
    {
      title: t('upload.e.value'),
      dataIndex: 'value',
      width: 180,
      render: (v: string) => (v ? <span style={{ ...mono, wordBreak: 'break-all' }}>{v}</span> : <Typography.Text type="secondary">{t('upload.e.empty')}</Typography.Text>),
    },
    { title: t('upload.e.reason'), dataIndex: 'reason' },
  ];
  const rows = report.errors.map((e, i) => ({ ...e, key: i }));
  return (
    <div data-testid="upload-errors">
      {report.errors.length < report.errors_total && (
        <Typography.Text type="secondary">{t('upload.firstErrors', { n: report.errors.length, total: report.errors_total })}</Typography.Text>
      )}
      <Table
        size="small"
        bordered
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        scroll={{ x: 700 }}
      />
    </div>
  );
}

function Report({ report, fields }: { report: IngestReport; fields: CatalogField[] }) {
  const t = useT();
  if (report.status === 'duplicate') {
    return <Alert type="info" showIcon data-testid="upload-result" title={t('upload.duplicate', { id: report.duplicate_of ?? report.batch_id })} />;
  }
  const errors = report.errors_total > 0 && (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <ErrorReportLink batchId={report.batch_id} />
      <ErrorsTable report={report} fields={fields} />
    </Space>
  );
  if (report.status === 'rejected') {
    return (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Alert
          type="error"
          showIcon
          data-testid="upload-result"
          title={t('upload.rejected', { n: report.errors_total, id: report.batch_id })}
          description={t('upload.rejectedHint')}
        />
        {errors}
      </Space>
    );
  }
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Alert
        type={report.rejected > 0 ? 'warning' : 'success'}
        showIcon
        data-testid="upload-result"
        title={t('upload.committed', { id: report.batch_id })}
        description={
          <div>
            <div>{t('upload.committedDesc', { accepted: report.accepted, rows: report.rows, matched: report.matched, unmatched: report.unmatched })}</div>
            {report.rejected > 0 && <div>{t('upload.skipped', { n: report.rejected, errors: report.errors_total })}</div>}
            {report.supersedes && <div>{t('upload.supersedes', { id: report.supersedes })}</div>}
          </div>
        }
      />
      {errors}
    </Space>
  );
}

/** Progress while sending and loading; then the report, or the reason it failed. */
export function UploadStatus({ state, fields }: { state: UploadState; fields: CatalogField[] }) {
  const t = useT();
  switch (state.phase) {
    case 'idle':
      return null;
    case 'uploading': {
      const pct = state.total > 0 ? Math.min(100, Math.floor((state.loaded / state.total) * 100)) : 0;
      return (
        <div data-testid="upload-progress">
          <Typography.Text>{t('upload.uploading', { name: state.name })}</Typography.Text>
          <Progress percent={pct} status="active" />
        </div>
      );
    }
    case 'processing': {
      const pct = state.size > 0 ? Math.min(100, Math.floor((state.bytes / state.size) * 100)) : 0;
      return (
        <div data-testid="processing-progress">
          <Typography.Text>{t('upload.processing')}</Typography.Text>{' '}
          <Typography.Text type="secondary">
            {t('upload.processingRows', { rows: state.rows.toLocaleString('zh-CN'), bytes: fileSize(state.bytes), size: fileSize(state.size) })}
          </Typography.Text>
          <Progress percent={pct} status="active" strokeColor="#52c41a" />
        </div>
      );
    }
    case 'failed':
      return <Alert type="error" showIcon data-testid="upload-result" title={t('upload.failed')} description={state.message} />;
    case 'done':
      return <Report report={state.report} fields={fields} />;
  }
}
