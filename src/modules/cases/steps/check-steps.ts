/**
 * The economic-status check (家庭经济状况核对) under the family's authorization, and the
 * identification (分层认定测算) on what it found.
 */
import { AppError } from '../../../platform/errors.js';
import { parseCheck } from '../domain/check-input.js';
import { requireHouseholdOf, unmet, type StepHandler } from './step.js';

export const recordCheck: StepHandler = {
  async apply(ctx) {
    const { trx, row, data, actor, today, deps } = ctx;
    const householdId = requireHouseholdOf(row);
    const check = parseCheck(data, today);
    const authorizations: string[] = [];
    const uncovered: string[] = [];
    for (const scope of check.scopes) {
      try {
        authorizations.push(await deps.authorizations.requireValid(householdId, scope, check.checked_on, trx));
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        uncovered.push(scope);
      }
    }
    if (uncovered.length) {
      throw unmet('authorization', {
        zh: `没有覆盖以下核对范围的有效授权书：${uncovered.join('、')}；未经授权不得核对`,
        en: `no valid signed authorization covers: ${uncovered.join(', ')}; nothing may be checked without one`,
      });
    }
    const code = (await trx.selectFrom('household').select('code').where('id', '=', householdId).executeTakeFirstOrThrow()).code;
    const snapshotId = await deps.households.addSnapshotIn(trx, code, { as_of: check.checked_on, source: 'economic_check', ...check.figures }, { actor, reason: `救助案件 ${row.id} 经济状况核对 / economic check of case ${row.id}` });
    const rec = await trx.insertInto('economic_check').values({
      case_id: row.id, household_id: householdId, authorization_id: authorizations[0], checked_on: check.checked_on, scopes: check.scopes,
      snapshot_id: snapshotId, findings: check.findings, recorded_by: actor.label, created_at: ctx.now,
    }).returning('id').executeTakeFirstOrThrow();
    return { event: { check_id: rec.id, snapshot_id: snapshotId, scopes: check.scopes, checked_on: check.checked_on }, visitDue: null };
  },
};

export const assess: StepHandler = {
  async prepare({ db, row, actor, today, deps }) {
    const householdId = requireHouseholdOf(row);
    const check = await db.selectFrom('economic_check').select(['id', 'checked_on']).where('case_id', '=', row.id).orderBy('id', 'desc').executeTakeFirst();
    if (!check) throw unmet('check_recorded', { zh: '请先录入经济状况核对结果', en: 'record the economic check first' });
    const code = (await db.selectFrom('household').select('code').where('id', '=', householdId).executeTakeFirstOrThrow()).code;
    // stored on its own (an assessment is a record in itself); the step attaches it
    return deps.assessments.assessHousehold(code, today, actor);
  },
  async apply({ row, prepared }) {
    const a = prepared as { id: string | null; tier: string };
    return {
      to: row.state === 'under_review' ? 'under_review' : 'assessed',
      patch: { assessment_id: a.id },
      event: { assessment_id: a.id, tier: a.tier },
    };
  },
};
