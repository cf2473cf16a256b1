/**
 * /assistance/programs/:code — one program: who provides it, who qualifies, the condition, the
 * amount rule, the legal basis, and its versions. Users with program.manage edit it here
 * (saving makes a new version).
 */
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert as Notice, Button, Card, Descriptions, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/api';
import { useProgram, usePrograms, type ProgramVersion } from '../../api/assistance';
import { useSession } from '../../api/session';
import { useT } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { Link } from '../../router';
import { dateTime } from '../registry/format';
import { TierTag, useAssistanceLabels } from './labels';
import { ProgramEditor } from './ProgramEditor';

const mono = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace' };

function Versions({ versions, current }: { versions: ProgramVersion[]; current: number }) {
  const t = useT();
  return (
    <div data-testid="program-versions">
      {versions.map((v) => (
        <div key={v.version} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
          <Space size={8} wrap>
            <span style={{ ...mono, fontWeight: 600 }}>v{v.version}</span>
            {v.version === current && <Tag color="blue">{t('asst.prog.current')}</Tag>}
            <Tag color={v.active ? 'green' : 'default'}>{v.active ? t('asst.prog.active') : t('asst.prog.inactive')}</Tag>
            <span style={{ ...mono, fontSize: 12 }}>{v.updated_by}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{dateTime(v.updated_at)}</Typography.Text>
          </Space>
        </div>
      ))}
    </div>
  );
}

export function ProgramDetail({ code }: { code: string }) {
  const t = useT();
  const isMobile = useIsMobile();
  const { can } = useSession();
  const { data: catalog } = usePrograms();
  const { data: p, error, loading, refetch } = useProgram(code);
  const { name, type, tier, amount } = useAssistanceLabels(catalog);
  const [editing, setEditing] = useState(false);
  const back = <Link to="/assistance/programs"><ArrowLeftOutlined /> {t('asst.prog.back')}</Link>;
  if (error) {
    return error instanceof ApiError && error.status === 404
      ? <Result status="404" title={error.message} extra={back} />
      : <Notice type="error" showIcon title={t('common.loadFailed')} description={error.message} action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />;
  }
  if (loading && !p) return <Card size="small"><Skeleton active /></Card>;
  if (!p) return null;
  const d = p.definition;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Card
        size="small"
        title={<Space size={8} wrap><span>{name(d)}</span><span style={{ ...mono, fontSize: 12, color: '#8c8c8c' }}>{p.code} · v{p.version}</span>{!p.active && <Tag>{t('asst.prog.inactive')}</Tag>}</Space>}
        extra={can('program.manage') && !editing ? <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('asst.prog.edit')}</Button> : back}
      >
        {editing ? (
          <ProgramEditor program={p} onDone={() => { setEditing(false); refetch(); }} />
        ) : (
          <Descriptions size="small" column={1} bordered={!isMobile} layout={isMobile ? 'vertical' : 'horizontal'} data-testid="program-definition">
            <Descriptions.Item label={t('asst.prog.type')}>{type(d.type)}</Descriptions.Item>
            <Descriptions.Item label={t('asst.prog.department')}>{name(p.department)}</Descriptions.Item>
            <Descriptions.Item label={t('asst.prog.tiers')}>{d.tiers.map((c) => <TierTag key={c} code={c} label={tier(c)} />)}</Descriptions.Item>
            <Descriptions.Item label={t('asst.prog.condition')}>
              {d.condition ? <pre style={{ ...mono, fontSize: 12, margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(d.condition, null, 2)}</pre> : t('asst.prog.noCondition')}
            </Descriptions.Item>
            <Descriptions.Item label={t('asst.prog.amount')}>{amount(d.amount)}</Descriptions.Item>
            <Descriptions.Item label={t('asst.prog.description')}>{name(d.description)}</Descriptions.Item>
            <Descriptions.Item label={t('asst.prog.legalBasis')}>{d.legal_basis}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card size="small" title={t('asst.prog.versions')}>
        <Versions versions={p.versions} current={p.version} />
      </Card>
    </div>
  );
}
