/**
 * Assessments (分层认定测算): run the identification engine on a household description or on a
 * registered household, with the policy parameters in force for its region on the date. An
 * assessment of a registered household is stored with the parameter values it used and its
 * sealed input, so that it can be shown again and replayed exactly.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import type { PiiVault } from '../../platform/crypto/pii-vault.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { PolicyService } from '../policy/policy.service.js';
import type { RegionService } from '../regions/region.service.js';
import { inScope, requirePermission, type Actor } from '../access/domain/actor.js';
import { isCalendarDate, parseDescription, type HouseholdDescription } from './domain/household-description.js';
import { identify, type Assessment } from './domain/identify.js';
import { canonicalJson, maskAssessmentIds } from './domain/masking.js';
import { currentKeys, previousYearEnd, previousYearKeys, ruleParameters } from './domain/rule-parameters.js';
import { describeRegisteredHousehold } from './registry-description.js';
import { maskIdNumber } from '../registry/domain/id-number.js';

/** Bumped when the engine's rules change, so a replay can tell code changes from data changes. */
export const ENGINE_VERSION = '2026.11-1';

/** One parameter value an assessment used: enough to find the exact version again. */
export interface ParameterUsed {
  key: string;
  on: string;
  value: unknown;
  region_code: string;
  valid_from: string;
  version: number;
}

export interface AssessmentResult extends Assessment {
  id: string | null;
  household_code: string | null;
  snapshot: { as_of: string; source: string } | null;
  engine_version: string;
  parameters: ParameterUsed[];
  notes: { zh: string; en: string }[];
  created_by?: string;
  created_at?: string;
}

