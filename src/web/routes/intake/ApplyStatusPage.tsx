/**
 * /apply/status — 查询办理进度: the applicant gives the reference and their own ID number
 * (POST /api/public/applications/status) and sees where the application stands. A mismatch
 * of either gets the same "not found" from the server.
 */
import { Alert, Button, Card, Descriptions, Form, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ApiError } from '../../api/api';
import { intakeApi, localMessage, type ApplicationStatus } from '../../api/intake';
import { useLang, useT } from '../../i18n';
import { Link } from '../../router';
import { dateTime } from '../registry/format';
import { lastApplication } from './ApplyPage';
import { idNumberProblem, normalizeId } from './formChecks';
import { PublicFrame } from './PublicFrame';

interface StatusValues {
  reference: string;
  id_number: string;
}

const COLORS: Record<string, string> = { received: 'processing', accepted: 'success', withdrawn: 'default' };

export function ApplyStatusPage() {
  const t = useT();
  const { lang } = useLang();
  const [answer, setAnswer] = useState<ApplicationStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);

  const onFinish = async (v: StatusValues) => {
    setError(null);
    setAnswer(null);
    setAsking(true);
    try {
      setAnswer(await intakeApi.status(v.reference.trim().toUpperCase(), normalizeId(v.id_number)));
    } catch (e) {
      setError(localMessage((e as ApiError).message, lang));
    } finally {
      setAsking(false);
    }
  };

  return (
    <PublicFrame>
      <Card styles={{ body: { padding: '16px 14px' } }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>{t('intake.status.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('intake.status.intro')}</Typography.Paragraph>
        <Form<StatusValues> layout="vertical" size="large" requiredMark={false} onFinish={onFinish} initialValues={{ reference: lastApplication.reference }}>
          <Form.Item name="reference" label={t('intake.status.reference')} rules={[{ required: true, pattern: /^\s*[Ss][Qq]\d{14}\s*$/, message: t('intake.status.referenceInvalid') }]}>
            <Input maxLength={20} autoComplete="off" spellCheck={false} placeholder="SQ20261204000123" />
          </Form.Item>
          <Form.Item
            name="id_number"
            label={t('intake.apply.idNumber')}
            rules={[{ validator: (_, v?: string) => (!idNumberProblem(v) ? Promise.resolve() : Promise.reject(new Error(t(idNumberProblem(v)!)))) }]}
          >
            <Input maxLength={18} autoComplete="off" spellCheck={false} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={asking} data-testid="status-submit">
            {t('intake.status.query')}
          </Button>
        </Form>
        {error && <Alert type="warning" showIcon style={{ marginTop: 16 }} title={error} data-testid="status-error" />}
        {answer && (
          <Descriptions column={1} bordered size="small" style={{ marginTop: 16 }} title={t('intake.status.result')} data-testid="status-answer">
            <Descriptions.Item label={t('intake.status.reference')}>{answer.reference}</Descriptions.Item>
            <Descriptions.Item label={t('intake.status.result')}>
              <Tag color={COLORS[answer.status]}>{lang === 'zh' ? answer.status_zh : answer.status_en}</Tag>
            </Descriptions.Item>
            {answer.case && (
              <Descriptions.Item label={t('intake.status.caseState')}>{lang === 'zh' ? answer.case.state_zh : answer.case.state_en}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('intake.status.receivedAt')}>{dateTime(answer.received_at)}</Descriptions.Item>
          </Descriptions>
        )}
        <div style={{ marginTop: 16 }}>
          <Link to="/apply">{t('intake.status.applyNew')}</Link>
        </div>
      </Card>
    </PublicFrame>
  );
}
