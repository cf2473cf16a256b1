/**
 * The monthly roll (发放花名册) of a county: prepare computes every entitlement for the month
 * (payable, held or stopped, with the reason), compares it with last month's roll, puts the
 * back pay and recoveries of the closed months on it, and saves it as a draft — again on every
 * prepare until it is approved. Approval is by someone other than the preparer (maker-checker);
 * an approved roll is frozen, and a later change reaches the next month's roll as an adjustment.
 * The lines are the ledger: a month is paid once per entitlement (a unique index says so).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import type { PiiVault } from '../../platform/crypto/pii-vault.js';
import { AppError } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { inScope, requirePermission, type Actor } from '../access/domain/actor.js';
import { adjustmentLines, recalculateWithHistory } from './domain/back-pay.js';
import { addMonths, checkMonth, type Month } from './domain/months.js';
import { monthlyAmount } from './domain/monthly-amount.js';
import { classifyRoll, type ClassifiedLine, type RollTotals } from './domain/roll.js';
import { rollLine, type RollLine } from './domain/roll-line.js';
import { countyOf, type EntitlementService } from './entitlement.service.js';
import { loadRollFacts, type Owner } from './roll-facts.js';
import { BasisPacker } from './basis-store.js';

export interface RollLineView {
  household_code: string;
  payee: { name: string; id_number_masked: string };
  program: string;
  for_month: string;
  kind: 'regular' | 'adjustment';
  status: string;
  change: string;
  amount: number;
  previous_amount: number | null;
  reason: string;
  reason_en: string;
}

export interface RollView {
  id: string;
  month: string;
  region: string;
  status: 'draft' | 'approved';
  prepared_by: string;
  prepared_at: string;
  approved_by: string | null;
  approved_at: string | null;
  totals: RollTotals;
  lines: RollLineView[];
  total: number;
}

/** How far back each roll recalculates closed months (a calendar year). */
export const RECALCULATION_MONTHS = 12;

const yuanOf = (fen: number | string | null) => (fen === null ? null : Number(fen) / 100);

