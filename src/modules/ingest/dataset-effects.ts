/**
 * What a committed batch does to the registry besides being stored. `anti_poverty_monitoring`
 * opens the person's anti_return_poverty membership (status active) or ends it (status ended),
 * with the batch as its source; every change goes into the registry history and the audit log.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { recordHistory } from '../registry/history.store.js';
import type { DatasetDef } from '../catalog/domain/dataset-definition.js';

export async function applyDatasetEffects(db: Kysely<DB>, def: DatasetDef, batchId: string, actor: string): Promise<void> {
  if (def.code === 'anti_poverty_monitoring') await monitoringMemberships(db, batchId, actor);
}

async function monitoringMemberships(db: Kysely<DB>, batchId: string, actor: string): Promise<void> {
  const source = `ingest:${batchId}`;
  // The latest row per person in this batch decides.
  const latest = sql`
    SELECT DISTINCT ON (p.id) p.id AS person_id, p.household_id, d.since, coalesce(d.status, 'active') AS status
    FROM ds_anti_poverty_monitoring d JOIN person p ON p.id_number_hash = d.id_hash
    WHERE d.batch_id = ${batchId}
    ORDER BY p.id, d.since DESC, d.row_no DESC`;
  const opened = await sql<{ id: string; person_id: string; household_id: string | null; valid_from: string }>`
    WITH latest AS (${latest})
    INSERT INTO category_membership (person_id, category, status, valid_from, decided_by, source)
    SELECT l.person_id, 'anti_return_poverty', 'active', l.since, ${actor}, ${source} FROM latest l
    WHERE l.status = 'active'
      AND NOT EXISTS (SELECT 1 FROM category_membership m WHERE m.person_id = l.person_id AND m.category = 'anti_return_poverty' AND m.valid_to IS NULL)
    RETURNING id, person_id, (SELECT household_id FROM person WHERE id = person_id) AS household_id, valid_from`.execute(db);
  const ended = await sql<{ id: string; person_id: string; valid_to: string }>`
    WITH latest AS (${latest})
    UPDATE category_membership m SET valid_to = greatest(l.since, m.valid_from), status = 'ended'
    FROM latest l
    WHERE l.status = 'ended' AND m.person_id = l.person_id AND m.category = 'anti_return_poverty' AND m.valid_to IS NULL
    RETURNING m.id, m.person_id, m.valid_to`.execute(db);
  await recordHistory(db, [
    ...opened.rows.map((r) => ({ actor, action: 'membership.create', person_id: r.person_id, household_id: r.household_id, batch_id: null, reason: `防返贫监测数据 / monitoring data (${source})`, changes: { category: { from: null, to: 'anti_return_poverty' }, valid_from: { from: null, to: r.valid_from }, source: { from: null, to: source } } })),
    ...ended.rows.map((r) => ({ actor, action: 'membership.end', person_id: r.person_id, batch_id: null, reason: `防返贫监测数据 / monitoring data (${source})`, changes: { valid_to: { from: null, to: r.valid_to } } })),
  ]);
}
