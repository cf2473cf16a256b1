/** After the decision: assistance starts, reviews come and go, and the case is closed. */
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { settleReviewTasks } from './decision-facts.js';
import { unmet, type StepHandler } from './step.js';

async function latestRecognition(db: Kysely<DB>, caseId: string) {
  return db.selectFrom('case_decision').select(['id', 'outcome', 'category']).where('case_id', '=', caseId).where('kind', '=', 'recognition').orderBy('id', 'desc').executeTakeFirst();
}

export const startAssistance: StepHandler = {
  async apply({ trx, row }) {
    const d = await latestRecognition(trx, row.id);
    if (!d || d.outcome !== 'approved') throw unmet('decision_approved', { zh: '审核确认未通过，不能落实救助；请办结（可先小额快救或转介）', en: 'nothing was approved: close the case (fast relief and referrals remain possible first)' });
    return { event: { decision_id: d.id, category: d.category } };
  },
};

export const close: StepHandler = {
  async apply({ trx, row, today, now }) {
    const decisions = await trx.selectFrom('case_decision').select('id').where('case_id', '=', row.id).where('kind', '=', 'recognition').where('outcome', '=', 'approved').execute();
    if (decisions.length) {
      const still = await trx.selectFrom('category_membership').select(['id', 'category'])
        .where('source', 'in', decisions.map((d) => `decision:${d.id}`))
        .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', today)])).execute();
      if (still.length) throw unmet('memberships', { zh: `本案认定的类别仍然有效（${[...new Set(still.map((m) => m.category))].join('、')}），请办理退出`, en: `categories this case approved are still in force (${[...new Set(still.map((m) => m.category))].join(', ')}): exit instead` });
    }
    return { patch: { closed_at: now } };
  },
};

export const startReview: StepHandler = {
  async apply() {
    return {};
  },
};

export const continueAssistance: StepHandler = {
  async apply({ trx, row, actor, now }) {
    const settled = row.household_id ? await settleReviewTasks(trx, row.household_id, actor.label, now) : 0;
    return { event: { review_tasks_settled: settled } };
  },
};
