/** Queries the case services share: the case row, its events and the alerts it answers. */
import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { AssistanceCaseTable } from '../../platform/db/schema-cases.js';
import { notFound } from '../../platform/errors.js';
import { FINISHED_STATES, type CaseState } from './domain/case-machine.js';

export type CaseRow = Selectable<AssistanceCaseTable>;

const caseNotFound = (id: string) => notFound({ zh: `救助案件 ${id}`, en: `case ${id}` });

export async function findCase(db: Kysely<DB>, id: string): Promise<CaseRow | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  return db.selectFrom('assistance_case').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The case, locked for this transaction; out of the actor's region it does not exist. */
export async function lockCase(trx: Kysely<DB>, id: string, visible: (row: CaseRow) => boolean): Promise<CaseRow> {
  const row = /^\d{1,18}$/.test(id) ? await trx.selectFrom('assistance_case').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
  if (!row || !visible(row)) throw caseNotFound(id);
  return row;
}

export function requireCase(row: CaseRow | undefined, id: string, visible: (row: CaseRow) => boolean): CaseRow {
  if (!row || !visible(row)) throw caseNotFound(id);
  return row;
}

export async function insertCase(db: Kysely<DB>, values: Insertable<AssistanceCaseTable>): Promise<CaseRow> {
  return db.insertInto('assistance_case').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateCase(db: Kysely<DB>, id: string, patch: Updateable<AssistanceCaseTable>, now: Date): Promise<void> {
  await db.updateTable('assistance_case').set({ ...patch, updated_at: now, version: sql`version + 1` }).where('id', '=', id).execute();
}

export interface CaseEventInput {
  case_id: string;
  actor: string;
  action: string;
  from_state: CaseState | null;
  to_state: CaseState;
  note?: string | null;
  data?: Record<string, unknown>;
  /** When it happened: the services' clock. */
  at: Date;
}

export async function insertEvent(db: Kysely<DB>, e: CaseEventInput): Promise<void> {
  await db.insertInto('case_event').values({ ...e, note: e.note ?? null, data: JSON.stringify(e.data ?? {}) }).execute();
}

/** The household's open case, if any (one household, one open chain). */
export async function openCaseOf(db: Kysely<DB>, by: { household_id?: string | null; subject_id_hash?: string | null }): Promise<CaseRow | undefined> {
  let q = db.selectFrom('assistance_case').selectAll().where('state', 'not in', [...FINISHED_STATES]);
  if (by.household_id) q = q.where('household_id', '=', by.household_id);
  else if (by.subject_id_hash) q = q.where('household_id', 'is', null).where('subject_id_hash', '=', by.subject_id_hash);
  else return undefined;
  return q.orderBy('id', 'desc').executeTakeFirst();
}

export async function caseAlertIds(db: Kysely<DB>, caseId: string): Promise<string[]> {
  const rows = await db.selectFrom('case_alert').select('alert_id').where('case_id', '=', caseId).execute();
  return rows.map((r) => r.alert_id);
}

/** The earliest deadline of the open alerts a case answers: the visit's deadline. */
export async function alertDeadline(db: Kysely<DB>, caseId: string): Promise<string | null> {
  const r = await db.selectFrom('case_alert as ca').innerJoin('monitor_alert as a', 'a.id', 'ca.alert_id')
    .select((eb) => eb.fn.min('a.deadline').as('due')).where('ca.case_id', '=', caseId).executeTakeFirst();
  return (r?.due as string | null | undefined) ?? null;
}
