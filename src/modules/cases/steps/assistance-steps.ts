/**
 * Help by category (分类救助) from within the case: referrals to the departments' programs, fast
 * temporary relief (小额快救: at most one month of the standard, no means check) and ordinary
 * temporary assistance decided by the county. The assistance module keeps the ledger and the
 * double-payment rule; these steps check what belongs to the case.
 */
import { amount, flag, invalid, isDate, type Data } from '../domain/step-data.js';
import { requireHouseholdOf, type StepContext, type StepHandler } from './step.js';

function programList(d: Data): string[] {
  const v = d.programs;
  if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== 'string' || !/^[a-z][a-z0-9_]{1,60}$/.test(x))) {
    throw invalid('data.programs', '请选择要转介的救助项目', 'choose the programs to refer to');
  }
  return [...new Set(v as string[])];
}

export const refer: StepHandler = {
  async apply({ trx, row, data, note, actor, deps }) {
    const householdId = requireHouseholdOf(row);
    const reasons = typeof data.reasons === 'object' && data.reasons && !Array.isArray(data.reasons) ? (data.reasons as Record<string, string>) : undefined;
    const referrals = await deps.referrals.create(trx, { case_id: row.id, household_id: householdId, region_code: row.region_code, programs: programList(data), note, reason_by_program: reasons }, actor);
    return { event: { referrals: referrals.map((r) => ({ id: r.id, program: r.program.code, department: r.department.code, due: r.due })) } };
  },
};

/** The cap of a fast relief: `temporary.fast_relief_months` of the household's 低保 standard. */
async function fastReliefCap(ctx: StepContext, householdId: string): Promise<number> {
  const h = await ctx.trx.selectFrom('household').select(['hukou_type', 'region_code']).where('id', '=', householdId).executeTakeFirstOrThrow();
  const standard = Number((await ctx.deps.policy.get(`dibao.standard.${h.hukou_type}`, h.region_code, ctx.today, ctx.trx)).value);
  return Math.round(standard * ctx.params.fastReliefMonths * 100) / 100;
}

function period(ctx: StepContext): { from: string; to: string } {
  const from = ctx.data.period_from ?? ctx.today;
  const to = ctx.data.period_to ?? from;
  if (!isDate(from)) throw invalid('data.period_from', '不是有效日期', 'is not a date');
  if (!isDate(to) || to < from) throw invalid('data.period_to', '应为不早于起始日期的有效日期', 'must be a date on or after period_from');
  return { from, to };
}

export const fastRelief: StepHandler = {
  async apply(ctx) {
    const householdId = requireHouseholdOf(ctx.row);
    const value = amount(ctx.data, 'amount', { required: true, positive: true })!;
    const cap = await fastReliefCap(ctx, householdId);
    if (value > cap) throw invalid('data.amount', `小额快救不超过 ${ctx.params.fastReliefMonths} 个月低保标准（¥${cap}）；更多请报县级临时救助`, `fast relief is at most ${ctx.params.fastReliefMonths} month(s) of the dibao standard (¥${cap}); ask the county for temporary assistance`);
    const p = period(ctx);
    const grant = await ctx.deps.grants.record(ctx.trx, {
      household_id: householdId, case_id: ctx.row.id, program_code: 'temporary', amount: value, period_from: p.from, period_to: p.to, granted_on: ctx.today, fast: true, reason: ctx.note,
    }, ctx.actor, { confirm_duplicate: flag(ctx.data, 'confirm_duplicate', false) });
    return { event: { grant_id: grant.id, program: 'temporary', amount: value, cap, fast: true, duplicate_of: grant.duplicate_of } };
  },
};

export const grantTemporary: StepHandler = {
  async apply(ctx) {
    const householdId = requireHouseholdOf(ctx.row);
    const value = amount(ctx.data, 'amount', { required: true, positive: true })!;
    const p = period(ctx);
    const grant = await ctx.deps.grants.record(ctx.trx, {
      household_id: householdId, case_id: ctx.row.id, program_code: 'temporary', amount: value, period_from: p.from, period_to: p.to, granted_on: ctx.today, fast: false, reason: ctx.note,
    }, ctx.actor, { confirm_duplicate: flag(ctx.data, 'confirm_duplicate', false) });
    return { event: { grant_id: grant.id, program: 'temporary', amount: value, duplicate_of: grant.duplicate_of } };
  },
};
