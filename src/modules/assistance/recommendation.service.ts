/**
 * Recommendations for one household: its facts as of a date (registry + departments' data),
 * the parameters in force for its region, the amounts of its latest assessment, and the pure
 * matching of domain/recommend.ts over the active programs. Reading them needs registry.read (by
 * household code) or, from the case flow, registry.read or case.read, within the household's
 * region; every read is audited like any read of a household.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { PolicyService } from '../policy/policy.service.js';
import { can, inScope, requirePermission, type Actor } from '../access/domain/actor.js';
import type { FactValue } from '../monitoring/domain/condition.js';
import { conditionParams } from './domain/check-program.js';
import { EVENT_WINDOW_KEY, FACT_PARAMETER_KEYS, householdFacts, type FactParams } from './domain/household-facts.js';
import { HOUSEHOLD_FACTS, PROGRAM_TIERS, labelOfType, type ProgramTier } from './domain/program-definition.js';
import { recommend, type Reason } from './domain/recommend.js';
import type { AmountEstimate, MatchAmounts } from './domain/amount-estimate.js';
import { memberRecords } from './facts.store.js';
import type { ProgramService } from './program.service.js';

export interface ProgramRecommendation {
  program: { code: string; version: number; zh: string; en: string; type: string; type_zh: string; type_en: string; department: { code: string; zh: string; en: string } };
  recommended: boolean;
  reasons: Reason[];
  amount_estimate: AmountEstimate | null;
}

export interface HouseholdRecommendations {
  household_code: string;
  on: string;
  tier: ProgramTier;
  tier_source: 'given' | 'registry';
  facts: { code: string; zh: string; en: string; value: FactValue }[];
  dibao_standard: number | null;
  assessment: { id: string; as_of: string; tier: string } | null;
  recommendations: ProgramRecommendation[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIER_ORDER: ProgramTier[] = ['tekun', 'dibao', 'marginal', 'rigid_expense'];

export class RecommendationService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly programs: ProgramService,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** By household code, for GET /api/households/{code}/recommendations; the tier defaults to the registry's. */
  async forHouseholdCode(code: string, tier: string | undefined, on: string | undefined, actor: Actor): Promise<HouseholdRecommendations> {
    requirePermission(actor, 'registry.read');
    const h = await this.db.selectFrom('household').select(['id', 'region_code']).where('code', '=', code).executeTakeFirst();
    if (!h || !inScope(actor, h.region_code)) throw notFound({ zh: `户「${code}」`, en: `household "${code}"` });
    return this.recommendForHousehold(h.id, tier, on ?? this.clock.today(), actor);
  }

  /**
   * The case service calls this with the case's household and the recognized tier (undefined:
   * the tier the registry holds on `on`). Pass `db` inside a transaction.
   */
  async recommendForHousehold(householdId: string, tier: string | undefined, on: string, actor: Actor, db: Kysely<DB> = this.db): Promise<HouseholdRecommendations> {
    this.requireReader(actor);
    if (!DATE.test(on)) throw new AppError('VALIDATION', { zh: `日期「${on}」应为 YYYY-MM-DD`, en: `date "${on}" must be YYYY-MM-DD` }, { field: 'on' });
    if (tier !== undefined && !PROGRAM_TIERS.some((t) => t.code === tier)) {
      throw new AppError('VALIDATION', { zh: `tier「${tier}」无效，可选：${PROGRAM_TIERS.map((t) => t.code).join(', ')}`, en: `tier "${tier}" is invalid; one of: ${PROGRAM_TIERS.map((t) => t.code).join(', ')}` }, { field: 'tier' });
    }
    const h = await db.selectFrom('household').select(['id', 'code', 'region_code', 'hukou_type']).where('id', '=', householdId).executeTakeFirst();
    if (!h || !inScope(actor, h.region_code)) throw notFound({ zh: `户 ${householdId}`, en: `household ${householdId}` });
    const effectiveTier = (tier as ProgramTier | undefined) ?? await this.registryTier(db, h.id, on);
    const programs = (await this.programs.list(db)).filter((p) => p.active);
    const param = async (key: string) => Number((await this.policy.get(key, h.region_code, on, db)).value);
    const factParams = {} as Record<keyof FactParams, number>;
    for (const [k, key] of Object.entries(FACT_PARAMETER_KEYS) as [keyof FactParams, string][]) factParams[k] = await param(key);
    const members = await memberRecords(db, h.id, on, await param(EVENT_WINDOW_KEY));
    const facts = householdFacts(members, h.hukou_type, on, factParams);
    const values = new Map<string, number>();
    for (const key of new Set(programs.flatMap((p) => conditionParams(p.definition.condition)))) values.set(key, await param(key));
    const dibaoStandard = await param(`dibao.standard.${h.hukou_type}`).catch(() => null);
    const assessment = await this.latestAssessment(db, h.id, on);
    const matched = recommend(facts, effectiveTier, programs.map((p) => ({ ...p.definition, meta: p })), { values, dibaoStandard, assessed: assessment?.amounts ?? null });
    await this.audit.record({
      actor: actor.label, action: 'assistance.recommend', subject: `household:${h.code}`,
      detail: { tier: effectiveTier, on, recommended: matched.filter((m) => m.recommended).map((m) => m.program.code) },
    }, db);
    return {
      household_code: h.code, on, tier: effectiveTier, tier_source: tier === undefined ? 'registry' : 'given',
      facts: HOUSEHOLD_FACTS.map((f) => ({ code: f.code, zh: f.zh, en: f.en, value: facts[f.code] })),
      dibao_standard: dibaoStandard,
      assessment: assessment ? { id: assessment.id, as_of: assessment.as_of, tier: assessment.tier } : null,
      recommendations: matched.map((m) => {
        const type = labelOfType(m.program.type);
        return {
          program: { code: m.program.code, version: m.program.meta.version, zh: m.program.zh, en: m.program.en, type: m.program.type, type_zh: type.zh, type_en: type.en, department: m.program.meta.department },
          recommended: m.recommended, reasons: m.reasons, amount_estimate: m.amount_estimate,
        };
      }),
    };
  }

  private requireReader(actor: Actor): void {
    if (!can(actor, 'case.read')) requirePermission(actor, 'registry.read');
  }

  /** The highest tier any member holds on the date (特困 → 低保 → 边缘 → 刚性), else none. */
  private async registryTier(db: Kysely<DB>, householdId: string, on: string): Promise<ProgramTier> {
    const rows = await db.selectFrom('category_membership as m').innerJoin('person as p', 'p.id', 'm.person_id')
      .select('m.category').distinct()
      .where('p.household_id', '=', householdId).where('m.status', '=', 'active').where('m.valid_from', '<=', on)
      .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>=', on)]))
      .execute();
    const held = new Set(rows.map((r) => r.category));
    return TIER_ORDER.find((t) => held.has(t)) ?? 'none';
  }

  /** The amounts of the household's latest stored assessment on or before the date. */
  private async latestAssessment(db: Kysely<DB>, householdId: string, on: string) {
    const row = await db.selectFrom('assessment').select(['id', 'as_of', 'tier', 'result'])
      .where('household_id', '=', householdId).where('as_of', '<=', on).orderBy('as_of', 'desc').orderBy('id', 'desc').executeTakeFirst();
    if (!row) return null;
    const a = (row.result as { amounts?: StoredAmounts }).amounts;
    const sum = (xs: (number | null)[]) => (xs.length && xs.every((x) => x !== null) ? Math.round(xs.reduce((s, x) => s + x! * 100, 0)) / 100 : null);
    const single = a?.single_person ?? [];
    const amounts: MatchAmounts['assessed'] = {
      dibao_allowance: a?.dibao_allowance?.total ?? (single.length ? sum(single.map((l) => l.amount)) : null),
      tekun_support: sum((a?.tekun ?? []).map((t) => t.support)),
      tekun_care: sum((a?.tekun ?? []).map((t) => t.care)),
    };
    return { id: row.id, as_of: String(row.as_of), tier: row.tier, amounts };
  }
}

type StoredAmounts = {
  dibao_allowance: { total: number } | null;
  single_person?: { amount: number }[];
  tekun?: { support: number | null; care: number | null }[];
};
