/**
 * Demo payments: the 低保 and 特困 recipients of the demo county, as if migrated from the earlier
 * system at the start of the year (each with a bank card), last month's roll prepared by the
 * county's clerk and approved by a colleague, and three deaths reported since — so a newcomer can
 * prepare this month's roll, see who stops and why,
 * have it approved by another account, and download the bank file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Runtime } from '../../platform/runtime.js';
import { DEFAULT_GRANTS } from '../access/domain/roles.js';
import { operatorActor, type Actor } from '../access/domain/actor.js';
import { maskAccountNumber, withLuhnDigit } from './domain/account.js';
import { addMonths, monthOf } from './domain/months.js';

const SNAPSHOT_FIGURES = [
  'income_wage', 'income_business', 'income_property', 'income_transfer', 'income_other', 'financial_assets', 'vehicle_count', 'vehicle_value', 'property_count',
  'rigid_medical', 'rigid_education', 'rigid_rehab', 'rigid_other',
] as const;

const actor = (label: string, region: string): Actor => ({ label, userId: null, role: 'civil_affairs_officer', regionCode: region, department: null, permissions: new Set(DEFAULT_GRANTS.civil_affairs_officer) });

/** A 19-digit card number with its Luhn digit, from a running number. */
const card = (n: number) => withLuhnDigit(`622202${String(n).padStart(12, '0')}`);

export async function seedDemoPayments(rt: Runtime): Promise<{ entitlements: number; county: string | null }> {
  const { db } = rt.database;
  // the county of the demo village (the one with the most households), where the demo accounts sit
  const busiest = await db.selectFrom('household').select('region_code').groupBy('region_code').orderBy((eb) => eb.fn.countAll(), 'desc').orderBy('region_code').executeTakeFirst();
  if (!busiest) return { entitlements: 0, county: null };
  const county = busiest.region_code.slice(0, 6);
  const start = `${rt.clock.today().slice(0, 4)}-01`;
  const members = await db.selectFrom('category_membership as m').innerJoin('person as p', 'p.id', 'm.person_id').innerJoin('household as h', 'h.id', 'p.household_id')
    .select(['m.category', 'p.id as person_id', 'p.relation', 'h.id as household_id'])
    .where('m.status', '=', 'active').where('m.category', 'in', ['dibao', 'tekun']).where('h.region_code', 'like', `${county}%`)
    .where((eb) => eb.exists(eb.selectFrom('economic_snapshot as s').select('s.id').whereRef('s.household_id', '=', 'h.id')))
    .orderBy('h.id').orderBy('p.id').execute();
  const heads = new Map<string, string>();
  for (const m of await db.selectFrom('person').select(['id', 'household_id']).where('relation', '=', 'head').where('household_id', 'in', [...new Set(members.map((m) => m.household_id)), '0']).execute()) heads.set(m.household_id!, m.id);
  const rows: { program: 'dibao_allowance' | 'tekun_support'; household_id: string; payee_person_id: string; rule: string }[] = [];
  const dibao = new Set<string>();
  for (const m of members) {
    if (m.category === 'tekun') rows.push({ program: 'tekun_support', household_id: m.household_id, payee_person_id: m.person_id, rule: JSON.stringify({ kind: 'tekun_support' }) });
    else if (!dibao.has(m.household_id) && heads.has(m.household_id)) {
      dibao.add(m.household_id);
      rows.push({ program: 'dibao_allowance', household_id: m.household_id, payee_person_id: heads.get(m.household_id)!, rule: JSON.stringify({ kind: 'dibao_gap' }) });
    }
  }
  let n = 0;
  for (let i = 0; i < rows.length; i += 500) {
    await db.insertInto('payment_entitlement').values(rows.slice(i, i + 500).map((r) => {
      const account = card(++n);
      return { ...r, start_month: start, account_sealed: rt.vault.seal(account), account_masked: maskAccountNumber(account), source: 'import:demo', created_by: 'system:demo' };
    })).onConflict((oc) => oc.doNothing()).execute();
  }
  // the earlier system's record of each recipient household's economy, as of the start of the year
  const households = [...new Set(rows.map((r) => r.household_id))];
  if (households.length) {
    await sql`
      INSERT INTO economic_snapshot (household_id, as_of, source, recorded_by, ${sql.join(SNAPSHOT_FIGURES.map((c) => sql.ref(c)))})
      SELECT DISTINCT ON (household_id) household_id, ${`${start}-01`}::date, 'migration', 'system:demo', ${sql.join(SNAPSHOT_FIGURES.map((c) => sql.ref(c)))}
      FROM economic_snapshot WHERE household_id IN (${sql.join(households)}) ORDER BY household_id, as_of DESC, id DESC`.execute(db);
  }
  // last month's roll: prepared by the clerk, approved by a colleague
  const last = addMonths(monthOf(rt.clock.today()), -1);
  if (last >= start) {
    await rt.services.rolls.prepare({ month: last, region: county }, actor('user:demo_county_clerk', county));
    await rt.services.rolls.approve({ month: last, region: county }, actor('user:demo_admin', county));
    await reportDeaths(rt, rows, last);
  }
  return { entitlements: rows.length, county };
}

/**
 * After last month's roll, the public security bureau's file reports three recipients who died
 * in the middle of that month (paid through it): two 特困 recipients, whose support stops this
 * month, and the head of a 低保 family of several, whose allowance is recomputed for the others
 * and held until the family names a new payee.
 */
async function reportDeaths(rt: Runtime, rows: { program: string; household_id: string; payee_person_id: string }[], month: string): Promise<void> {
  const { db } = rt.database;
  const sizes = new Map<string, number>();
  for (const p of await db.selectFrom('person').select('household_id').where('household_id', 'in', [...new Set(rows.map((r) => r.household_id)), '0']).execute()) {
    sizes.set(p.household_id!, (sizes.get(p.household_id!) ?? 0) + 1);
  }
  const picked = [
    ...rows.filter((r) => r.program === 'tekun_support').slice(0, 2),
    ...rows.filter((r) => r.program === 'dibao_allowance' && (sizes.get(r.household_id) ?? 0) >= 2).slice(0, 1),
  ];
  if (picked.length === 0) return;
  const persons = await db.selectFrom('person').select(['id', 'id_number_sealed']).where('id', 'in', picked.map((p) => p.payee_person_id)).execute();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-demo-deaths-'));
  try {
    const file = path.join(dir, 'death_record.csv');
    fs.writeFileSync(file, ['id_number,death_date', ...persons.map((p) => `${rt.vault.open(p.id_number_sealed)},${month}-15`)].join('\n') + '\n');
    await rt.services.ingest.ingest({ dataset: 'death_record', file }, operatorActor('system:demo'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
