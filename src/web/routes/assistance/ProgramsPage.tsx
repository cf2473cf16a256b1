/**
 * /assistance/programs — the assistance programs by type: who provides each, who qualifies and
 * what it pays. Cards in a grid (one column on a phone); a card opens the program.
 */
import { RightOutlined } from '@ant-design/icons';
import { Alert as Notice, Button, Card, Col, Empty, Row, Skeleton, Tag, Typography } from 'antd';
import { usePrograms, type Program } from '../../api/assistance';
import { useT } from '../../i18n';
import { navigate } from '../../router';
import { TierTag, useAssistanceLabels } from './labels';

function ProgramCard({ p }: { p: Program }) {
  const t = useT();
  const { data: catalog } = usePrograms();
  const { name, tier, amount } = useAssistanceLabels(catalog);
  const open = () => navigate(`/assistance/programs/${encodeURIComponent(p.code)}`);
  return (
    <div
      role="link"
      tabIndex={0}
      onClick={open}
      onKeyDown={(e) => e.key === 'Enter' && open()}
      data-testid="program-card"
      style={{ border: '1px solid #e8e8e8', borderRadius: 6, padding: '8px 12px', background: '#fff', cursor: 'pointer', height: '100%' }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <Typography.Text strong style={{ flex: 1, minWidth: 0 }} ellipsis>{name(p.definition)}</Typography.Text>
        {!p.active && <Tag>{t('asst.prog.inactive')}</Tag>}
        <RightOutlined style={{ color: '#bfbfbf' }} />
      </div>
      <div style={{ fontSize: 13, margin: '4px 0' }}>
        <Typography.Text type="secondary">{t('asst.prog.department')}{t('common.colon')}</Typography.Text>
        {name(p.department)}
      </div>
      <div style={{ marginBottom: 4 }}>{p.definition.tiers.map((c) => <TierTag key={c} code={c} label={tier(c)} />)}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{amount(p.definition.amount)}</Typography.Text>
    </div>
  );
}

export function ProgramsPage() {
  const t = useT();
  const { data, error, loading, refetch } = usePrograms();
  const { name } = useAssistanceLabels(data);
  if (error) {
    return <Notice type="error" showIcon title={t('common.loadFailed')} description={error.message} action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />;
  }
  if (loading && !data) return <Card size="small"><Skeleton active /></Card>;
  const programs = data?.programs ?? [];
  if (programs.length === 0) return <Card size="small"><Empty description={t('asst.programs.empty')} /></Card>;
  const groups = (data?.types ?? []).map((type) => ({ type, items: programs.filter((p) => p.definition.type === type.code) })).filter((g) => g.items.length > 0);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="programs">
      <Typography.Text type="secondary">{t('asst.programs.hint')}</Typography.Text>
      {groups.map((g) => (
        <Card key={g.type.code} size="small" title={name(g.type)} data-testid={`program-group-${g.type.code}`}>
          <Row gutter={[12, 12]}>
            {g.items.map((p) => (
              <Col key={p.code} xs={24} md={12} xl={8}>
                <ProgramCard p={p} />
              </Col>
            ))}
          </Row>
        </Card>
      ))}
    </div>
  );
}
