/**
 * Reading the registry: household search within a region subtree, and a household's full
 * record (members, categories with history, economic snapshots, change history).
 * Every read of a household's details is audited.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { RegionRef, RegionService } from '../regions/region.service.js';
import { checkIdNumber } from './domain/id-number.js';
import type { PiiVault } from '../../platform/crypto/pii-vault.js';
import { ageOn } from './domain/person-facts.js';
import { inScope, requirePermission, scopedRegion, type Actor } from '../access/domain/actor.js';

export interface HouseholdFilter {
  region?: string;
  category?: string;
  name?: string;
  id_number?: string;
  page?: number;
  page_size?: number;
}

export interface HouseholdSummary {
  code: string;
  region_code: string;
  region_name: string;
  hukou_type: string;
  address: string | null;
  head_name: string | null;
  member_count: number;
  categories: string[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

export const MAX_PAGE_SIZE = 200;

export class HouseholdReadService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly regions: RegionService,
    private readonly audit: AuditService,
    private readonly vault: PiiVault,
    private readonly clock: Clock,
  ) {}

  async search(filter: HouseholdFilter, actor: Actor): Promise<Page<HouseholdSummary>> {
    requirePermission(actor, 'registry.read');
    const page = Math.max(1, Math.floor(filter.page ?? 1));
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(filter.page_size ?? 20)));
    const region = filter.region ? await this.regions.resolve(filter.region) : undefined;
    const scope = scopedRegion(actor, region);
    if (scope === undefined) return { items: [], total: 0, page, page_size: pageSize };
    const base = this.filtered({ ...filter, region: scope });
    const [{ total }] = await base.select(sql<string>`count(*)`.as('total')).execute();
    const rows = await base
      .select(['h.id', 'h.code', 'h.region_code', 'h.hukou_type', 'h.address'])
      .orderBy('h.code')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    const items = await this.summarize(rows);
    if (filter.name || filter.id_number) {
      await this.audit.record({ actor: actor.label, action: 'household.search', detail: { by: filter.id_number ? 'id_number' : 'name', results: Number(total) } });
    }
    return { items, total: Number(total), page, page_size: pageSize };
  }

  /**
   * Every household matching the filter, in pages, for exports. The permission is checked
   * now, before a response starts streaming.
   */
  searchAll(filter: HouseholdFilter, actor: Actor, limit = 100_000): AsyncGenerator<HouseholdSummary> {
    requirePermission(actor, 'registry.read');
    const pages = async function* (this: HouseholdReadService) {
      let page = 1;
      let seen = 0;
      while (seen < limit) {
        const res = await this.search({ ...filter, page, page_size: MAX_PAGE_SIZE }, actor);
        yield* res.items;
        seen += res.items.length;
        if (res.items.length < MAX_PAGE_SIZE) return;
        page++;
      }
    };
    return pages.call(this);
  }

  /** filter.region is already resolved and cut to the actor's scope. */
  private filtered(filter: HouseholdFilter & { region: string }) {
    let q = this.db.selectFrom('household as h').where('h.status', '=', 'active');
    if (filter.region !== '22') q = q.where('h.region_code', 'like', `${filter.region}%`);
    if (filter.category) {
      const category = filter.category;
      q = q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('person as p')
            .innerJoin('category_membership as m', 'm.person_id', 'p.id')
            .whereRef('p.household_id', '=', 'h.id')
            .where('m.category', '=', category)
            .where('m.status', '=', 'active')
            .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', this.clock.today())])),
        ),
      );
    }
    if (filter.name?.trim()) {
      const pattern = `%${filter.name.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where(({ exists, selectFrom }) =>
        exists(selectFrom('person as p').whereRef('p.household_id', '=', 'h.id').where('p.name', 'like', pattern)),
      );
    }
    if (filter.id_number?.trim()) {
      const normalized = checkIdNumber(filter.id_number).id_number ?? filter.id_number.trim().toUpperCase();
      const hash = this.vault.hash(normalized);
      q = q.where(({ exists, selectFrom }) =>
        exists(selectFrom('person as p').whereRef('p.household_id', '=', 'h.id').where('p.id_number_hash', '=', hash)),
      );
    }
    return q;
  }

  private async summarize(rows: { id: string; code: string; region_code: string; hukou_type: string; address: string | null }[]): Promise<HouseholdSummary[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const members = await this.db
      .selectFrom('person')
      .select(['household_id', 'name', 'relation'])
      .where('household_id', 'in', ids)
      .execute();
    const categories = await this.db
      .selectFrom('category_membership as m')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .select(['p.household_id', 'm.category'])
      .distinct()
      .where('p.household_id', 'in', ids)
      .where('m.status', '=', 'active')
      // a membership with an end date still ahead (刚性 validity, 渐退期) is current until then
      .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', this.clock.today())]))
      .execute();
    const names = await this.regions.pathNames(rows.map((r) => r.region_code));
    return rows.map((r) => {
      const mine = members.filter((m) => m.household_id === r.id);
      return {
        code: r.code,
        region_code: r.region_code,
        region_name: names.get(r.region_code) ?? r.region_code,
        hukou_type: r.hukou_type,
        address: r.address,
        head_name: mine.find((m) => m.relation === 'head')?.name ?? null,
        member_count: mine.length,
        categories: categories.filter((c) => c.household_id === r.id).map((c) => c.category).sort(),
      };
    });
  }

  async get(code: string, actor: Actor) {
    requirePermission(actor, 'registry.read');
    const h = await this.db.selectFrom('household').selectAll().where('code', '=', code).executeTakeFirst();
    // Out of scope is "not found": a record's existence does not leak across regions.
    if (!h || !inScope(actor, h.region_code)) throw notFound({ zh: `户「${code}」`, en: `household "${code}"` });
    const today = this.clock.today();
    const persons = await this.db.selectFrom('person').selectAll().where('household_id', '=', h.id).orderBy('id').execute();
    const personIds = persons.map((p) => p.id);
    const memberships = personIds.length
      ? await this.db.selectFrom('category_membership').selectAll().where('person_id', 'in', personIds).orderBy('valid_from').execute()
      : [];
    const snapshots = await this.db
      .selectFrom('economic_snapshot')
      .selectAll()
      .where('household_id', '=', h.id)
      .orderBy('as_of', 'desc')
      .execute();
    const history = await this.db
      .selectFrom('registry_history')
      .select(['at', 'actor', 'action', 'reason', 'person_id', 'changes'])
      .where((eb) => eb.or([eb('household_id', '=', h.id), ...(personIds.length ? [eb('person_id', 'in', personIds)] : [])]))
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(500)
      .execute();
    await this.audit.record({ actor: actor.label, action: 'household.read', subject: `household:${h.code}` });
    const region_path: RegionRef[] = await this.regions.path(h.region_code);
    return {
      code: h.code,
      region_code: h.region_code,
      region_path,
      hukou_type: h.hukou_type,
      address: h.address,
      hukou_booklet_no: h.hukou_booklet_no,
      status: h.status,
      members: persons.map((p) => ({
        id: p.id,
        id_number: p.id_number_masked,
        name: p.name,
        relation: p.relation,
        sex: p.sex,
        birth_date: p.birth_date,
        age: ageOn(p.birth_date, today),
        disability_type: p.disability_type,
        disability_grade: p.disability_grade,
        work_ability: p.work_ability,
        health: p.health,
        school_stage: p.school_stage,
        employment: p.employment,
        phone: p.phone_masked,
        categories: memberships
          .filter((m) => m.person_id === p.id)
          .map((m) => ({ id: m.id, category: m.category, status: m.status, valid_from: m.valid_from, valid_to: m.valid_to, decided_by: m.decided_by, source: m.source })),
      })),
      snapshots: snapshots.map(({ id: _id, household_id: _h, created_at: _c, ...s }) => s),
      history,
    };
  }
}

export type HouseholdDetail = Awaited<ReturnType<HouseholdReadService['get']>>;
