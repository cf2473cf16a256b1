/**
 * Retention of department data: a row about a person who is not in the registry is kept for
 * its dataset's retention_days from the receipt of its batch, then deleted. Rows about
 * registered people are kept (they are the monitoring record). One set-based DELETE per
 * dataset, all in one transaction with one audit entry giving the counts (no personal data).
 *
 * "Now" comes from the caller (a Clock), so a test can be on any date.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { AuditService } from '../audit/audit.service.js';
import { tableOf, type DatasetDef } from '../catalog/domain/dataset-definition.js';

export interface RetentionDatasetResult {
  dataset: string;
  retention_days: number;
  /** Rows of batches received before this instant (and about unregistered people) were deleted. */
  cutoff: string;
  deleted: number;
}

export interface RetentionResult {
  at: string;
  datasets: RetentionDatasetResult[];
  deleted: number;
}

const DAY_MS = 86_400_000;

export async function purgeExpiredRows(
  db: Kysely<DB>,
  datasets: readonly Pick<DatasetDef, 'code' | 'retention_days'>[],
  now: Date,
  audit: AuditService,
  actor = 'system:retention',
): Promise<RetentionResult> {
  return db.transaction().execute(async (trx) => {
    const results: RetentionDatasetResult[] = [];
    for (const d of datasets) {
      const cutoff = new Date(now.getTime() - d.retention_days * DAY_MS);
      const r = await sql<{ n: string }>`
        WITH gone AS (
          DELETE FROM ${sql.table(tableOf(d.code))} AS r
          USING ingest_batch b
          WHERE b.id = r.batch_id
            AND b.received_at < ${cutoff}
            AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id_number_hash = r.id_hash)
          RETURNING 1
        )
        SELECT count(*) AS n FROM gone`.execute(trx);
      results.push({ dataset: d.code, retention_days: d.retention_days, cutoff: cutoff.toISOString(), deleted: Number(r.rows[0].n) });
    }
    const deleted = results.reduce((n, r) => n + r.deleted, 0);
    await audit.record(
      {
        actor,
        action: 'retention.purge',
        detail: { at: now.toISOString(), deleted, datasets: Object.fromEntries(results.map((r) => [r.dataset, { retention_days: r.retention_days, deleted: r.deleted }])) },
      },
      trx,
    );
    return { at: now.toISOString(), datasets: results, deleted };
  });
}
