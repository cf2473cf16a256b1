/**
 * /cases/:id — one case: the header (state as a step bar, household or subject, deadlines,
 * alerts), the next steps the user may take, the assessment, the decision, visits, checks,
 * referrals and grants, and the history of every step.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert as Notice, Button, Card, Result, Skeleton, Space } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/api';
import { useCase, type CaseDetail } from '../../api/cases';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { AssessmentView } from '../recognition/AssessmentView';
import { ActionPanel } from './actions/ActionPanel';
import { CaseDocuments } from './CaseDocuments';
import { CaseHeader } from './CaseHeader';
import { CaseHistory } from './CaseHistory';
import { CheckRecords, DecisionRecord, GrantRecords, ReferralRecords, VisitRecords } from './CaseRecords';
import { casesMemory } from './CasesPage';

export function CasePage({ id }: { id: string }) {
  const t = useT();
  const { data, error, loading, refetch } = useCase(id);
  /** the case as the last step answered, until the next load */
  const [fresh, setFresh] = useState<CaseDetail | null>(null);
  useEffect(() => setFresh(null), [data]);
  const c = fresh && fresh.id === id ? fresh : data;
  const back = (
    <Link to={casesMemory.last} data-testid="case-back">
      <ArrowLeftOutlined /> {t('case.back')}
    </Link>
  );

  if (error && !c) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <Card size="small" title={back}>
        {notFound ? (
          <Result status="404" title={t('notFound.title')} subTitle={error.message} />
        ) : (
          <Notice type="error" showIcon title={t('common.loadFailed')} description={error.message} action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />
        )}
      </Card>
    );
  }
  if (!c || (loading && c.id !== id)) {
    return (
      <Card size="small" title={back}>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  }

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="case-page">
      <Card size="small" title={back}>
        <CaseHeader c={c} />
      </Card>
      <Card size="small" title={t('case.nextSteps')}>
        <ActionPanel c={c} onChanged={setFresh} />
      </Card>
      <Card size="small" title={t('case.assessment')}>
        {c.assessment ? <AssessmentView result={c.assessment} /> : <span style={{ color: '#8c8c8c' }}>{t('case.noAssessment')}</span>}
      </Card>
      <Card size="small" title={t('case.decision')}>
        <DecisionRecord d={c.decision} />
      </Card>
      <Card size="small" title={t('case.visits')}>
        <VisitRecords visits={c.visits} />
      </Card>
      <Card size="small" title={t('case.checks')}>
        <CheckRecords checks={c.checks} />
      </Card>
      <Card size="small" title={t('case.referrals')}>
        <ReferralRecords referrals={c.referrals} />
      </Card>
      <Card size="small" title={t('case.grants')}>
        <GrantRecords grants={c.grants} />
      </Card>
      <Card size="small" title={t('print.documents')}>
        <CaseDocuments c={c} />
      </Card>
      <Card size="small" title={t('case.history')}>
        <CaseHistory history={c.history} />
      </Card>
    </Space>
  );
}