export class RollService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly vault: PiiVault,
    private readonly entitlements: EntitlementService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Compute (or recompute) the county's draft roll for the month. */
  async prepare(input: { month: string; region: string }, actor: Actor): Promise<RollView> {
    requirePermission(actor, 'payment.prepare');
    const month = checkMonth('month', input.month);
    const region = this.county(input.region, actor);
    await this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('payment_roll').select(['id', 'status', 'approved_by']).where('region_code', '=', region).where('month', '=', month).forUpdate().executeTakeFirst();
      if (existing?.status === 'approved') {
        throw new AppError('CONFLICT', {
          zh: `${region} ${month} 的发放花名册已由 ${existing.approved_by} 审核通过，不能再修改；之后的变动计入下月花名册`,
          en: `the ${month} roll of ${region} was approved by ${existing.approved_by} and cannot change; later changes go on next month's roll`,
        }, { field: 'month', value: month });
      }
      await this.entitlements.sync(region, actor.label, trx);
      const roll = await this.compute(trx, region, month);
      let rollId = existing?.id;
      const values = { totals: JSON.stringify(roll.totals), prepared_by: actor.label, prepared_at: this.clock.now() };
      if (rollId) {
        await trx.deleteFrom('payment_line').where('roll_id', '=', rollId).execute();
        await trx.updateTable('payment_roll').set(values).where('id', '=', rollId).execute();
      } else {
        rollId = (await trx.insertInto('payment_roll').values({ region_code: region, month, ...values }).returning('id').executeTakeFirstOrThrow()).id;
      }
      await this.insertLines(trx, rollId, roll.lines, roll.byId);
      await this.audit.record({ actor: actor.label, action: 'payment.roll_prepare', subject: `roll:${rollId}`, detail: { region, month, lines: roll.lines.length, total_fen: roll.totals.total_fen } }, trx);
    });
    return this.show({ month, region }, actor);
  }

  /** Approve a draft roll: not by its preparer; afterwards it is frozen. */
  async approve(input: { month: string; region: string }, actor: Actor): Promise<RollView> {
    requirePermission(actor, 'payment.approve');
    const month = checkMonth('month', input.month);
    const region = this.county(input.region, actor);
    await this.db.transaction().execute(async (trx) => {
      const roll = await trx.selectFrom('payment_roll').select(['id', 'status', 'prepared_by', 'approved_by']).where('region_code', '=', region).where('month', '=', month).forUpdate().executeTakeFirst();
      if (!roll) throw new AppError('NOT_FOUND', { zh: `${region} ${month} 还没有编制发放花名册`, en: `no roll has been prepared for ${region} ${month}` }, { field: 'month', value: month });
      if (roll.status === 'approved') throw new AppError('CONFLICT', { zh: `${month} 的发放花名册已由 ${roll.approved_by} 审核通过`, en: `the ${month} roll was already approved by ${roll.approved_by}` }, { field: 'month', value: month });
      if (roll.prepared_by === actor.label) {
        throw new AppError('FORBIDDEN', { zh: '编制人不能审核自己编制的花名册，请由另一位工作人员审核', en: 'the preparer cannot approve their own roll: another officer must approve it' }, { field: 'approved_by' });
      }
      await trx.updateTable('payment_roll').set({ status: 'approved', approved_by: actor.label, approved_at: this.clock.now() }).where('id', '=', roll.id).execute();
      await this.audit.record({ actor: actor.label, action: 'payment.roll_approve', subject: `roll:${roll.id}`, detail: { region, month } }, trx);
    });
    return this.show({ month, region }, actor);
  }

  /** The roll with its lines (payees' ID numbers masked). */
  async show(input: { month: string; region: string }, actor: Actor): Promise<RollView> {
    requirePermission(actor, 'payment.read');
    const month = checkMonth('month', input.month);
    const region = this.county(input.region, actor);
    const roll = await this.db.selectFrom('payment_roll').selectAll().where('region_code', '=', region).where('month', '=', month).executeTakeFirst();
    if (!roll) throw new AppError('NOT_FOUND', { zh: `${region} ${month} 还没有编制发放花名册`, en: `no roll has been prepared for ${region} ${month}` }, { field: 'month', value: month });
    const rows = await this.db.selectFrom('payment_line as l').innerJoin('household as h', 'h.id', 'l.household_id').innerJoin('person as p', 'p.id', 'l.payee_person_id')
      .select(['l.program', 'l.for_month', 'l.kind', 'l.status', 'l.change', 'l.amount_fen', 'l.previous_amount_fen', 'l.reason', 'l.change_reason', 'h.code', 'p.name', 'p.id_number_masked'])
      .where('l.roll_id', '=', roll.id).orderBy('h.code').orderBy('l.program').orderBy('l.kind', 'desc').orderBy('l.for_month').orderBy('l.id').execute();
    await this.audit.record({ actor: actor.label, action: 'payment.roll_read', subject: `roll:${roll.id}`, detail: { region, month, lines: rows.length } });
    const totals = roll.totals as RollTotals;
    return {
      id: roll.id, month, region, status: roll.status, prepared_by: roll.prepared_by, prepared_at: new Date(roll.prepared_at).toISOString(),
      approved_by: roll.approved_by, approved_at: roll.approved_at ? new Date(roll.approved_at).toISOString() : null, totals,
      lines: rows.map((r) => {
        const why = (r.status === 'payable' && r.change === 'unchanged' ? null : (r.reason as { zh: string; en: string } | null)) ?? (r.change_reason as { zh: string; en: string });
        return {
          household_code: r.code, payee: { name: r.name, id_number_masked: r.id_number_masked }, program: r.program, for_month: r.for_month, kind: r.kind,
          status: r.status, change: r.change, amount: yuanOf(r.amount_fen)!, previous_amount: yuanOf(r.previous_amount_fen), reason: why.zh, reason_en: why.en,
        };
      }),
      total: totals.total_fen / 100,
    };
  }

  private county(region: string, actor: Actor): string {
    const county = countyOf(region);
    if (!inScope(actor, county)) {
      throw new AppError('FORBIDDEN', { zh: `区划 ${county} 不在您的管辖范围（${actor.regionCode}）内`, en: `region ${county} is outside your area (${actor.regionCode})` }, { field: 'region', value: county });
    }
    return county;
  }

  /** The month's lines from the facts: regular lines, then the adjustments of closed months. */
  private async compute(db: Kysely<DB>, region: string, month: Month) {
    const facts = await loadRollFacts(db, this.vault, region, month);
    const current: RollLine[] = [];
    const adjustments: RollLine[] = [];
    const byId = new Map<string, Owner>(facts.owners);
    for (const l of facts.entitlements) {
      byId.set(l.entitlement.id, l);
      if (!l.facts) {
        current.push({
          entitlement_id: l.entitlement.id, household_code: l.entitlement.household_code, payee: l.entitlement.payee, program: l.entitlement.program, roll_month: month, for_month: month,
          kind: 'regular', status: 'held', amount_fen: 0, due_fen: null, basis: null,
          reason: { code: 'not_computable', zh: '该户没有家庭经济状况记录或成员，无法计算', en: 'the household has no economic snapshot or members: nothing to compute' },
        });
        continue;
      }
      const line = rollLine(l.entitlement, month, monthlyAmount(l.entitlement, month, facts.history, l.facts), l.controls);
      if (line) current.push(line);
      const paid = facts.paid.get(l.entitlement.id) ?? [];
      // migrated recipients are recalculated from their first roll here, decided ones from their
      // start — within the last RECALCULATION_MONTHS closed months, so a roll's cost does not grow
      // with an entitlement's age (a raise backdated further is entered as a one-off adjustment)
      const first = l.source.startsWith('import') ? (paid.map((p) => p.for_month).sort()[0] ?? month) : l.entitlement.start_month;
      const window = addMonths(month, -RECALCULATION_MONTHS);
      const from = first > window ? first : window;
      const through = addMonths(month, -1);
      if (from <= through) {
        const { differences } = recalculateWithHistory(l.entitlement, { from, through }, paid, facts.history, l.facts);
        adjustments.push(...adjustmentLines(l.entitlement, month, differences, line));
      }
    }
    const roll = classifyRoll(month, current, facts.previous, adjustments);
    return { ...roll, byId };
  }

  private async insertLines(db: Kysely<DB>, rollId: string, lines: ClassifiedLine[], byId: Map<string, Owner>) {
    const packer = new BasisPacker();
    const rows = lines.map((l) => {
      const e = byId.get(l.entitlement_id);
      if (!e) throw new Error(`line for an entitlement not loaded: ${l.entitlement_id}`);
      return {
        roll_id: rollId, entitlement_id: l.entitlement_id, household_id: e.household_id, payee_person_id: e.payee_person_id, program: l.program, for_month: l.for_month,
        kind: l.kind, status: l.status, change: l.change, amount_fen: l.amount_fen, due_fen: l.due_fen, previous_amount_fen: l.previous_amount_fen,
        reason: l.reason ? JSON.stringify(l.reason) : null, change_reason: JSON.stringify(l.change_reason), basis: l.basis ? JSON.stringify(packer.pack(l.basis)) : null,
      };
    });
    for (let i = 0; i < rows.length; i += 1000) await db.insertInto('payment_line').values(rows.slice(i, i + 1000)).execute();
    await db.updateTable('payment_roll').set({ parameters: JSON.stringify(packer.lists) }).where('id', '=', rollId).execute();
  }
}
