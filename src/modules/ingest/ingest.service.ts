/**
 * Ingestion: a department's file for one catalogued dataset → checked row by row → loaded into
 * the dataset's table in one transaction with its batch record, matched to the registry by the
 * keyed hash of the ID number, and a monitoring run queued for the persons it touched.
 *
 * All-or-nothing unless skipInvalid: a file with invalid rows changes nothing (its attempt is
 * recorded as a rejected batch with the row errors). The same file sent twice is recognized by
 * its SHA-256 and not loaded again. A crash mid-load leaves nothing: the batch row, the rows
 * and their effects commit together or not at all.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import type { PiiVault } from '../../platform/crypto/pii-vault.js';
import { AppError } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { requirePermission, type Actor } from '../access/domain/actor.js';
import type { CatalogDataset, CatalogService } from '../catalog/catalog.service.js';
import { dataColumns, SYSTEM_COLUMNS, tableOf } from '../catalog/domain/dataset-definition.js';
import { detectFormat, sha256File } from '../registry/import/file-source.js';
import type { RowProblem } from './domain/row-check.js';
import { csvCopyText, recordCopyText, type LoadStats, type SourceOptions } from './row-sources.js';
import { applyDatasetEffects } from './dataset-effects.js';
import { trace } from '../registry/import/trace.js';

export interface IngestRequest {
  dataset: string;
  file: string;
  /** The name the sender gave the file (null: not given; default the path's base name). */
  fileName?: string | null;
  skipInvalid?: boolean;
  /** A committed batch of the same dataset that this corrected file replaces. */
  supersede?: string | null;
}

export interface IngestProgress {
  rows: number;
  bytes: number;
  size: number;
}

export interface IngestReport {
  batch_id: string;
  dataset: string;
  status: 'committed' | 'rejected' | 'duplicate';
  rows: number;
  accepted: number;
  rejected: number;
  matched: number;
  unmatched: number;
  errors: RowProblem[];
  errors_total: number;
  duplicate_of: string | null;
  supersedes: string | null;
  sha256: string;
}

/** Errors kept per batch (the report file and the table); the JSON answer shows the first ones. */
export const MAX_STORED_ERRORS = 100_000;
export const MAX_REPORTED_ERRORS = 1000;

class Rejected extends Error {}

interface BatchRow {
  dataset: string;
  catalog_version: number;
  file_name: string | null;
  file_sha256: string;
  file_bytes: number;
  sent_by: string;
  department: string | null;
  skip_invalid: boolean;
  supersedes: string | null;
}

export class IngestService {
  constructor(
    private readonly database: Database,
    private readonly catalog: CatalogService,
    private readonly audit: AuditService,
    private readonly vault: PiiVault,
    private readonly clock: Clock,
  ) {}

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  /** A provider sends only its own department's datasets; users without a department are not limited. */
  async mayUpload(dataset: CatalogDataset, actor: Actor): Promise<void> {
    requirePermission(actor, 'dataset.upload');
    if (!actor.department) return;
    if (actor.department === dataset.department || actor.department === dataset.department_name.zh) return;
    throw new AppError('FORBIDDEN', {
      zh: `数据集 ${dataset.code}（${dataset.zh}）由${dataset.department_name.zh}报送，您所在部门（${actor.department}）不能上传`,
      en: `dataset ${dataset.code} is sent by ${dataset.department_name.en}; your department (${actor.department}) cannot upload it`,
    });
  }

