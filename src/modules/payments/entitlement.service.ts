/**
 * Entitlements (待遇) follow the decisions: an approved 低保 recognition entitles the household
 * to the allowance (paid to the head), an approved 特困 recognition each recognized person to the
 * basic-living support; payment starts the month after the decision (次月起发放). When the
 * category membership a decision wrote ends (an exit, the end of a gradual exit, an expiry), the
 * entitlement ends with that month. `sync` does both, idempotently, before every roll.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { requirePermission, scopedRegion, type Actor } from '../access/domain/actor.js';
import { addMonths, monthOf } from './domain/months.js';
import type { ProgramCode } from './domain/entitlement.js';

export interface EntitlementView {
  id: string;
  program: ProgramCode;
  household_code: string;
  payee: { name: string; id_number_masked: string };
  rule: unknown;
  start_month: string;
  end_month: string | null;
  status: string;
  account_masked: string | null;
  source: string;
}

export class EntitlementService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Create the entitlements of approved decisions in the region that have none; end those whose membership ended. */
  async sync(region: string, actor: string, db: Kysely<DB> = this.db): Promise<{ created: number; ended: number }> {
    const decisions = await db.selectFrom('case_decision as d').innerJoin('household as h', 'h.id', 'd.household_id')
      .select(['d.id', 'd.case_id', 'd.household_id', 'd.category', 'd.person_ids', 'd.valid_from'])
      .where('d.kind', '=', 'recognition').where('d.outcome', '=', 'approved').where('d.category', 'in', ['dibao', 'tekun'])
      .where('h.region_code', 'like', `${region}%`)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('payment_entitlement as e').select('e.id').whereRef('e.decision_id', '=', 'd.id'))))
      .orderBy('d.id').execute();
    let created = 0;
    for (const d of decisions) {
      const start = addMonths(monthOf(String(d.valid_from ?? this.clock.today())), 1);
      const base = { household_id: d.household_id, start_month: start, case_id: d.case_id, decision_id: d.id, source: `decision:${d.id}`, created_by: actor };
      const rows: { program: ProgramCode; payee_person_id: string; rule: string }[] = [];
      if (d.category === 'dibao') {
        const head = await db.selectFrom('person').select('id').where('household_id', '=', d.household_id).orderBy((eb) => eb.case().when('relation', '=', 'head').then(0).else(1).end()).orderBy('id').executeTakeFirst();
        if (head) rows.push({ program: 'dibao_allowance', payee_person_id: head.id, rule: JSON.stringify({ kind: 'dibao_gap' }) });
      } else {
        for (const pid of (d.person_ids as string[] | null) ?? []) rows.push({ program: 'tekun_support', payee_person_id: String(pid), rule: JSON.stringify({ kind: 'tekun_support' }) });
      }
      for (const r of rows) {
        // a person already paid by this program keeps the open entitlement (a renewal, not a second payment)
        const open = await db.selectFrom('payment_entitlement').select('id').where('program', '=', r.program).where('payee_person_id', '=', r.payee_person_id).where('status', '<>', 'ended').executeTakeFirst();
        if (open) continue;
        await db.insertInto('payment_entitlement').values({ ...base, ...r }).execute();
        created++;
      }
    }
    const ended = await this.endWithMemberships(region, db);
    return { created, ended };
  }

  /** An entitlement from a decision ends with the month its membership ends. */
  private async endWithMemberships(region: string, db: Kysely<DB>): Promise<number> {
    const rows = await db.selectFrom('payment_entitlement as e').innerJoin('household as h', 'h.id', 'e.household_id')
      .innerJoin('category_membership as m', (j) => j.on(sql<boolean>`m.source = 'decision:' || e.decision_id::text`))
      .select(['e.id', 'e.start_month', 'm.valid_to']).where('h.region_code', 'like', `${region}%`).where('e.status', '<>', 'ended').where('e.end_month', 'is', null)
      .where('m.valid_to', 'is not', null).execute();
    const today = monthOf(this.clock.today());
    let ended = 0;
    for (const r of rows) {
      const last = monthOf(String(r.valid_to));
      const end = last < r.start_month ? r.start_month : last;
      await db.updateTable('payment_entitlement').set({ end_month: end, status: end < today ? 'ended' : 'active', updated_at: this.clock.now() }).where('id', '=', r.id).execute();
      ended++;
    }
    return ended;
  }

  async list(filter: { region?: string; household?: string; limit?: number }, actor: Actor): Promise<{ entitlements: EntitlementView[] }> {
    requirePermission(actor, 'payment.read');
    const region = scopedRegion(actor, filter.region);
    if (region === undefined) return { entitlements: [] };
    let q = this.db.selectFrom('payment_entitlement as e').innerJoin('household as h', 'h.id', 'e.household_id').innerJoin('person as p', 'p.id', 'e.payee_person_id')
      .select(['e.id', 'e.program', 'h.code', 'p.name', 'p.id_number_masked', 'e.rule', 'e.start_month', 'e.end_month', 'e.status', 'e.account_masked', 'e.source'])
      .where('h.region_code', 'like', `${region}%`);
    if (filter.household) q = q.where('h.code', '=', filter.household);
    const rows = await q.orderBy('e.id').limit(Math.min(filter.limit ?? 200, 1000)).execute();
    await this.audit.record({ actor: actor.label, action: 'payment.entitlements', detail: { region, household: filter.household ?? null, rows: rows.length } });
    return {
      entitlements: rows.map((r) => ({
        id: r.id, program: r.program, household_code: r.code, payee: { name: r.name, id_number_masked: r.id_number_masked }, rule: r.rule,
        start_month: r.start_month, end_month: r.end_month, status: r.status, account_masked: r.account_masked, source: r.source,
      })),
    };
  }
}

export function countyOf(region: string): string {
  if (!/^\d{6}$/.test(region)) {
    throw new AppError('VALIDATION', { zh: `发放花名册按县（6 位区划代码）编制，「${region}」不是县级代码`, en: `a roll is prepared per county (a 6-digit region code); "${region}" is not one` }, { field: 'region', value: region });
  }
  return region;
}
