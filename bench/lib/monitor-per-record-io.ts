/**
 * The per-record baseline's I/O: server-side cursors read 5,000 rows at a time (DECLARE … FETCH,
 * inside the run's transaction), and the alerts written in batches of 2,000 with the engine's
 * suppression and once-per-date rule.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import type { Setup } from './monitor-per-record-facts.js';

export interface Alert {
  indicator: string;
  subject_key: string;
  person_id: string | null;
  household_id: string | null;
  id_hash: string;
  id_masked: string;
  region_code: string | null;
  rank: number;
  evidence: Record<string, unknown>;
}

/** A server-side cursor read 5,000 rows at a time. */
export class Cursor<T extends Record<string, unknown>> {
  private buffer: T[] = [];
  private at = 0;
  private done = false;

  constructor(private readonly trx: Kysely<DB>, private readonly name: string, private readonly key: string) {}

  async open(query: string): Promise<this> {
    await sql.raw(`DECLARE ${this.name} NO SCROLL CURSOR FOR ${query}`).execute(this.trx);
    await this.fill();
    return this;
  }

  private async fill(): Promise<void> {
    const r = await sql.raw<T>(`FETCH 5000 FROM ${this.name}`).execute(this.trx);
    this.buffer = r.rows;
    this.at = 0;
    if (r.rows.length === 0) this.done = true;
  }

  /** The current row's key, or undefined at the end. */
  async peek(): Promise<string | undefined> {
    if (this.at >= this.buffer.length && !this.done) await this.fill();
    return this.done ? undefined : (this.buffer[this.at][this.key] as string);
  }

  /** Every row with this key. */
  async take(key: string): Promise<T[]> {
    const out: T[] = [];
    while ((await this.peek()) === key) out.push(this.buffer[this.at++]);
    return out;
  }
}

/** Alerts written 2,000 at a time, with the engine's suppression and once-per-date rule. */
export class AlertSink {
  private batch: Alert[] = [];
  count = 0;

  constructor(private readonly trx: Kysely<DB>, private readonly setup: Setup, private readonly runId: string) {}

  async add(a: Alert): Promise<void> {
    this.batch.push(a);
    if (this.batch.length >= 2000) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.batch.length) return;
    const { on, deadlines } = this.setup;
    const meta = Object.fromEntries([...this.setup.personRules, ...this.setup.householdRules].map((d) => [d.code, { v: this.setup.versions.get(d.code), a: d.action, s: d.suppress_days }]));
    const r = await sql<{ n: number }>`WITH x AS (
        SELECT x.*, (${JSON.stringify(meta)}::jsonb -> x.indicator) AS m FROM jsonb_to_recordset(${JSON.stringify(this.batch)}::jsonb)
          AS x(indicator text, subject_key text, person_id bigint, household_id bigint, id_hash text, id_masked text, region_code text, rank int, evidence jsonb)
      ), ins AS (
        INSERT INTO monitor_alert (indicator, indicator_version, level, level_rank, subject_key, person_id, household_id, id_hash, id_masked, region_code, as_of, deadline, action, evidence, run_id)
        SELECT x.indicator, (x.m ->> 'v')::int, (ARRAY['blue', 'yellow', 'orange', 'red'])[x.rank], x.rank, x.subject_key, x.person_id, x.household_id, x.id_hash, x.id_masked, x.region_code,
          ${on}::date, (${[1, 2, 3, 4].map((k) => deadlines[k])}::date[])[x.rank], x.m ->> 'a', x.evidence, ${this.runId}
        FROM x
        WHERE NOT EXISTS (SELECT 1 FROM monitor_alert s WHERE s.indicator = x.indicator AND s.subject_key = x.subject_key
          AND s.as_of > ${on}::date - (x.m ->> 's')::int AND s.as_of < ${on}::date + (x.m ->> 's')::int AND s.level_rank >= x.rank)
        ON CONFLICT (indicator, subject_key, as_of) DO NOTHING
        RETURNING 1)
      SELECT count(*)::int AS n FROM ins`.execute(this.trx);
    this.count += r.rows[0].n;
    this.batch = [];
  }
}