export class AssessmentService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly regions: RegionService,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly vault: PiiVault,
    private readonly clock: Clock,
  ) {}

  /** A description (from a file or an application form); the result is returned, not stored. */
  async assessDescription(raw: unknown, actor: Actor): Promise<AssessmentResult> {
    requirePermission(actor, 'recognition.assess');
    const d = parseDescription(raw);
    d.region_code = await this.resolveRegion(d.region_code);
    if (!inScope(actor, d.region_code)) {
      throw new AppError('FORBIDDEN', { zh: '该区划不在您的管辖范围内', en: 'region outside your area' }, { field: 'region_code' });
    }
    const { assessment: plain, parameters } = await this.run(d);
    // Responses carry masked ID numbers only, even back to the sender of the description.
    const people = new Map([...d.members, ...d.supporters].map((m) => [m.id_number, { id_number_masked: maskIdNumber(m.id_number) }]));
    const assessment = maskAssessmentIds(plain, people);
    await this.audit.record({ actor: actor.label, action: 'assessment.description', subject: `region:${d.region_code}`, detail: { as_of: d.as_of, tier: assessment.tier } });
    return { id: null, household_code: null, snapshot: null, engine_version: ENGINE_VERSION, parameters, notes: [], ...assessment };
  }

  /** A registered household on a date (default today), from its latest economic snapshot; stored. */
  async assessHousehold(code: string, on: string | undefined, actor: Actor): Promise<AssessmentResult> {
    requirePermission(actor, 'recognition.assess');
    const date = on ?? this.clock.today();
    if (!isCalendarDate(date) || date > this.clock.today()) {
      throw new AppError('VALIDATION', { zh: `测算日期「${date}」无效或晚于今天`, en: `assessment date "${date}" is not a real date or is in the future` }, { field: 'on' });
    }
    const h = await this.db.selectFrom('household').select(['id', 'code', 'region_code', 'hukou_type']).where('code', '=', code).where('status', '=', 'active').executeTakeFirst();
    if (!h || !inScope(actor, h.region_code)) throw notFound({ zh: `户「${code}」`, en: `household "${code}"` });
    const reg = await describeRegisteredHousehold(this.db, this.vault, h, date);
    const d = parseDescription(reg.description);
    const { assessment, parameters } = await this.run(d);
    const masked = maskAssessmentIds(assessment, reg.people);
    const row = await this.db
      .insertInto('assessment')
      .values({
        household_id: h.id,
        snapshot_id: reg.snapshot.id,
        region_code: h.region_code,
        as_of: date,
        tier: assessment.tier,
        description_sealed: this.vault.seal(JSON.stringify(d)),
        parameters: JSON.stringify(parameters),
        result: JSON.stringify({ ...masked, notes: reg.notes, snapshot: { as_of: reg.snapshot.as_of, source: reg.snapshot.source } }),
        engine_version: ENGINE_VERSION,
        created_by: actor.label,
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await this.audit.record({ actor: actor.label, action: 'assessment.create', subject: `household:${h.code}`, detail: { assessment: row.id, as_of: date, tier: assessment.tier } });
    return {
      id: row.id, household_code: h.code, snapshot: { as_of: reg.snapshot.as_of, source: reg.snapshot.source }, engine_version: ENGINE_VERSION,
      parameters, notes: reg.notes, created_by: actor.label, created_at: new Date(row.created_at).toISOString(), ...masked,
    };
  }

  async get(id: string, actor: Actor): Promise<AssessmentResult> {
    requirePermission(actor, 'registry.read');
    const row = await this.stored(id, actor);
    await this.audit.record({ actor: actor.label, action: 'assessment.read', subject: `household:${row.household_code}`, detail: { assessment: id } });
    return toResult(row);
  }

  /**
   * A stored assessment as a case reads it (the case service has checked the case's access):
   * its tier, recognitions (with person ids), amounts and the parameter values it used.
   */
  async forCase(id: string, db: Kysely<DB> = this.db): Promise<AssessmentResult | null> {
    const row = await this.storedRows(db).where('a.id', '=', id).executeTakeFirst();
    return row ? toResult(row) : null;
  }

  /** Every stored assessment of a household, newest first. */
  async listForHousehold(code: string, actor: Actor): Promise<AssessmentResult[]> {
    requirePermission(actor, 'registry.read');
    const h = await this.db.selectFrom('household').select(['id', 'region_code']).where('code', '=', code).executeTakeFirst();
    if (!h || !inScope(actor, h.region_code)) throw notFound({ zh: `户「${code}」`, en: `household "${code}"` });
    const rows = await this.storedRows().where('a.household_id', '=', h.id).orderBy('a.id', 'desc').limit(50).execute();
    await this.audit.record({ actor: actor.label, action: 'assessment.list', subject: `household:${code}`, detail: { results: rows.length } });
    return rows.map(toResult);
  }

  /**
   * Run a stored assessment again on its own input and parameter values (not today's) and say
   * whether the engine gives the same answer.
   */
  async replay(id: string, actor: Actor): Promise<{ id: string; identical: boolean; engine_version: { stored: string; current: string }; differences: string[]; replayed: AssessmentResult }> {
    requirePermission(actor, 'registry.read');
    const row = await this.stored(id, actor);
    const d = JSON.parse(this.vault.open(row.description_sealed)) as HouseholdDescription;
    const used = row.parameters as ParameterUsed[];
    const current = new Map(used.filter((p) => p.on === d.as_of).map((p) => [p.key, p.value]));
    const previous = new Map(used.filter((p) => p.on !== d.as_of).map((p) => [p.key, p.value]));
    const assessment = identify(d, ruleParameters(d.hukou_type, current, previous));
    const people = await this.peopleOf(d);
    const masked = maskAssessmentIds(assessment, people);
    const stored = toResult(row);
    const differences = (['tier', 'recognitions', 'figures', 'tests', 'amounts', 'summary'] as const).filter(
      (k) => canonicalJson(stored[k]) !== canonicalJson(masked[k]),
    );
    await this.audit.record({ actor: actor.label, action: 'assessment.replay', subject: `household:${row.household_code}`, detail: { assessment: id, identical: differences.length === 0 } });
    return {
      id,
      identical: differences.length === 0,
      engine_version: { stored: row.engine_version, current: ENGINE_VERSION },
      differences,
      replayed: { ...stored, ...masked },
    };
  }

  /** Look up every parameter the engine reads; a missing one names key, region and date. */
  private async run(d: HouseholdDescription): Promise<{ assessment: Assessment; parameters: ParameterUsed[] }> {
    const used: ParameterUsed[] = [];
    const current = new Map<string, unknown>();
    for (const key of currentKeys(d.hukou_type)) {
      const v = await this.policy.get(key, d.region_code, d.as_of);
      current.set(key, v.value);
      used.push({ key, on: d.as_of, value: v.value, region_code: v.region_code, valid_from: v.valid_from, version: v.version });
    }
    const previous = new Map<string, unknown>();
    const prevOn = previousYearEnd(d.as_of);
    for (const key of previousYearKeys(d.hukou_type)) {
      const v = await this.policy.get(key, d.region_code, prevOn).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
        throw e;
      });
      if (!v) continue;
      previous.set(key, v.value);
      used.push({ key, on: prevOn, value: v.value, region_code: v.region_code, valid_from: v.valid_from, version: v.version });
    }
    return { assessment: identify(d, ruleParameters(d.hukou_type, current, previous)), parameters: used };
  }

  private async resolveRegion(code: string): Promise<string> {
    try {
      return await this.regions.resolve(code);
    } catch (e) {
      if (e instanceof AppError) throw new AppError('VALIDATION', { zh: `region_code：${e.message}`, en: `region_code: unknown region "${code}"` }, { field: 'region_code' });
      throw e;
    }
  }

  private storedRows(db: Kysely<DB> = this.db) {
    return db
      .selectFrom('assessment as a')
      .innerJoin('household as h', 'h.id', 'a.household_id')
      .select(['a.id', 'a.household_id', 'h.code as household_code', 'a.region_code', 'a.as_of', 'a.tier', 'a.description_sealed', 'a.parameters', 'a.result', 'a.engine_version', 'a.created_by', 'a.created_at']);
  }

  private async stored(id: string, actor: Actor) {
    const row = /^\d{1,18}$/.test(id) ? await this.storedRows().where('a.id', '=', id).executeTakeFirst() : undefined;
    if (!row || !inScope(actor, row.region_code)) throw notFound({ zh: `测算记录「${id}」`, en: `assessment "${id}"` });
    return row;
  }

  /** ID number → masked form and person id, for the members named in a stored description. */
  private async peopleOf(d: HouseholdDescription) {
    const hashes = d.members.map((m) => this.vault.hash(m.id_number));
    const rows = await this.db.selectFrom('person').select(['id', 'id_number_hash', 'id_number_masked']).where('id_number_hash', 'in', hashes).execute();
    const byHash = new Map(rows.map((r) => [r.id_number_hash, r]));
    return new Map(d.members.flatMap((m) => {
      const r = byHash.get(this.vault.hash(m.id_number));
      return r ? [[m.id_number, { id_number_masked: r.id_number_masked, person_id: r.id }] as const] : [];
    }));
  }
}

type StoredRow = {
  id: string; household_code: string; as_of: string; parameters: unknown; result: unknown; engine_version: string; created_by: string; created_at: Date;
};

function toResult(row: StoredRow): AssessmentResult {
  const r = row.result as Assessment & { notes: { zh: string; en: string }[]; snapshot: { as_of: string; source: string } };
  return {
    ...r,
    id: row.id,
    household_code: row.household_code,
    engine_version: row.engine_version,
    parameters: row.parameters as ParameterUsed[],
    created_by: row.created_by,
    created_at: new Date(row.created_at).toISOString(),
  };
}