  async ingest(req: IngestRequest, actor: Actor, onProgress?: (p: IngestProgress) => void): Promise<IngestReport> {
    const def = await this.catalog.dataset(req.dataset);
    await this.mayUpload(def, actor);
    const { format, size } = await detectFormat(req.file);
    const sha256 = await sha256File(req.file);
    const fileName = req.fileName === undefined ? (req.file.split(/[\\/]/).pop() ?? null) : req.fileName;

    const supersedes = req.supersede ? await this.supersedable(req.supersede, def.code) : null;
    const duplicate = await this.duplicateOf(def.code, sha256, actor);
    if (duplicate) return duplicate;

    const skipInvalid = req.skipInvalid === true;
    const stats: LoadStats = { rows: 0, accepted: 0, problems: [], problemCount: 0, firstRow: 2 };
    const batchRow: BatchRow = {
      dataset: def.code, catalog_version: def.version, file_name: fileName, file_sha256: sha256, file_bytes: size,
      sent_by: actor.label, department: actor.department, skip_invalid: skipInvalid, supersedes,
    };

    try {
      const report = await this.database.loadTransaction(async (tx) => {
        const batch = await tx.db.insertInto('ingest_batch').values({ ...batchRow, status: 'committed' }).returning('id').executeTakeFirstOrThrow();
        const columns = [...SYSTEM_COLUMNS, ...dataColumns(def).map((f) => f.code)];
        const o: SourceOptions = { def, batchId: batch.id, today: this.clock.today(), key: this.vault.sealingKey(), skipInvalid, maxProblems: MAX_STORED_ERRORS, onProgress };
        const text = format === 'csv' ? csvCopyText(req.file, size, o, stats) : recordCopyText(req.file, o, stats);
        trace('start');
        await tx.copyCsv(tableOf(def.code), columns, text);
        trace('parse, check, hash, seal and COPY');
        if (stats.rows === 0) {
          stats.problems.push({ row: stats.firstRow, field: '', value: '', reason: '文件没有数据行 / the file has no data rows' });
          stats.problemCount++;
        }
        const { rows, accepted, problems, problemCount } = stats;
        if (problemCount > 0 && !skipInvalid) throw new Rejected();
        if (problemCount > 0 && accepted === 0) throw new Rejected();
        const { matched } = await this.countMatched(tx.db, def.code, batch.id);
        trace('count matched');
        if (supersedes) await this.replace(tx.db, def.code, supersedes, batch.id);
        await applyDatasetEffects(tx.db, def, batch.id, actor.label);
        await tx.db.insertInto('job_outbox').values({ kind: 'monitor.incremental', payload: JSON.stringify({ batch_id: batch.id, dataset: def.code }) }).execute();
        trace('effects and outbox');
        await this.storeErrors(tx.db, batch.id, problems);
        await tx.db
          .updateTable('ingest_batch')
          .set({ rows_total: rows, accepted, rejected: rows - accepted, matched, unmatched: accepted - matched, errors_total: problemCount, finished_at: new Date() })
          .where('id', '=', batch.id)
          .execute();
        await this.audit.record({ actor: actor.label, action: 'ingest.commit', subject: `batch:${batch.id}`, detail: { dataset: def.code, rows, accepted, matched, supersedes } }, tx.db);
        return { batch_id: batch.id, dataset: def.code, status: 'committed' as const, rows, accepted, rejected: rows - accepted, matched, unmatched: accepted - matched, errors: problems.slice(0, MAX_REPORTED_ERRORS), errors_total: problemCount, duplicate_of: null, supersedes, sha256 };
      });
      trace('commit');
      return report;
    } catch (err) {
      // The same file sent twice at once: the second waits on the unique index, then finds the first.
      if ((err as { code?: string }).code === '23505' && String((err as Error).message).includes('ingest_batch_once_uq')) {
        const duplicate = await this.duplicateOf(def.code, sha256, actor);
        if (duplicate) return duplicate;
      }
      if (!(err instanceof Rejected)) throw err;
      return this.recordRejected(batchRow, stats.rows, stats.problems, stats.problemCount, actor, sha256);
    }
  }

  private async duplicateOf(dataset: string, sha256: string, actor: Actor): Promise<IngestReport | undefined> {
    const earlier = await this.db.selectFrom('ingest_batch').select('id').where('dataset', '=', dataset).where('file_sha256', '=', sha256).where('status', '=', 'committed').executeTakeFirst();
    if (!earlier) return undefined;
    await this.audit.record({ actor: actor.label, action: 'ingest.duplicate', subject: `batch:${earlier.id}`, detail: { dataset } });
    return { batch_id: earlier.id, dataset, status: 'duplicate', rows: 0, accepted: 0, rejected: 0, matched: 0, unmatched: 0, errors: [], errors_total: 0, duplicate_of: earlier.id, supersedes: null, sha256 };
  }

  /** Batches, newest first; a provider sees its own department's, readers with dataset.read all. */
  async batches(filter: { dataset?: string; limit?: number }, actor: Actor) {
    if (!actor.permissions.has('dataset.read')) requirePermission(actor, 'dataset.upload');
    let q = this.db
      .selectFrom('ingest_batch as b')
      .innerJoin('catalog_dataset as d', 'd.code', 'b.dataset')
      .selectAll('b')
      .select('d.department_code')
      .orderBy('b.id', 'desc')
      .limit(Math.min(500, filter.limit ?? 100));
    if (filter.dataset) q = q.where('b.dataset', '=', filter.dataset);
    const rows = await q.execute();
    const departments = await this.catalog.departments();
    return rows.filter((b) => this.mayRead(b.department_code, actor, departments)).map(({ department_code: _d, ...b }) => ({ ...b, file_bytes: Number(b.file_bytes) }));
  }

