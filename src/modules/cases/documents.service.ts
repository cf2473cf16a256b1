/**
 * The printed papers of a case (print views in the web UI): the home-visit survey (入户调查表),
 * the economic-check report (核对报告), the approval form (审批表), the decision notice (确认 /
 * 不予确认通知书) and the publicity list (公示名单). ID numbers are masked on every paper; the
 * publicity list also masks the given name, as what may be published is limited (Art. 61).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { requirePermission, scopedRegion, type Actor } from '../access/domain/actor.js';
import type { CaseService } from './case.service.js';
import type { CaseView } from './case-view.js';

export const DOCUMENT_KINDS = ['visit', 'check', 'approval', 'notice'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** 王建国 → 王*国, 王明 → 王*, 欧阳娜娜 → 欧**娜. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

export class DocumentService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly cases: CaseService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async forCase(id: string, kind: string, actor: Actor) {
    if (!(DOCUMENT_KINDS as readonly string[]).includes(kind)) {
      throw new AppError('VALIDATION', { zh: `文书类型「${kind}」无效，可选：${DOCUMENT_KINDS.join(', ')}`, en: `document "${kind}" is not one of ${DOCUMENT_KINDS.join(', ')}` }, { field: 'kind' });
    }
    const c = await this.cases.get(id, actor);
    const household = c.household_code ? await this.household(c.household_code) : null;
    const regionPath = await this.regionPath(c.region_code);
    await this.audit.record({ actor: actor.label, action: 'case.document', subject: `case:${id}`, detail: { kind } });
    const common = { kind, case_id: c.id, generated_at: this.clock.now().toISOString(), region_path: regionPath, household, subject: c.subject, state: c.state };
    if (kind === 'visit') return { ...common, visit: lastSubmitted(c.visits) ?? null };
    if (kind === 'check') return { ...common, check: (c.checks as unknown[]).at(-1) ?? null };
    if (kind === 'approval') return { ...common, assessment: c.assessment, proposal: c.proposed_category, publicity: c.publicity, decision: c.decision, history: c.history.filter((h) => ['record_visit', 'record_check', 'assess', 'start_publicity', 'object', 'decide'].includes(h.action)) };
    if (!c.decision) throw new AppError('CONFLICT', { zh: '尚未审核确认，没有决定通知书', en: 'there is no decision yet, so no notice' }, { requirement: 'decision' });
    return { ...common, notice: noticeOf(c), issued_by: regionPath.find((r) => r.code.length === 6)?.name ?? null };
  }

  /** The publicity list of a region: the households being published now. */
  async publicity(actor: Actor, requested?: string) {
    requirePermission(actor, 'case.read');
    const region = scopedRegion(actor, requested);
    if (region === undefined) return { region: requested ?? null, region_path: [], items: [] };
    const rows = await this.db.selectFrom('assistance_case as c').innerJoin('household as h', 'h.id', 'c.household_id')
      .innerJoin('region as r', 'r.code', 'h.region_code')
      .leftJoin('person as p', (j) => j.onRef('p.household_id', '=', 'h.id').on('p.relation', '=', 'head'))
      .leftJoin('assessment as a', 'a.id', 'c.assessment_id')
      .select(['c.id', 'c.proposed_category', 'c.publicity_from', 'c.publicity_until', 'p.name', 'r.name as village', 'a.result'])
      .select((eb) => eb.selectFrom('person as m').select((x) => x.fn.countAll<string>().as('n')).whereRef('m.household_id', '=', 'h.id').as('size'))
      .where('c.state', '=', 'publicity').where('c.region_code', 'like', `${region}%`).orderBy('c.publicity_from').orderBy('c.id').execute();
    await this.audit.record({ actor: actor.label, action: 'case.publicity_list', detail: { region, items: rows.length } });
    return {
      region, region_path: await this.regionPath(region), generated_at: this.clock.now().toISOString(),
      items: rows.map((r) => ({
        case_id: r.id, name: r.name ? maskName(r.name) : null, village: r.village, household_size: Number(r.size), category: r.proposed_category,
        monthly_amount: amountOf(r.result, r.proposed_category), publicity_from: r.publicity_from, publicity_until: r.publicity_until,
      })),
    };
  }

  private async household(code: string) {
    const h = await this.db.selectFrom('household').select(['id', 'code', 'address', 'hukou_type', 'region_code']).where('code', '=', code).executeTakeFirstOrThrow();
    const members = await this.db.selectFrom('person').select(['id', 'name', 'id_number_masked', 'relation', 'sex', 'birth_date', 'health', 'disability_type', 'disability_grade', 'work_ability'])
      .where('household_id', '=', h.id).orderBy('id').execute();
    return { code: h.code, address: h.address, hukou_type: h.hukou_type, region_code: h.region_code, members };
  }

  private async regionPath(code: string) {
    const codes = [2, 4, 6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n));
    if (codes.length === 0) return [];
    const rows = await this.db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute();
    return codes.map((c) => ({ code: c, name: rows.find((r) => r.code === c)?.name ?? c }));
  }
}

function lastSubmitted(visits: unknown[]): unknown {
  return [...(visits as { status: string }[])].reverse().find((v) => v.status === 'submitted');
}

function noticeOf(c: CaseView) {
  const d = c.decision!;
  return {
    outcome: d.outcome, category: d.category, reasons: d.reasons, override_reason: d.override_reason, valid_from: d.valid_from, valid_to: d.valid_to,
    monthly_amount: d.monthly_amount, decided_at: d.decided_at, decided_by: d.decided_by, head: c.head,
  };
}

function amountOf(result: unknown, category: string | null): number | null {
  const a = (result as { amounts?: { dibao_allowance?: { total: number } | null; tekun?: { support: number | null; care: number | null }[] } } | null)?.amounts;
  if (!a) return null;
  if (category === 'dibao') return a.dibao_allowance?.total ?? null;
  if (category === 'tekun') return a.tekun?.reduce((s, t) => s + (t.support ?? 0) + (t.care ?? 0), 0) ?? null;
  return null;
}
