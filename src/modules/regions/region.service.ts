/** Regions: the administrative hierarchy that scopes every list and, later, every user. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { codeLineage, normalizeRegionCode, type RegionLevel } from './region-code.js';

export interface RegionRef {
  code: string;
  name: string;
  level: RegionLevel;
}

export interface RegionDetail extends RegionRef {
  parent_code: string | null;
  path: RegionRef[];
}

export interface RegionChild extends RegionRef {
  has_children: boolean;
}

export class RegionService {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Canonical code of an existing region, from any accepted form; a clear error otherwise.
   * Inside a transaction pass it as `db`: PGlite has one connection, so a query outside the
   * transaction would wait for it forever.
   */
  async resolve(raw: string, db: Kysely<DB> = this.db): Promise<string> {
    const code = normalizeRegionCode(raw);
    if (!code) throw invalidCode(raw);
    const found = await db.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst();
    if (!found) throw unknownCode(raw);
    return code;
  }

  async get(raw: string): Promise<RegionDetail> {
    const code = await this.resolve(raw);
    const path = await this.path(code);
    const self = path[path.length - 1];
    return { ...self, parent_code: path.length > 1 ? path[path.length - 2].code : null, path };
  }

  /** From the province down to the region itself. */
  async path(code: string): Promise<RegionRef[]> {
    const rows = await this.db
      .selectFrom('region')
      .select(['code', 'name', 'level'])
      .where('code', 'in', codeLineage(code))
      .execute();
    return rows.sort((a, b) => a.code.length - b.code.length);
  }

  async children(raw: string): Promise<RegionChild[]> {
    const code = await this.resolve(raw);
    return this.db
      .selectFrom('region as r')
      .select(['r.code', 'r.name', 'r.level'])
      .select(sql<boolean>`exists (select 1 from region c where c.parent_code = r.code)`.as('has_children'))
      .where('r.parent_code', '=', code)
      .orderBy('r.code')
      .execute();
  }

  /** "长春市 南关区 南岭街道 华阳社区" for many codes at once (province name left out). */
  async pathNames(codes: string[]): Promise<Map<string, string>> {
    const all = [...new Set(codes.flatMap(codeLineage))];
    const names = new Map<string, string>();
    if (all.length === 0) return names;
    const rows = await this.db.selectFrom('region').select(['code', 'name']).where('code', 'in', all).execute();
    for (const r of rows) names.set(r.code, r.name);
    return new Map(
      codes.map((c) => [
        c,
        codeLineage(c)
          .slice(1)
          .map((a) => names.get(a) ?? a)
          .join(' '),
      ]),
    );
  }
}

export function invalidCode(raw: string): AppError {
  return new AppError('VALIDATION', {
    zh: `行政区划代码格式无效：「${raw}」（应为 2/4/6/9/12 位数字）`,
    en: `invalid region code "${raw}" (expected 2, 4, 6, 9 or 12 digits)`,
  });
}

export function unknownCode(raw: string): AppError {
  return notFound({ zh: `行政区划代码「${raw}」`, en: `region code "${raw}"` });
}
