/** A case that one step opens for the same household (an exit offers the 边缘/刚性 review). */
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { stepDue } from '../case-inputs.js';
import { insertCase, insertEvent } from '../case.store.js';
import type { StepContext } from './step.js';

export async function openFollowOnCase(db: Kysely<DB>, ctx: StepContext, f: { kind: 'exit_review'; sourceId: string; note: string }): Promise<{ follow_on_case_id: string }> {
  const { row, actor, today, cal, params, now } = ctx;
  const created = await insertCase(db, {
    household_id: row.household_id, region_code: row.region_code, source_kind: f.kind, source_id: f.sourceId, state: 'discovered',
    step_due: stepDue('discovered', today, cal, params), total_due: cal.addWorkingDays(today, params.total), created_by: actor.label,
    created_at: now, updated_at: now, state_since: now,
  });
  await insertEvent(db, { case_id: created.id, actor: actor.label, action: 'open', from_state: null, to_state: 'discovered', note: f.note, data: { source: f.kind, from_case: row.id, decision_id: f.sourceId }, at: now });
  return { follow_on_case_id: created.id };
}
