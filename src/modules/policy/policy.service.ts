/**
 * Policy parameters in force: for a key, a region and a date, the most specific region wins
 * (county over prefecture over province), then the version in force on that date. History is
 * kept: a value set again for the same key, region and start date becomes a new version.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { RegionService } from '../regions/region.service.js';
import { codeLineage } from '../regions/region-code.js';
import { requirePermission, type Actor } from '../access/domain/actor.js';
import { definitionOf, parameterCatalog, parseValue } from './domain/parameters.js';

export interface ParameterValue {
  key: string;
  value: unknown;
  region_code: string;
  valid_from: string;
  valid_to: string | null;
  version: number;
  source: string | null;
  author: string;
}

export interface SetParameter {
  key: string;
  value: unknown;
  region: string;
  from: string;
  to?: string | null;
  source?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PolicyService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly regions: RegionService,
    private readonly audit: AuditService,
  ) {}

  async set(input: SetParameter, actor: Actor): Promise<ParameterValue> {
    requirePermission(actor, 'policy.manage');
    const def = definitionOf(input.key);
    const value = parseValue(def, input.value);
    const region = await this.regions.resolve(input.region);
    if (![2, 4, 6].includes(region.length)) {
      throw new AppError('VALIDATION', { zh: '参数只能按省、市、县设置', en: 'parameters are set for a province, prefecture or county' }, { field: 'region' });
    }
    if (!region.startsWith(actor.regionCode)) throw new AppError('FORBIDDEN', { zh: '该区划不在您的管辖范围内', en: 'region outside your area' });
    if (!DATE.test(input.from) || (input.to && !DATE.test(input.to))) {
      throw new AppError('VALIDATION', { zh: '日期应为 YYYY-MM-DD', en: 'dates must be YYYY-MM-DD' }, { field: input.to && !DATE.test(input.to) ? 'to' : 'from' });
    }
    if (input.to && input.to < input.from) throw new AppError('VALIDATION', { zh: '结束日期早于开始日期', en: '--to is before --from' }, { field: 'to' });
    return this.db.transaction().execute(async (trx) => {
      const prev = await trx
        .selectFrom('policy_parameter')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('key', '=', def.key)
        .where('region_code', '=', region)
        .where('valid_from', '=', input.from)
        .executeTakeFirst();
      const version = Number(prev?.v ?? 0) + 1;
      await trx
        .updateTable('policy_parameter')
        .set({ superseded_at: new Date() })
        .where('key', '=', def.key)
        .where('region_code', '=', region)
        .where('valid_from', '=', input.from)
        .where('superseded_at', 'is', null)
        .execute();
      await trx
        .insertInto('policy_parameter')
        .values({ key: def.key, region_code: region, valid_from: input.from, valid_to: input.to ?? null, value: JSON.stringify(value), source: input.source ?? null, author: actor.label, version })
        .execute();
      await this.audit.record({ actor: actor.label, action: 'policy.set', subject: `policy:${def.key}`, detail: { region, from: input.from, to: input.to ?? null, value, version } }, trx);
      return { key: def.key, value, region_code: region, valid_from: input.from, valid_to: input.to ?? null, version, source: input.source ?? null, author: actor.label };
    });
  }

  /** The value in force; a missing one is an error that names key, region and date. */
  async get(key: string, region: string, on: string, db: Kysely<DB> = this.db): Promise<ParameterValue> {
    definitionOf(key);
    if (!DATE.test(on)) throw new AppError('VALIDATION', { zh: '日期应为 YYYY-MM-DD', en: 'the date must be YYYY-MM-DD' }, { field: 'on' });
    const code = await this.regions.resolve(region, db);
    const lineage = codeLineage(code).filter((c) => c.length <= 6);
    const row = await db
      .selectFrom('policy_parameter')
      .selectAll()
      .where('key', '=', key)
      .where('region_code', 'in', lineage)
      .where('superseded_at', 'is', null)
      .where('valid_from', '<=', on)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', on)]))
      .orderBy(sql`length(region_code)`, 'desc')
      .orderBy('valid_from', 'desc')
      .orderBy('version', 'desc')
      .executeTakeFirst();
    if (!row) {
      throw new AppError('NOT_FOUND', {
        zh: `政策参数 ${key} 在 ${code} 于 ${on} 没有生效的值`,
        en: `no value of ${key} is in force for region ${code} on ${on}`,
      }, { key, region: code, on });
    }
    return { key, value: row.value, region_code: row.region_code, valid_from: row.valid_from, valid_to: row.valid_to, version: row.version, source: row.source, author: row.author };
  }

  /** Every version of every key (or one key), newest first: the history an administrator reads. */
  async history(key?: string) {
    let q = this.db.selectFrom('policy_parameter').selectAll().orderBy('key').orderBy('region_code').orderBy('valid_from', 'desc').orderBy('version', 'desc');
    if (key) q = q.where('key', '=', definitionOf(key).key);
    const rows = await q.execute();
    return rows.map((r) => ({ ...r, current: r.superseded_at === null, label: { zh: parameterCatalog().get(r.key)?.zh, en: parameterCatalog().get(r.key)?.en } }));
  }

  catalog() {
    return [...parameterCatalog().values()].map(({ defaults: _d, ...d }) => d);
  }
}
