import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { CategoryRecord, Member, Snapshot } from '../../api/registry';
import { CATEGORY_COLORS, useLabels } from '../../api/vocabulary';
import { hasMessage, useT } from '../../i18n';
import { CategoryTags } from './CategoryTags';
import { MaskedValue } from './Reveal';
import { dateOnly, money, num, perCapitaMonthly, rigidTotal, totalIncome } from './format';

const dash = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** "import:3" → 导入批次 3, "decision:118" → 认定决定 #118, "declaration" → 家庭申报; unknown → as is. */
function useSourceLabel() {
  const t = useT();
  return (v: string | null): string => {
    if (!v) return '—';
    const m = /^(import|decision):(.+)$/.exec(v);
    if (m) return t(m[1] === 'import' ? 'source.importBatch' : 'source.decision', { n: m[2] });
    const key = `source.${v}`;
    return hasMessage(key) ? t(key) : v;
  };
}

export function MembersTable({ members }: { members: Member[] }) {
  const t = useT();
  const { label } = useLabels();
  const columns: ColumnsType<Member> = [
    { title: t('member.name'), dataIndex: 'name' },
    { title: t('member.relation'), dataIndex: 'relation', render: (v: string) => label('relations', v) },
    { title: t('member.sex'), dataIndex: 'sex', render: (v: string) => (v === 'male' ? t('sex.male') : v === 'female' ? t('sex.female') : dash(v)) },
    {
      title: t('member.birth'),
      key: 'birth',
      render: (_, m) => `${dateOnly(m.birth_date) || '—'}${m.age !== null && m.age !== undefined ? `（${t('common.yearsOld', { n: m.age })}）` : ''}`,
    },
    { title: t('member.idNumber'), dataIndex: 'id_number', render: (_, m) => <MaskedValue member={m} field="id_number" /> },
    {
      title: t('member.disability'),
      key: 'disability',
      render: (_, m) =>
        m.disability_type
          ? `${label('disability_types', m.disability_type)}${m.disability_grade ? ' ' + t('grade.n', { n: String(m.disability_grade) }) : ''}`
          : '—',
    },
    { title: t('member.workAbility'), dataIndex: 'work_ability', render: (v: string | null) => dash(label('work_abilities', v)) },
    { title: t('member.health'), dataIndex: 'health', render: (v: string | null) => dash(label('health_states', v)) },
    { title: t('member.school'), dataIndex: 'school_stage', render: (v: string | null) => dash(label('school_stages', v)) },
    { title: t('member.employment'), dataIndex: 'employment', render: (v: string | null) => dash(label('employment_states', v)) },
    { title: t('member.phone'), dataIndex: 'phone', render: (_, m) => <MaskedValue member={m} field="phone" /> },
    {
      title: t('member.categories'),
      key: 'categories',
      render: (_, m) => {
        const active = (m.categories ?? []).filter((c) => c.status === 'active').map((c) => c.category);
        return active.length ? <CategoryTags codes={[...new Set(active)]} /> : '—';
      },
    },
  ];
  return (
    <div data-testid="members-table">
      <Table<Member> rowKey={(m) => String(m.id)} size="small" bordered columns={columns} dataSource={members} pagination={false} scroll={{ x: 'max-content' }} />
    </div>
  );
}

interface CategoryRow extends CategoryRecord {
  key: string;
  person: string;
}

export function CategoryHistoryTable({ members }: { members: Member[] }) {
  const t = useT();
  const { label } = useLabels();
  const rows: CategoryRow[] = members.flatMap((m) =>
    (m.categories ?? []).map((c, i) => ({ ...c, key: `${m.id}-${i}`, person: m.name })),
  );
  const sourceLabel = useSourceLabel();
  const statusLabel = (s: string) => {
    const fromVocab = label('category_statuses', s);
    if (fromVocab !== s) return fromVocab;
    return s === 'active' || s === 'suspended' || s === 'ended' ? t(`catStatus.${s}`) : s;
  };
  const columns: ColumnsType<CategoryRow> = [
    { title: t('cat.person'), dataIndex: 'person', width: 90 },
    {
      title: t('cat.category'),
      dataIndex: 'category',
      width: 200,
      render: (c: string) => <Tag color={CATEGORY_COLORS[c] ?? 'default'}>{label('categories', c)}</Tag>,
    },
    {
      title: t('cat.status'),
      dataIndex: 'status',
      width: 80,
      render: (s: string) => <Typography.Text type={s === 'active' ? 'success' : s === 'suspended' ? 'warning' : 'secondary'}>{statusLabel(s)}</Typography.Text>,
    },
    { title: t('cat.validFrom'), dataIndex: 'valid_from', width: 110, render: (v: string | null) => dash(dateOnly(v)) },
    { title: t('cat.validTo'), dataIndex: 'valid_to', width: 110, render: (v: string | null) => dash(dateOnly(v)) },
    { title: t('cat.decidedBy'), dataIndex: 'decided_by', width: 180, render: dash },
    { title: t('cat.source'), dataIndex: 'source', render: sourceLabel },
  ];
  return <Table<CategoryRow> rowKey="key" size="small" bordered columns={columns} dataSource={rows} pagination={false} scroll={{ x: 900 }} />;
}

interface SnapshotRow extends Snapshot {
  key: string;
}

export function SnapshotsTable({ snapshots, memberCount }: { snapshots: Snapshot[]; memberCount: number }) {
  const t = useT();
  const sourceLabel = useSourceLabel();
  const rows: SnapshotRow[] = snapshots.map((s, i) => ({ ...s, key: `${s.as_of}-${i}` }));
  const right = 'right' as const;
  const columns: ColumnsType<SnapshotRow> = [
    { title: t('snap.asOf'), dataIndex: 'as_of', width: 110, render: (v: string) => dateOnly(v) },
    { title: t('snap.source'), dataIndex: 'source', width: 120, render: (v: string) => sourceLabel(v) },
    { title: t('snap.totalIncome'), key: 'total', width: 140, align: right, render: (_, s) => money(totalIncome(s)) },
    {
      title: t('snap.perCapita'),
      key: 'perCapita',
      width: 140,
      align: right,
      render: (_, s) => <Typography.Text strong>{money(perCapitaMonthly(s, memberCount))}</Typography.Text>,
    },
    { title: t('snap.assets'), dataIndex: 'financial_assets', width: 130, align: right, render: (v) => money(v) },
    {
      title: t('snap.vehicles'),
      key: 'vehicles',
      width: 150,
      align: right,
      render: (_, s) => `${num(s.vehicle_count)} / ${money(s.vehicle_value)}`,
    },
    { title: t('snap.properties'), dataIndex: 'property_count', width: 90, align: right, render: (v) => num(v) },
    { title: t('snap.rigid'), key: 'rigid', width: 150, align: right, render: (_, s) => money(rigidTotal(s)) },
  ];
  return <Table<SnapshotRow> rowKey="key" size="small" bordered columns={columns} dataSource={rows} pagination={false} scroll={{ x: 1030 }} />;
}
