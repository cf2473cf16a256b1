/**
 * Loading the demo dataset: generated households go through the same import core as a
 * department's file (so they are validated the same way), then their economic snapshots.
 */
import { seedDemoPayments } from '../../payments/demo-payments.js';
import { sql } from 'kysely';
import type { Runtime } from '../../../platform/runtime.js';
import { AppError } from '../../../platform/errors.js';
import { importRegistry } from '../import/registry-import.js';
import { generateDemo, toRegistryRows, type DemoSnapshot } from './demo-generator.js';
import { seedDemoUsers } from '../../access/demo-users.js';
import { seedDemoFeeds } from '../../monitoring/demo-feeds.js';
import { seedDemoCases } from '../../cases/demo-cases.js';

export interface DemoResult {
  households: number;
  persons: number;
  batch_id: string;
  feed_rows: number;
  alerts: number;
  cases: number;
}

export async function seedDemo(
  rt: Runtime,
  opts: { households: number; seed: number; actor: string; onProgress?: (rows: number) => void },
): Promise<DemoResult> {
  const asOf = rt.clock.today();
  const rows = (async function* () {
    for (const h of generateDemo({ households: opts.households, seed: opts.seed, asOf })) {
      yield* toRegistryRows(h) as unknown as Record<string, string>[];
    }
  })();
  const report = await importRegistry(rt.database, rows, {
    actor: opts.actor,
    vault: rt.vault,
    skipInvalid: false,
    fileName: `demo:seed=${opts.seed},households=${opts.households}`,
    today: asOf,
    onProgress: opts.onProgress,
  });
  if (report.status !== 'committed') {
    throw new AppError('CONFLICT', {
      zh: `演示数据未能载入：${report.error_count} 处错误（第一处：${report.errors[0]?.reason ?? '-'}）`,
      en: `demo data refused: ${report.error_count} errors (first: ${report.errors[0]?.reason ?? '-'})`,
    }, { errors: report.errors.slice(0, 10) });
  }
  await insertSnapshots(rt, opts, asOf);
  await rt.database.db
    .insertInto('reference_data')
    .values({ name: 'demo', version: `seed=${opts.seed},households=${opts.households}`, rows: report.accepted })
    .onConflict((oc) => oc.column('name').doUpdateSet({ version: `seed=${opts.seed},households=${opts.households}`, rows: report.accepted, loaded_at: new Date() }))
    .execute();
  await seedDemoUsers(rt);
  // Departments' data about the demo people, and the monitoring run that reads it.
  const feeds = await seedDemoFeeds(rt, { households: opts.households, seed: opts.seed });
  // Cases at every stage, moved by the demo roles through the real services.
  const cases = await seedDemoCases(rt);
  // The recipients' monthly allowance: entitlements with bank cards, last month's approved roll.
  await seedDemoPayments(rt);
  return { households: opts.households, persons: report.persons_created, batch_id: String(report.batch_id), feed_rows: feeds.rows, alerts: feeds.alerts, cases: cases.cases };
}

/** On a first start (no demo loaded, registry empty), load the demo unless SAFETYNET_DEMO=0. */
export async function seedDemoOnFirstStart(rt: Runtime, households: number): Promise<DemoResult | undefined> {
  const { db } = rt.database;
  const loaded = await db.selectFrom('reference_data').select('name').where('name', '=', 'demo').executeTakeFirst();
  if (loaded) return undefined;
  const any = await db.selectFrom('household').select('id').limit(1).executeTakeFirst();
  if (any) return undefined;
  return seedDemo(rt, { households, seed: 1, actor: 'system:demo' });
}

const SNAPSHOT_COLUMNS = [
  'income_wage', 'income_business', 'income_property', 'income_transfer', 'income_other', 'financial_assets',
  'vehicle_count', 'vehicle_value', 'property_count', 'rigid_medical', 'rigid_education', 'rigid_rehab', 'rigid_other',
] as const satisfies readonly (keyof DemoSnapshot)[];

async function insertSnapshots(rt: Runtime, opts: { households: number; seed: number; actor: string }, asOf: string): Promise<void> {
  const { db } = rt.database;
  let batch: { code: string; s: DemoSnapshot }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const values = batch.map(({ code, s }) => sql`(${code}, ${s.as_of}::date, ${sql.join(SNAPSHOT_COLUMNS.map((c) => sql`${s[c]}`))})`);
    await sql`
      INSERT INTO economic_snapshot (household_id, as_of, source, recorded_by, ${sql.join(SNAPSHOT_COLUMNS.map((c) => sql.ref(c)))})
      SELECT h.id, v.as_of, 'demo', ${opts.actor}, ${sql.join(SNAPSHOT_COLUMNS.map((c) => sql`v.${sql.ref(c)}::numeric`))}
      FROM (VALUES ${sql.join(values)}) AS v (code, as_of, ${sql.join(SNAPSHOT_COLUMNS.map((c) => sql.ref(c)))})
      JOIN household h ON h.code = v.code`.execute(db);
    batch = [];
  };
  for (const h of generateDemo({ households: opts.households, seed: opts.seed, asOf })) {
    batch.push({ code: h.code, s: h.snapshot });
    if (batch.length >= 500) await flush();
  }
  await flush();
}
