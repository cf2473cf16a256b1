/**
 * The frame of every printed paper: on screen, an A4 sheet on grey with 打印 and 返回 above it;
 * printed (or saved as PDF), only the sheet. Official forms are ruled tables, so the pieces
 * here are a bordered label/value table, the member table and the signature lines.
 */
import { PrinterOutlined } from '@ant-design/icons';
import { Alert as Notice, Button, Skeleton, Space } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useLabels } from '../../api/vocabulary';
import type { DocumentMember, RegionStep } from '../../api/documents';
import { useLang, useT, type Lang } from '../../i18n';
import { Link } from '../../router';

const PRINT_CSS = `
@page { size: A4; margin: 14mm; }
@media print {
  body { background: #fff !important; }
  .print-toolbar { display: none !important; }
  .print-sheet { box-shadow: none !important; margin: 0 !important; padding: 0 !important; width: auto !important; min-height: 0 !important; }
  .print-page { background: #fff !important; padding: 0 !important; }
}
@media screen and (max-width: 820px) {
  .print-sheet { width: auto !important; min-height: 0 !important; padding: 12px !important; overflow-x: auto; }
  .print-toolbar { width: auto !important; }
}
.print-sheet table.form { width: 100%; border-collapse: collapse; margin: 8px 0; }
.print-sheet table.form th, .print-sheet table.form td { border: 1px solid #333; padding: 5px 7px; font-size: 13px; vertical-align: top; text-align: left; }
.print-sheet table.form th { background: #fafafa; font-weight: 600; white-space: nowrap; }
.print-sheet h1 { font-size: 22px; text-align: center; letter-spacing: 2px; margin: 0 0 6px; }
.print-sheet h2 { font-size: 15px; margin: 14px 0 4px; }
.print-sheet p { font-size: 14px; line-height: 1.9; margin: 6px 0; }
`;

const sheet: CSSProperties = {
  width: '210mm', minHeight: '297mm', margin: '0 auto', padding: '16mm 14mm', background: '#fff', color: '#000',
  boxShadow: '0 2px 10px rgba(0,0,0,0.15)', fontFamily: '"Noto Serif CJK SC", "Songti SC", SimSun, serif', boxSizing: 'border-box',
};

export function PrintFrame({ back, loading, error, children }: { back: { to: string; label: string }; loading?: boolean; error?: Error | null; children?: ReactNode }) {
  const t = useT();
  return (
    <div className="print-page" style={{ background: '#e8e8e8', minHeight: '100vh', padding: '12px 8px 32px' }}>
      <style>{PRINT_CSS}</style>
      <Space className="print-toolbar" style={{ width: '210mm', maxWidth: '100%', margin: '0 auto 12px', display: 'flex', justifyContent: 'space-between' }}>
        <Link to={back.to} data-testid="print-back">{back.label}</Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={loading || !!error} data-testid="print-button">
          {t('print.print')}
        </Button>
      </Space>
      <div className="print-sheet" style={sheet} data-testid="print-sheet">
        {error ? <Notice type="error" showIcon title={t('common.loadFailed')} description={error.message} /> : loading ? <Skeleton active paragraph={{ rows: 12 }} /> : children}
      </div>
    </div>
  );
}

/** The heading: the title, then the region and the case number with the generation time. */
export function PaperHeading({ title, regionPath, caseId, generatedAt }: { title: string; regionPath: RegionStep[]; caseId?: string; generatedAt?: string }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <div style={{ marginBottom: 8 }}>
      <h1 data-testid="paper-title">{title}</h1>
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 12, color: '#333' }}>
        <span>{t('print.region')}：{regionPath.map((r) => r.name).join(' ')}</span>
        <span>
          {caseId ? `${t('print.caseNo')}：${caseId}　` : ''}
          {generatedAt ? `${t('print.generatedAt')}：${dateTime(lang, generatedAt)}` : ''}
        </span>
      </div>
    </div>
  );
}

export type Cell = [label: string, value: ReactNode, span?: number];

/** A ruled table of label/value cells, `perRow` pairs a row (a pair may span more columns). */
export function FormTable({ rows, testId }: { rows: Cell[][]; testId?: string }) {
  const width = Math.max(...rows.map((r) => r.reduce((n, c) => n + 1 + (c[2] ?? 1), 0)));
  return (
    <table className="form" data-testid={testId}>
      <tbody>
        {rows.map((row, i) => {
          const used = row.reduce((n, c) => n + 1 + (c[2] ?? 1), 0);
          return (
            <tr key={i}>
              {row.map(([label, value, span], j) => [
                <th key={`h${j}`}>{label}</th>,
                <td key={`d${j}`} colSpan={(span ?? 1) + (j === row.length - 1 ? width - used : 0)}>{value ?? '—'}</td>,
              ])}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The family members: ID numbers as the server sent them (masked). */
export function MemberTable({ members, present }: { members: DocumentMember[]; present?: string[] }) {
  const t = useT();
  const { label } = useLabels();
  const disability = (m: DocumentMember) => (m.disability_type ? `${label('disability_types', m.disability_type)}${m.disability_grade ? ` ${m.disability_grade} ${t('print.grade')}` : ''}` : '—');
  return (
    <table className="form" data-testid="paper-members">
      <thead>
        <tr>
          <th>{t('print.member.name')}</th>
          <th>{t('print.member.relation')}</th>
          <th>{t('print.member.sex')}</th>
          <th>{t('print.member.birth')}</th>
          <th>{t('print.member.id')}</th>
          <th>{t('print.member.health')}</th>
          <th>{t('print.member.disability')}</th>
          <th>{t('print.member.work')}</th>
          {present && <th>{t('print.member.present')}</th>}
        </tr>
      </thead>
      <tbody>
        {members.map((m) => (
          <tr key={m.id}>
            <td>{m.name}</td>
            <td>{label('relations', m.relation)}</td>
            <td>{m.sex ? t(m.sex === 'female' ? 'sex.female' : 'sex.male') : '—'}</td>
            <td>{m.birth_date ?? '—'}</td>
            <td style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{m.id_number_masked}</td>
            <td>{label('health_states', m.health) || '—'}</td>
            <td>{disability(m)}</td>
            <td>{label('work_abilities', m.work_ability) || '—'}</td>
            {present && <td>{present.includes(m.id) ? '✓' : ''}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Signature and seal lines, filled by hand on the printed paper. */
export function Signatures({ parties }: { parties: string[] }) {
  const t = useT();
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 24, marginTop: 28, fontSize: 14 }} data-testid="paper-signatures">
      {parties.map((p) => (
        <div key={p} style={{ flex: 1 }}>
          <div>{p}：______________</div>
          <div style={{ marginTop: 14 }}>{t('print.date')}：____年__月__日</div>
        </div>
      ))}
    </div>
  );
}

/** ¥1,234.50 as "1,234.50 元" (zh) or "CNY 1,234.50" (en). */
export function yuan(lang: Lang, v: number | string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const s = Number(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return lang === 'zh' ? `${s} 元` : `CNY ${s}`;
}

/** 2026-11-25 as 2026年11月25日 (zh) or as it is (en). */
export function dateLong(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return lang === 'zh' ? `${y}年${Number(m)}月${Number(d)}日` : iso.slice(0, 10);
}

/** A moment in China time, YYYY-MM-DD HH:mm. */
export function dateTime(_lang: Lang, iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

/** "user:demo_county" → "demo_county"; "system:monitoring" stays. */
export const who = (actor: string | null | undefined) => (actor ? actor.replace(/^user:/, '') : '—');
