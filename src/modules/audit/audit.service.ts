/**
 * The audit trail: who read or changed what. Subjects are ids (household:<code>, person:<id>,
 * user:<id>), never a name or an ID number. A database trigger chains every entry to the one
 * before by SHA-256 (migration 0003), so no code path can write outside the chain, and
 * `verify` finds an edited, deleted or inserted entry.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { requirePermission, type Actor } from '../access/domain/actor.js';

export interface AuditEntry {
  actor: string;
  action: string;
  subject?: string;
  detail?: Record<string, unknown>;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  subject?: string;
  from?: string;
  to?: string;
  page?: number;
  page_size?: number;
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  first_broken: string | null;
  head: string | null;
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

  async list(q: AuditQuery, actor: Actor) {
    requirePermission(actor, 'audit.read');
    const page = Math.max(1, q.page ?? 1);
    const size = Math.min(200, Math.max(1, q.page_size ?? 50));
    let base = this.db.selectFrom('audit_log');
    if (q.actor) base = base.where('actor', 'like', `%${q.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (q.action) base = base.where('action', 'like', `${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (q.subject) base = base.where('subject', '=', q.subject);
    if (q.from) base = base.where('at', '>=', new Date(`${q.from}T00:00:00+08:00`));
    if (q.to) base = base.where('at', '<', new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000));
    const [{ total }] = await base.select(sql<string>`count(*)`.as('total')).execute();
    const items = await base.selectAll().orderBy('id', 'desc').limit(size).offset((page - 1) * size).execute();
    await this.record({ actor: actor.label, action: 'audit.read', detail: { filter: { ...q, page, page_size: size } } });
    return { items, total: Number(total), page, page_size: size };
  }

  /**
   * Walk the chain: every entry's hash must be its recomputed hash, and its prev_hash the hash
   * of the entry before it. Returns the first entry where that fails.
   */
  async verify(): Promise<ChainCheck> {
    const r = await sql<{ checked: string; first_broken: string | null; head: string | null }>`
      WITH c AS (
        SELECT a.id, a.hash,
               a.hash IS NOT DISTINCT FROM audit_entry_hash(a)
               AND a.prev_hash IS NOT DISTINCT FROM lag(a.hash) OVER (ORDER BY a.id) AS ok
        FROM audit_log a
      )
      SELECT count(*) AS checked,
             min(id) FILTER (WHERE NOT ok) AS first_broken,
             (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS head
      FROM c`.execute(this.db);
    const row = r.rows[0];
    return { ok: row.first_broken === null, checked: Number(row.checked), first_broken: row.first_broken, head: row.head };
  }
}
