/**
 * The registry's change history: append-only, one row per change with who, when, why. The
 * same shared path writes the audit entry (a digest of the change), so no service write can
 * leave the audit chain out.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { FieldChanges } from './domain/person-facts.js';

export interface HistoryEntry {
  actor: string;
  action: string;
  household_id?: string | null;
  person_id?: string | null;
  reason?: string | null;
  batch_id?: string | null;
  changes?: FieldChanges | Record<string, unknown>;
}

export async function recordHistory(db: Kysely<DB>, entries: HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('registry_history')
    .values(
      entries.map((e) => ({
        actor: e.actor,
        action: e.action,
        household_id: e.household_id ?? null,
        person_id: e.person_id ?? null,
        reason: e.reason ?? null,
        batch_id: e.batch_id ?? null,
        changes: JSON.stringify(e.changes ?? {}),
      })),
    )
    .execute();
  await db
    .insertInto('audit_log')
    .values(
      entries.map((e) => ({
        actor: e.actor,
        action: e.action,
        subject: e.person_id ? `person:${e.person_id}` : e.household_id ? `household_id:${e.household_id}` : null,
        detail: JSON.stringify({
          reason: e.reason ?? null,
          changes_sha256: createHash('sha256').update(JSON.stringify(e.changes ?? {})).digest('hex'),
        }),
      })),
    )
    .execute();
}
