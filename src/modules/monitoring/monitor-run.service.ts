/**
 * Monitoring runs: the monthly full run over everyone, and the incremental run the job worker
 * makes after each batch over the people it touched. A run evaluates as of its date, records
 * itself (parameters used, counts per indicator) and is idempotent: rerunning a date raises
 * nothing new. Runs are serialized by an advisory lock so two never race on the same alerts.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { Clock } from '../../platform/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { PolicyService } from '../policy/policy.service.js';
import { requirePermission, type Actor } from '../access/domain/actor.js';
import type { CalendarService } from './calendar/calendar.service.js';
import { paramsOf } from './domain/indicator-definition.js';
import { runEngine, type VersionedIndicator } from './engine/monitor-engine.js';
import type { IndicatorService } from './indicator.service.js';
import { deadlinesFor, resolveParams } from './run-inputs.js';

export interface RunResult {
  run_id: string;
  kind: 'full' | 'incremental';
  as_of: string;
  alerts_created: number;
  by_indicator: Record<string, number>;
  subjects: number;
  seconds: number;
}

export interface RunOptions {
  on?: string;
  onProgress?: (done: number, total: number, label: string) => void;
}

const RUN_LOCK = 7_240_611;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class MonitorRunService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly indicators: IndicatorService,
    private readonly catalog: CatalogService,
    private readonly policy: PolicyService,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A full run over everyone, as of `on` (default today). */
  async run(actor: Actor, opts: RunOptions = {}): Promise<RunResult> {
    requirePermission(actor, 'monitor.manage');
    return this.execute(actor.label, opts, undefined);
  }

  /** The scheduled monthly full run (the job worker's; no user behind it). */
  async scheduled(on: string): Promise<RunResult> {
    return this.execute('system:monthly', { on }, undefined);
  }

  /** The people of one committed batch (and their households), as of today. */
  async incremental(batchId: string, dataset: string, actorLabel = 'system:jobs', opts: RunOptions = {}): Promise<RunResult> {
    return this.execute(actorLabel, opts, { batchId, dataset });
  }

  async list(actor: Actor, limit = 50) {
    requirePermission(actor, 'alert.read');
    const rows = await this.db.selectFrom('monitor_run').selectAll().orderBy('id', 'desc').limit(Math.min(Math.max(limit, 1), 200)).execute();
    return rows.map((r) => ({ ...r, started_at: iso(r.started_at), finished_at: r.finished_at ? iso(r.finished_at) : null }));
  }

  private async execute(actor: string, opts: RunOptions, scope: { batchId: string; dataset: string } | undefined): Promise<RunResult> {
    const on = opts.on ?? this.clock.today();
    if (!DATE.test(on) || Number.isNaN(Date.parse(on))) throw new AppError('VALIDATION', { zh: `监测日期「${on}」应为 YYYY-MM-DD`, en: `run date "${on}" must be YYYY-MM-DD` }, { field: 'on' });
    const started = performance.now();
    const indicators: VersionedIndicator[] = (await this.indicators.list()).filter((i) => i.active).map((i) => ({ def: i.definition, version: i.version }));
    const datasets = new Map((await this.catalog.datasets()).map((d) => [d.code, d]));
    if (scope && !datasets.has(scope.dataset)) throw new AppError('VALIDATION', { zh: `未知数据集 ${scope.dataset}`, en: `unknown dataset ${scope.dataset}` }, { field: 'dataset' });
    const params = await resolveParams(this.policy, indicators.flatMap((i) => paramsOf(i.def)), on);
    const deadlines = await deadlinesFor(this.policy, this.calendar, on);
    const run = await this.db.insertInto('monitor_run').values({
      kind: scope ? 'incremental' : 'full', as_of: on, batch_id: scope?.batchId ?? null, actor, status: 'running',
      parameters: JSON.stringify({ ...Object.fromEntries(params), deadlines, indicators: Object.fromEntries(indicators.map((i) => [i.def.code, i.version])) }),
    }).returning('id').executeTakeFirstOrThrow();
    try {
      const result = await this.db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${RUN_LOCK})`.execute(trx);
        return runEngine(trx, run.id, { asOf: on, indicators, datasets, params, deadlines, scope, onProgress: opts.onProgress });
      });
      const created = Object.values(result.byIndicator).reduce((a, b) => a + b, 0);
      await this.db.updateTable('monitor_run').set({ status: 'finished', finished_at: new Date(), alerts_created: created, subjects: result.subjects, by_indicator: JSON.stringify(result.byIndicator) }).where('id', '=', run.id).execute();
      await this.audit.record({ actor, action: scope ? 'monitor.incremental' : 'monitor.run', subject: `monitor_run:${run.id}`, detail: { as_of: on, alerts_created: created, batch_id: scope?.batchId ?? null } });
      return { run_id: run.id, kind: scope ? 'incremental' : 'full', as_of: on, alerts_created: created, by_indicator: result.byIndicator, subjects: result.subjects, seconds: Math.round((performance.now() - started) / 10) / 100 };
    } catch (err) {
      await this.db.updateTable('monitor_run').set({ status: 'failed', finished_at: new Date(), error: String((err as Error).message).slice(0, 500) }).where('id', '=', run.id).execute();
      throw err;
    }
  }
}

function iso(d: Date | string): string {
  return new Date(d).toISOString();
}
