/**
 * Recognition by category (分类认定): the township's proposal and its publicity (低保 and 特困
 * only: 谁救助谁公示), the county's decision — which writes the category memberships — the exit,
 * and the extension of the time limit.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { TIERS, type TierCategory } from '../../recognition/domain/categories.js';
import type { AssessmentResult } from '../../recognition/assessment.service.js';
import { monthsLater, publicityUntil } from '../case-inputs.js';
import { flag, idList, invalid, oneOf, optionalText } from '../domain/step-data.js';
import { CATEGORY_NAMES, membersOf, openTierMemberships, recognizedPersons, settleReviewTasks, monthlyAmount } from './decision-facts.js';
import { requireHouseholdOf, unmet, type StepContext, type StepHandler } from './step.js';
import { openFollowOnCase } from './follow-on.js';

const PUBLISHED: readonly TierCategory[] = ['dibao', 'tekun'];

async function assessmentOf(ctx: StepContext): Promise<AssessmentResult> {
  const a = ctx.row.assessment_id ? await ctx.deps.assessments.forCase(ctx.row.assessment_id, ctx.trx) : null;
  if (!a) throw unmet('assessment', { zh: '请先完成分层认定测算', en: 'run the identification first' });
  return a;
}

function overrideReason(ctx: StepContext, category: string, tier: string): string | null {
  const reason = optionalText(ctx.data, 'override_reason', 2000);
  if (category !== tier && !reason) {
    throw invalid('data.override_reason', `拟认定类别（${CATEGORY_NAMES[category]?.zh ?? category}）与测算结果（${CATEGORY_NAMES[tier]?.zh ?? tier}）不同，请说明理由`, `the category (${category}) differs from the assessment's tier (${tier}): give the reason`);
  }
  return category === tier ? null : reason;
}

export const startPublicity: StepHandler = {
  async apply(ctx) {
    const a = await assessmentOf(ctx);
    const category = oneOf(ctx.data, 'category', PUBLISHED);
    if (!category) throw invalid('data.category', '公示仅适用于低保、特困（dibao、tekun）；低保边缘、刚性支出困难不公示，请直接报县级确认', 'publicity is for dibao and tekun only; marginal and rigid-expenditure recognitions are not published: send them to the county');
    const reason = overrideReason(ctx, category, a.tier);
    const until = publicityUntil(ctx.today, ctx.params);
    return { patch: { proposed_category: category, publicity_from: ctx.today, publicity_until: until }, event: { category, engine_tier: a.tier, override_reason: reason, publicity_from: ctx.today, publicity_until: until } };
  },
};

export const object: StepHandler = {
  async apply({ row }) {
    return { patch: { publicity_from: null, publicity_until: null }, visitDue: null, event: { publicity_from: row.publicity_from } };
  },
};

export const decide: StepHandler = {
  async apply(ctx) {
    const { trx, row, data, today, actor, deps } = ctx;
    const householdId = requireHouseholdOf(row);
    const a = await assessmentOf(ctx);
    const outcome = oneOf(data, 'outcome', ['approved', 'refused'] as const);
    if (!outcome) throw invalid('data.outcome', '请选择确认（approved）或不予确认（refused）', 'choose approved or refused');
    const reasons = optionalText(data, 'reasons', 4000);
    const category = oneOf(data, 'category', TIERS) ?? (outcome === 'approved' ? (a.tier === 'none' ? null : a.tier) : (row.proposed_category as TierCategory | null));
    if (outcome === 'refused' && !reasons) throw invalid('data.reasons', '不予确认须书面说明理由', 'a refusal needs written reasons');
    if (outcome === 'approved' && !category) throw invalid('data.category', '测算结果不符合任何类别，确认时请写明认定类别及理由', 'the assessment found no tier: name the category and the reason');
    const override = outcome === 'approved' ? overrideReason(ctx, category!, a.tier) : null;
    if (outcome === 'approved' && PUBLISHED.includes(category!)) {
      if (row.state !== 'publicity') throw unmet('publicity_over', { zh: '低保、特困须先公示 7 天（提出意见并公示）', en: 'dibao and tekun are published for 7 days first (propose and publish)' });
      if (row.publicity_until && today <= row.publicity_until) throw unmet('publicity_over', { zh: `公示期至 ${row.publicity_until}，期满后方可确认`, en: `the publicity runs until ${row.publicity_until}; decide after it` });
    }
    const members = await membersOf(trx, householdId);
    let persons: string[] = [];
    if (outcome === 'approved') {
      const chosen = idList(data, 'person_ids');
      if (chosen) {
        const foreign = chosen.filter((id) => !members.includes(id));
        if (foreign.length) throw invalid('data.person_ids', `人员 ${foreign.join(', ')} 不是本户成员`, `persons ${foreign.join(', ')} are not members of the household`);
        persons = chosen;
      } else {
        persons = override ? members : recognizedPersons(a, category!, members);
      }
      if (persons.length === 0) throw invalid('data.person_ids', '没有可认定的人员', 'nobody to recognize');
    }
    const validTo = outcome === 'approved' && category === 'rigid_expense' ? monthsLater(today, ctx.params.rigidValidityMonths) : null;
    const decision = await trx.insertInto('case_decision').values({
      case_id: row.id, household_id: householdId, kind: 'recognition', outcome, category: category ?? null, engine_tier: a.tier, override_reason: override,
      reasons, assessment_id: a.id, parameters: JSON.stringify(a.parameters), person_ids: JSON.stringify(persons),
      valid_from: outcome === 'approved' ? today : null, valid_to: validTo, monthly_amount: outcome === 'approved' ? monthlyAmount(a, category!, persons) : null, decided_by: actor.label, decided_at: ctx.now,
    }).returning('id').executeTakeFirstOrThrow();
    const change = { actor, reason: `救助案件 ${row.id} 审核确认 / decision of case ${row.id}` };
    const open = await openTierMemberships(trx, householdId, today);
    for (const pid of persons) {
      if (open.some((m) => m.person_id === pid && m.category === category)) continue;
      await deps.households.addMembershipIn(trx, pid, { category: category!, valid_from: today, valid_to: validTo, source: `decision:${decision.id}`, decided_by: actor.label }, change);
    }
    await settleReviewTasks(trx, householdId, actor.label, ctx.now);
    return { patch: { proposed_category: category ?? null }, event: { decision_id: decision.id, outcome, category, engine_tier: a.tier, override: override !== null, persons: persons.length, valid_to: validTo } };
  },
};

export const exit: StepHandler = {
  async apply(ctx) {
    const { trx, row, data, today, actor, deps, note, params } = ctx;
    const householdId = requireHouseholdOf(row);
    const gradual = flag(data, 'gradual_exit', false);
    const offerReview = flag(data, 'offer_review', true);
    const open = await openTierMemberships(trx, householdId, today);
    if (open.length === 0) throw unmet('memberships', { zh: '该户没有有效的认定类别，无需办理退出（可直接办结）', en: 'the household holds no category: nothing to exit (close the case instead)' });
    if (gradual && !open.some((m) => m.category === 'dibao')) throw invalid('data.gradual_exit', '渐退期只适用于低保', 'a gradual exit applies to dibao only');
    const ends = open.map((m) => ({ ...m, until: gradual && m.category === 'dibao' ? monthsLater(today, params.gradualExitMonths) : today }));
    const change = { actor, reason: note };
    for (const m of ends) {
      if (m.valid_to && m.valid_to <= m.until) continue;
      await deps.households.endMembershipIn(trx, m.id, m.until, change);
    }
    const categories = [...new Set(ends.map((m) => m.category))];
    const headline = TIERS.find((t) => categories.includes(t)) ?? null;
    const decision = await trx.insertInto('case_decision').values({
      case_id: row.id, household_id: householdId, kind: 'exit', outcome: 'exited', category: headline, reasons: note, person_ids: JSON.stringify([...new Set(ends.map((m) => m.person_id))]),
      valid_to: ends.map((m) => m.until).sort().at(-1) ?? today, decided_by: actor.label, decided_at: ctx.now,
    }).returning('id').executeTakeFirstOrThrow();
    await settleReviewTasks(trx, householdId, actor.label, ctx.now);
    const offer = offerReview && categories.some((c) => c === 'dibao' || c === 'tekun');
    return {
      event: { decision_id: decision.id, categories, gradual_exit: gradual, offer_review: offer },
      after: offer ? (db: Kysely<DB>) => openFollowOnCase(db, ctx, { kind: 'exit_review', sourceId: decision.id, note: '退出低保/特困，转入低保边缘、刚性支出困难审核 / left dibao or tekun: offered the marginal and rigid-expenditure review' }) : undefined,
    };
  },
};

export const extend: StepHandler = {
  async apply({ row, cal, params }) {
    if (row.extended) throw unmet('not_extended', { zh: '办理时限已延长过一次', en: 'the time limit was extended once already' });
    const created = new Date(row.created_at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const due = cal.addWorkingDays(created, params.totalExtended);
    return { patch: { extended: true, total_due: due }, visitDue: row.step_due, event: { total_due: due } };
  },
};