  async batch(id: string, actor: Actor) {
    if (!actor.permissions.has('dataset.read')) requirePermission(actor, 'dataset.upload');
    const b = /^\d{1,18}$/.test(id) ? await this.oneBatch(id, actor) : undefined;
    if (!b) throw new AppError('NOT_FOUND', { zh: `批次 ${id} 不存在`, en: `batch ${id} not found` });
    return b;
  }

  /** The batch's row errors in row order (at most MAX_STORED_ERRORS were kept). */
  async errors(id: string, actor: Actor): Promise<RowProblem[]> {
    await this.batch(id, actor);
    const rows = await this.db.selectFrom('ingest_error').select(['row_no', 'field', 'value', 'reason']).where('batch_id', '=', id).orderBy('row_no').orderBy('field').execute();
    return rows.map((r) => ({ row: r.row_no, field: r.field, value: r.value, reason: r.reason }));
  }

  private async oneBatch(id: string, actor: Actor) {
    const b = await this.db.selectFrom('ingest_batch as b').innerJoin('catalog_dataset as d', 'd.code', 'b.dataset').selectAll('b').select('d.department_code').where('b.id', '=', id).executeTakeFirst();
    if (!b || !this.mayRead(b.department_code, actor, await this.catalog.departments())) return undefined;
    const { department_code: _d, ...rest } = b;
    return { ...rest, file_bytes: Number(rest.file_bytes) };
  }

  private mayRead(department: string, actor: Actor, departments: { code: string; zh: string }[]): boolean {
    if (actor.permissions.has('dataset.read') && !actor.department) return true;
    const zh = departments.find((d) => d.code === department)?.zh;
    return actor.department === department || actor.department === zh;
  }

  /** A refused file is still a batch on record: who sent what, and why nothing was loaded. */
  private async recordRejected(batchRow: BatchRow, rows: number, problems: RowProblem[], problemCount: number, actor: Actor, sha256: string): Promise<IngestReport> {
    const id = await this.db.transaction().execute(async (trx) => {
      const b = await trx
        .insertInto('ingest_batch')
        .values({ ...batchRow, supersedes: null, status: 'rejected', rows_total: rows, accepted: 0, rejected: rows, errors_total: problemCount, finished_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.storeErrors(trx, b.id, problems);
      await this.audit.record({ actor: actor.label, action: 'ingest.reject', subject: `batch:${b.id}`, detail: { dataset: batchRow.dataset, rows, errors: problemCount } }, trx);
      return b.id;
    });
    return { batch_id: id, dataset: batchRow.dataset, status: 'rejected', rows, accepted: 0, rejected: rows, matched: 0, unmatched: 0, errors: problems.slice(0, MAX_REPORTED_ERRORS), errors_total: problemCount, duplicate_of: null, supersedes: null, sha256 };
  }

  private async supersedable(id: string, dataset: string): Promise<string> {
    const b = /^\d{1,18}$/.test(id) ? await this.db.selectFrom('ingest_batch').select(['id', 'dataset', 'status']).where('id', '=', id).executeTakeFirst() : undefined;
    if (!b || b.dataset !== dataset || b.status !== 'committed') {
      throw new AppError('VALIDATION', { zh: `批次 ${id} 不是数据集 ${dataset} 的已入库批次，不能被替换`, en: `batch ${id} is not a committed batch of ${dataset}; it cannot be superseded` }, { field: 'supersede' });
    }
    return b.id;
  }

  /** The corrected batch replaces the old one: the old rows go, the old batch says by whom. */
  private async replace(db: Kysely<DB>, dataset: string, old: string, by: string): Promise<void> {
    await sql`DELETE FROM ${sql.table(tableOf(dataset))} WHERE batch_id = ${old}`.execute(db);
    await db.updateTable('ingest_batch').set({ status: 'superseded', superseded_by: by }).where('id', '=', old).execute();
  }

  private async countMatched(db: Kysely<DB>, dataset: string, batchId: string): Promise<{ matched: number }> {
    const r = await sql<{ matched: string }>`
      SELECT count(*) AS matched FROM ${sql.table(tableOf(dataset))} d
      WHERE d.batch_id = ${batchId} AND EXISTS (SELECT 1 FROM person p WHERE p.id_number_hash = d.id_hash)`.execute(db);
    return { matched: Number(r.rows[0].matched) };
  }

  private async storeErrors(db: Kysely<DB>, batchId: string, problems: RowProblem[]): Promise<void> {
    for (let i = 0; i < problems.length; i += 2000) {
      await db.insertInto('ingest_error').values(problems.slice(i, i + 2000).map((p) => ({ batch_id: batchId, row_no: p.row, field: p.field, value: p.value, reason: p.reason }))).execute();
    }
  }
}
