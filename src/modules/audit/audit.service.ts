/**
 * The audit trail: who read or changed what. Subjects are ids (household:<code>,
 * person:<id>), never a name or an ID number. The access module will chain these records
 * with hashes so none can be quietly removed.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

export interface AuditEntry {
  actor: string;
  action: string;
  subject?: string;
  detail?: Record<string, unknown>;
}

export class AuditService {
  constructor(private readonly db: Kysely<DB>) {}

  async record(entry: AuditEntry, db: Kysely<DB> = this.db): Promise<void> {
    await db
      .insertInto('audit_log')
      .values({
        actor: entry.actor,
        action: entry.action,
        subject: entry.subject ?? null,
        detail: JSON.stringify(entry.detail ?? {}),
      })
      .execute();
  }
}
