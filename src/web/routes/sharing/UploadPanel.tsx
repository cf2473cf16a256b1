/** 上传数据: a dataset the user's department sends, a file, the options; then progress and the result. */
import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, Input, Select, Skeleton, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../../api/session';
import { sendsDataset, useCatalog, type Dataset } from '../../api/sharing';
import { useLang, useT } from '../../i18n';
import { useLocation } from '../../router';
import { fileSize, mono, useSharingLabels } from './labels';
import { UploadStatus } from './UploadResult';
import { useUpload } from './useUpload';

const ACCEPT = '.csv,.txt,.xlsx,.xls,.jsonl,.ndjson,.json';

function ExpectedColumns({ d }: { d: Dataset }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="expected-columns">
      {t('upload.columns')}
      {t('common.colon')}
      {d.fields.map((f, i) => (
        <span key={f.code}>
          {i > 0 && (lang === 'zh' ? '、' : ', ')}
          <span style={mono}>{f.code}</span>
          {lang === 'zh' ? `（${f.zh}）` : ` (${f.en})`}
          {f.required && '*'}
        </span>
      ))}
    </Typography.Text>
  );
}

export function UploadPanel() {
  const t = useT();
  const me = useCurrentUser();
  const { query } = useLocation();
  const { name } = useSharingLabels();
  const { data, error, refetch } = useCatalog();
  const { state, start, busy } = useUpload();
  const [picked, setPicked] = useState<string | undefined>(query.get('dataset') ?? undefined);
  const [file, setFile] = useState<File | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [supersede, setSupersede] = useState('');
  const [tried, setTried] = useState(false);

  if (error && !data) {
    return <Alert type="error" showIcon title={t('common.loadFailed')} description={error.message} action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />;
  }
  if (!data) return <Card size="small"><Skeleton active paragraph={{ rows: 4 }} /></Card>;

  const allowed = data.datasets.filter((d) => sendsDataset(me.department, d));
  const dataset = allowed.find((d) => d.code === picked) ?? (allowed.length === 1 ? allowed[0] : undefined);
  const supersedeOk = /^\d*$/.test(supersede.trim());
  const submit = () => {
    setTried(true);
    if (!dataset || !file || !supersedeOk) return;
    void start(dataset.code, file, { skipInvalid, supersede: supersede.trim() || undefined });
  };

  return (
    <Card size="small" title={t('share.tab.upload')}>
      {me.department && (
        <Alert
          type={allowed.length ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          title={t(allowed.length ? 'upload.departmentOnly' : 'upload.noDatasets', { dept: me.department })}
        />
      )}
      <Form layout="vertical" disabled={busy} style={{ maxWidth: 720 }} onFinish={submit}>
        <Form.Item
          label={t('upload.dataset')}
          required
          validateStatus={tried && !dataset ? 'error' : undefined}
          help={tried && !dataset ? t('upload.chooseDataset') : dataset ? <ExpectedColumns d={dataset} /> : undefined}
        >
          <Select
            aria-label={t('upload.dataset')}
            data-testid="upload-dataset"
            placeholder={t('upload.datasetPlaceholder')}
            value={dataset?.code}
            onChange={(v: string) => setPicked(v)}
            showSearch={{ optionFilterProp: 'search' }}
            options={allowed.map((d) => ({
              value: d.code,
              title: name(d),
              search: `${d.zh} ${d.en} ${d.code}`,
              label: (
                <span>
                  {name(d)} <span style={{ ...mono, fontSize: 12, color: '#8c8c8c' }}>{d.code}</span>
                  {!me.department && <span style={{ fontSize: 12, color: '#8c8c8c' }}> · {name(d.department_name)}</span>}
                </span>
              ),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('upload.file')} required validateStatus={tried && !file ? 'error' : undefined} help={tried && !file ? t('upload.chooseFile') : undefined}>
          <Upload.Dragger
            accept={ACCEPT}
            maxCount={1}
            multiple={false}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            fileList={file ? [{ uid: 'file', name: `${file.name}（${fileSize(file.size)}）`, status: 'done' }] : []}
            onRemove={() => setFile(null)}
            data-testid="upload-file"
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('upload.fileHint')}</p>
            <p className="ant-upload-hint">{t('upload.fileFormats')}</p>
          </Upload.Dragger>
        </Form.Item>
        <Form.Item extra={t('upload.skipInvalidHelp')}>
          <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} data-testid="upload-skip">
            {t('upload.skipInvalid')}
          </Checkbox>
        </Form.Item>
        <Form.Item
          label={`${t('upload.supersede')}${t('common.optional')}`}
          validateStatus={supersedeOk ? undefined : 'error'}
          help={supersedeOk ? undefined : t('upload.supersedeInvalid')}
          extra={t('upload.supersedeHelp')}
        >
          <Input
            value={supersede}
            onChange={(e) => setSupersede(e.target.value)}
            inputMode="numeric"
            placeholder={t('upload.supersedePlaceholder')}
            aria-label={t('upload.supersede')}
            style={{ maxWidth: 240, ...mono }}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<UploadOutlined />} loading={busy} data-testid="upload-submit">
          {t('upload.submit')}
        </Button>
      </Form>
      <div style={{ marginTop: 16 }}>
        <UploadStatus state={state} fields={(state.phase === 'done' ? data.datasets.find((d) => d.code === state.report.dataset) : dataset)?.fields ?? []} />
      </div>
    </Card>
  );
}
