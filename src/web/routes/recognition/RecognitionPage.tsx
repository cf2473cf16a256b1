/**
 * /recognition — 认定测算: assess a household description pasted or uploaded as JSON (read in
 * the browser, sent in a POST body), and show the result. Nothing is stored.
 */
import { CalculatorOutlined, FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Space, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { recognitionApi, type AssessmentResult } from '../../api/recognition';
import { useCurrentUser } from '../../api/session';
import { useT } from '../../i18n';
import { AssessmentView } from './AssessmentView';
import { exampleText } from './example';

const mono = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 13 };

/** A chosen file's text, read in the browser (it is never uploaded as a file). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file);
  });
}

export function RecognitionPage() {
  const t = useT();
  const me = useCurrentUser();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<AssessmentResult | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const fill = (value: string, name: string | null = null) => {
    setText(value);
    setFileName(name);
    setError(null);
  };

  const run = async () => {
    setError(null);
    if (!text.trim()) {
      setError(t('assess.page.required'));
      return;
    }
    let description: unknown;
    try {
      description = JSON.parse(text);
    } catch (e) {
      setError(t('assess.page.badJson', { msg: (e as Error).message }));
      return;
    }
    setRunning(true);
    try {
      setResult(await recognitionApi.assessDescription(description));
      setTimeout(() => resultRef.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' }), 50);
    } catch (e) {
      setResult(null);
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Typography.Title level={4} style={{ margin: 0 }}>{t('nav.recognition')}</Typography.Title>
        <Typography.Text type="secondary">{t('assess.page.subtitle')}</Typography.Text>
      </Card>
      <Card size="small" title={t('assess.page.input')}>
        <Space wrap size={8} style={{ marginBottom: 8 }}>
          <Upload
            accept=".json,application/json,text/plain"
            showUploadList={false}
            maxCount={1}
            beforeUpload={(file) => {
              readText(file).then((value) => fill(value, file.name), (e: Error) => setError(e.message));
              return Upload.LIST_IGNORE;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="assess-upload">{t('assess.page.upload')}</Button>
          </Upload>
          <Button icon={<FileTextOutlined />} onClick={() => fill(exampleText(me.region_code))} data-testid="assess-example">
            {t('assess.page.example')}
          </Button>
          <Button onClick={() => { fill(''); setResult(null); }} disabled={!text}>{t('assess.page.clear')}</Button>
          {fileName && <Typography.Text type="secondary">{t('assess.page.loaded', { name: fileName })}</Typography.Text>}
        </Space>
        <Input.TextArea
          value={text}
          onChange={(e) => fill(e.target.value, fileName)}
          autoSize={{ minRows: 8, maxRows: 24 }}
          spellCheck={false}
          style={mono}
          placeholder={t('assess.page.placeholder')}
          aria-label={t('assess.page.input')}
          data-testid="assess-input"
        />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 8px', wordBreak: 'break-word' }}>
          {t('assess.page.help')}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="assess-error" />}
        <Button type="primary" icon={<CalculatorOutlined />} loading={running} onClick={run} data-testid="assess-run">
          {t('assess.run')}
        </Button>
      </Card>
      {result && (
        <div ref={resultRef}>
          <Card size="small" title={t('assess.page.result')}>
            <AssessmentView result={result} />
          </Card>
        </div>
      )}
    </Space>
  );
}
