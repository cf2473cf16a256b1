/**
 * Warning indicators as versioned data: anyone signed in reads them (they say why a family is
 * flagged); administrators with monitor.manage change them. Every save is validated against
 * the catalog and the policy parameters, adds a version and is audited; alerts name the
 * version they were raised under.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Clock } from '../../platform/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { PolicyService } from '../policy/policy.service.js';
import { parameterCatalog } from '../policy/domain/parameters.js';
import { CATEGORIES } from '../registry/domain/vocabulary.js';
import { requirePermission, type Actor } from '../access/domain/actor.js';
import { checkIndicator, type CheckContext } from './domain/check-indicator.js';
import { ACTIONS, OPERATORS, REGISTRY_FACTS, paramsOf, type IndicatorDefinition } from './domain/indicator-definition.js';
import { countFiring } from './engine/monitor-engine.js';
import type { CalendarService } from './calendar/calendar.service.js';
import { deadlinesFor, resolveParams } from './run-inputs.js';

export interface Indicator {
  code: string;
  version: number;
  active: boolean;
  updated_by: string;
  updated_at: string;
  definition: IndicatorDefinition;
}

export class IndicatorService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly catalog: CatalogService,
    private readonly policy: PolicyService,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The vocabularies an indicator editor offers. */
  vocabulary() {
    return {
      operators: OPERATORS.map(({ code, zh, en }) => ({ code, zh, en })),
      actions: ACTIONS.map(({ code, zh, en }) => ({ code, zh, en })),
      registry_facts: REGISTRY_FACTS.map(({ code, zh, en, type }) => ({ code, zh, en, type })),
    };
  }

  async list(db: Kysely<DB> = this.db): Promise<Indicator[]> {
    const rows = await db.selectFrom('monitor_indicator').selectAll().orderBy('code').execute();
    return rows.map(toIndicator);
  }

  async get(code: string): Promise<Indicator & { versions: { version: number; active: boolean; updated_by: string; updated_at: string }[] }> {
    const row = await this.db.selectFrom('monitor_indicator').selectAll().where('code', '=', code).executeTakeFirst();
    if (!row) throw notFound({ zh: `预警指标 ${code}`, en: `indicator ${code}` });
    const versions = await this.db.selectFrom('monitor_indicator_version').select(['version', 'active', 'updated_by', 'updated_at']).where('code', '=', code).orderBy('version', 'desc').execute();
    return { ...toIndicator(row), versions: versions.map((v) => ({ ...v, updated_at: new Date(v.updated_at).toISOString() })) };
  }

  /** Every version an alert may name, by code and version. */
  async versions(keys: { code: string; version: number }[]): Promise<Map<string, IndicatorDefinition>> {
    if (!keys.length) return new Map();
    const rows = await this.db.selectFrom('monitor_indicator_version').select(['code', 'version', 'definition'])
      .where((eb) => eb.or(keys.map((k) => eb.and([eb('code', '=', k.code), eb('version', '=', k.version)])))).execute();
    return new Map(rows.map((r) => [`${r.code}@${r.version}`, r.definition as IndicatorDefinition]));
  }

  async checkContext(): Promise<CheckContext> {
    const datasets = await this.catalog.datasets();
    return { datasets: new Map(datasets.map((d) => [d.code, d])), parameters: parameterCatalog(), categories: CATEGORIES.map((c) => c.code) };
  }

  async save(code: string, input: { definition: unknown; active?: boolean }, actor: Actor): Promise<Indicator> {
    requirePermission(actor, 'monitor.manage');
    const def = checkIndicator(input.definition, await this.checkContext());
    if (def.code !== code) throw new AppError('VALIDATION', { zh: `定义中的 code「${def.code}」与地址中的 ${code} 不一致`, en: `the definition's code "${def.code}" differs from ${code} in the address` }, { field: 'code' });
    const active = input.active ?? true;
    const saved = await this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('monitor_indicator').select(['version']).where('code', '=', code).forUpdate().executeTakeFirst();
      const version = (before?.version ?? 0) + 1;
      const row = { definition: JSON.stringify(def), version, active, updated_by: actor.label, updated_at: new Date() };
      if (before) await trx.updateTable('monitor_indicator').set(row).where('code', '=', code).execute();
      else await trx.insertInto('monitor_indicator').values({ code, ...row }).execute();
      await trx.insertInto('monitor_indicator_version').values({ code, ...row }).execute();
      await this.audit.record({ actor: actor.label, action: before ? 'indicator.update' : 'indicator.create', subject: `indicator:${code}`, detail: { version, active } }, trx);
      return trx.selectFrom('monitor_indicator').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
    });
    return toIndicator(saved);
  }

  /** How many people (households) a definition would fire for today; validates it first, writes nothing. */
  async preview(code: string, definition: unknown, actor: Actor, on = this.clock.today()): Promise<{ count: number; on: string }> {
    requirePermission(actor, 'monitor.manage');
    const ctx = await this.checkContext();
    const def = checkIndicator(definition, ctx);
    if (def.code !== code) throw new AppError('VALIDATION', { zh: `定义中的 code「${def.code}」与地址中的 ${code} 不一致`, en: `the definition's code "${def.code}" differs from ${code} in the address` }, { field: 'code' });
    const modifiers = (await this.list()).filter((i) => i.active && i.definition.kind === 'modifier' && i.code !== code).map((i) => ({ def: i.definition, version: i.version }));
    const all = [def, ...modifiers.map((m) => m.def)];
    const params = await resolveParams(this.policy, all.flatMap(paramsOf), on);
    const deadlines = await deadlinesFor(this.policy, this.calendar, on);
    const count = await this.db.transaction().execute((trx) =>
      countFiring(trx, def, { asOf: on, datasets: ctx.datasets, params, deadlines, modifiers: def.kind === 'modifier' ? [] : modifiers }));
    return { count, on };
  }
}

function toIndicator(r: { code: string; version: number; active: boolean; updated_by: string; updated_at: Date; definition: unknown }): Indicator {
  return { code: r.code, version: r.version, active: r.active, updated_by: r.updated_by, updated_at: new Date(r.updated_at).toISOString(), definition: r.definition as IndicatorDefinition };
}
