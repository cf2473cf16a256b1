/**
 * Demo departmental data for the demo registry, so a first start shows monitoring at work: a
 * year of medical settlements, a few deaths, cars, disasters, school entries, dangerous houses,
 * utility readings of elderly people living alone, and people not in the registry (leads).
 * Files go through the real ingestion (validated, hashed, sealed), then one monitoring run.
 * Deterministic for a seed; dates are counted back from the demo's date.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Runtime } from '../../platform/runtime.js';
import { operatorActor } from '../access/domain/actor.js';
import { checkCharacter } from '../registry/domain/id-number.js';
import { generateDemo, type DemoHousehold } from '../registry/demo/demo-generator.js';
import { Random } from '../registry/demo/random.js';
import { monthsBefore } from './engine/sql-text.js';

type Rows = Record<string, (string | number)[][]>;

const HEADERS: Record<string, string[]> = {
  medical_settlement: ['id_number', 'settle_date', 'visit_type', 'admission_date', 'discharge_date', 'total_cost', 'insurance_paid', 'oop_cost', 'hospital_code', 'diagnosis_code'],
  serious_illness: ['id_number', 'diagnosis_date', 'disease_code', 'disease_name'],
  death_record: ['id_number', 'death_date'],
  vehicle_reg: ['id_number', 'reg_date', 'vehicle_type', 'purchase_price', 'status'],
  disaster_victim: ['id_number', 'event_date', 'disaster_type', 'loss_level', 'house_damaged'],
  school_enrollment: ['id_number', 'enroll_date', 'stage'],
  dangerous_housing: ['id_number', 'assess_date', 'grade'],
  utility_usage: ['id_number', 'month', 'water_m3', 'electricity_kwh'],
  unemployment_reg: ['id_number', 'reg_date', 'status'],
};

function daysBefore(on: string, days: number): string {
  return new Date(Date.parse(`${on}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** A valid ID number of someone not in the registry, from the county of `region`. */
function outsider(rng: Random, region: string, n: number): string {
  const birth = `${rng.int(1940, 2000)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
  const first17 = `${region.slice(0, 6)}${birth}${String(900 + (n % 99)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

export function demoFeedRows(households: Iterable<DemoHousehold>, asOf: string, seed: number): Rows {
  const rng = new Random(seed * 7919 + 17);
  const rows: Rows = Object.fromEntries(Object.keys(HEADERS).map((k) => [k, []]));
  const day = (maxDaysBack: number) => daysBefore(asOf, rng.int(1, maxDaysBack));
  const medical = (id: string, oop: number, inpatient: boolean) => {
    const settled = day(330);
    const total = Math.round(oop * rng.real(2.2, 4));
    rows.medical_settlement.push([id, settled, inpatient ? 'inpatient' : 'outpatient', inpatient ? daysBefore(settled, 12) : '', inpatient ? daysBefore(settled, 1) : '', total, total - oop, oop, `H${region6(id)}01`, inpatient ? 'I63.9' : 'E11.9']);
  };
  let n = 0;
  for (const h of households) {
    for (const m of h.members) {
      const age = Number(asOf.slice(0, 4)) - Number(m.id_number.slice(6, 10));
      if (rng.chance(m.health === 'serious' ? 0.4 : 0.05)) {
        for (let k = rng.int(1, 3); k > 0; k--) medical(m.id_number, Math.round(rng.real(200, m.health === 'serious' ? 6000 : 2000)), rng.chance(0.3));
      }
      if (m.health === 'serious' && rng.chance(0.25)) rows.serious_illness.push([m.id_number, day(170), 'C34.9', '肺恶性肿瘤']);
      if (age >= 75 && rng.chance(0.01)) rows.death_record.push([m.id_number, day(150)]);
      if (age >= 25 && age < 60 && rng.chance(0.004)) rows.vehicle_reg.push([m.id_number, day(150), '小型轿车', rng.int(40, 160) * 1000, 'normal']);
      if (age >= 18 && age < 60 && rng.chance(0.01)) rows.unemployment_reg.push([m.id_number, day(150), 'registered']);
      if (age >= 15 && age <= 19 && rng.chance(0.5)) rows.school_enrollment.push([m.id_number, `${asOf.slice(0, 4)}-09-01`, age <= 16 ? 'senior' : 'college']);
      if (h.members.length === 1 && age >= 70) {
        const silent = rng.chance(0.15);
        for (let k = 1; k <= 3; k++) rows.utility_usage.push([m.id_number, monthsBefore(asOf, k).slice(0, 7), silent ? 0 : rng.int(1, 6), silent ? 0 : rng.int(20, 90)]);
      }
    }
    const head = h.members.find((m) => m.relation === 'head') ?? h.members[0];
    if (h.hukou_type === 'rural' && rng.chance(0.01)) rows.disaster_victim.push([head.id_number, day(120), '洪涝', rng.pick(['minor', 'major', 'total']), 'true']);
    if (h.hukou_type === 'rural' && rng.chance(0.01)) rows.dangerous_housing.push([head.id_number, day(160), rng.pick(['C', 'D'])]);
    // Now and then someone of the same county who is not in the registry.
    if (rng.chance(0.03)) {
      const id = outsider(rng, h.region_code, n++);
      medical(id, Math.round(rng.real(8000, 40000)), true);
      if (rng.chance(0.3)) rows.disaster_victim.push([id, day(120), '洪涝', 'major', 'true']);
    }
  }
  return rows;
}

function region6(id: string): string {
  return id.slice(0, 6);
}

function csv(header: string[], rows: (string | number)[][]): string {
  return [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

/** Ingest the demo feeds as the departments would send them, then run monitoring once. */
export async function seedDemoFeeds(rt: Runtime, opts: { households: number; seed: number }): Promise<{ rows: number; alerts: number }> {
  const asOf = rt.clock.today();
  const rows = demoFeedRows(generateDemo({ households: opts.households, seed: opts.seed, asOf }), asOf, opts.seed);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-demo-feeds-'));
  const actor = operatorActor('system:demo');
  let total = 0;
  try {
    for (const [dataset, list] of Object.entries(rows)) {
      if (!list.length) continue;
      const file = path.join(dir, `${dataset}.csv`);
      fs.writeFileSync(file, csv(HEADERS[dataset], list));
      const r = await rt.services.ingest.ingest({ dataset, file }, actor);
      total += r.accepted;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const run = await rt.services.monitorRuns.run(actor, { on: asOf });
  return { rows: total, alerts: run.alerts_created };
}
