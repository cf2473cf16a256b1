/**
 * The payments benchmark's data: a generated province of recipients, deterministic (a seeded
 * PRNG), written with COPY. The rows are built in JavaScript because every ID number and bank
 * account is sealed with the vault, as the registry stores them (AES-256-GCM, one cipher a value;
 * the keyed hash beside the ID number), so that the roll opens real sealed values.
 *
 * Households are spread over every village of the region table (69 counties of Jilin), until the
 * entitlements number N:
 *  - 80% 低保 households of 1–5 members: dibao_allowance to the head, by the 低保 gap (85%) or a
 *    migrated fixed amount (15%); 10% of them also a fixed heating allowance;
 *  - 15% 特困 persons living alone (aged 60–95, unable to work): tekun_support by the standard
 *    (90%) or fixed (10%); 5% also tekun_care (no self-care assessment: held as not computable);
 *  - 5% households with a fixed temporary assistance.
 * Entitlements: 92% migrated (`import:…`, from 2025-01), 6% decided from 2026-05, 2% new in the
 * roll month 2026-06; 1% suspended; 0.3% ended with 2026-05. Every entitlement has a valid
 * (Luhn-checked) sealed account. Every household has an economic snapshot (2025-12-01).
 * Deaths, review alerts and the backdated raise come after last month's roll (see payments.ts).
 */
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PiiVault } from '../../src/platform/crypto/pii-vault.js';
import { checkCharacter, maskIdNumber } from '../../src/modules/registry/domain/id-number.js';
import { maskAccountNumber } from '../../src/modules/payments/domain/account.js';

export interface GeneratedPayments {
  households: number;
  persons: number;
  entitlements: number;
  counties: string[];
  byProgram: Record<string, number>;
}

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A COPY sink that takes rows of text-format lines in chunks. */
class CopyWriter {
  private buf: string[] = [];
  private readonly stream: Readable;
  private readonly done: Promise<void>;
  constructor(client: pg.Client, statement: string) {
    this.stream = new Readable({ read() {} });
    this.done = pipeline(this.stream, client.query(copyFrom(statement)));
  }
  row(cells: (string | number | null)[]): void {
    this.buf.push(cells.map((c) => (c === null ? '\\N' : String(c))).join('\t'));
    if (this.buf.length >= 5000) this.flush();
  }
  private flush(): void {
    if (this.buf.length) this.stream.push(this.buf.join('\n') + '\n');
    this.buf = [];
  }
  async end(): Promise<void> {
    this.flush();
    this.stream.push(null);
    await this.done;
  }
}

export async function generatePayments(url: string, vault: PiiVault, target: number): Promise<GeneratedPayments> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const villages = (await client.query<{ code: string }>(`SELECT code FROM region WHERE level = 'village' ORDER BY code`)).rows.map((r) => r.code);
    const counties = [...new Set(villages.map((v) => v.slice(0, 6)))].sort();
    const rnd = prng(20260601);
    const seqs = new Map<string, number>();
    const idNumber = (county: string, birth: Date, male: boolean): string => {
      for (;;) {
        const b = `${birth.getUTCFullYear()}${pad2(birth.getUTCMonth() + 1)}${pad2(birth.getUTCDate())}`;
        const k = county + b;
        const n = seqs.get(k) ?? 0;
        if (n < 500) {
          seqs.set(k, n + 1);
          const first17 = `${county}${b}${String(n * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
          return first17 + checkCharacter(first17);
        }
        birth = new Date(birth.getTime() + 86_400_000);
      }
    };
    const birthOf = (age: number) => new Date(Date.UTC(2026 - age, Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)));

    await client.query('BEGIN');
    const hh = new CopyWriter(client, 'COPY household (id, code, region_code, hukou_type) FROM STDIN');
    const persons: (string | number | null)[][] = [];
    const snapshots: (string | number | null)[][] = [];
    const ents: (string | number | null)[][] = [];
    const byProgram: Record<string, number> = {};
    let h = 0;
    let p = 0;
    let e = 0;
    const entitlement = (program: string, household: number, payee: number, rule: object) => {
      e++;
      byProgram[program] = (byProgram[program] ?? 0) + 1;
      const r = rnd();
      const [source, start] = r < 0.92 ? ['import:bench-migration.csv', '2025-01'] : r < 0.98 ? ['decision:bench', '2026-05'] : ['decision:bench', '2026-06'];
      const s = rnd();
      const [status, end] = s < 0.01 ? ['suspended', null] : s < 0.013 && start < '2026-06' ? ['ended', '2026-05'] : ['active', null];
      const body = `6222${String(Math.floor(rnd() * 1e11)).padStart(11, '0')}`;
      const account = body + luhnDigit(body);
      ents.push([e, program, household, payee, JSON.stringify(rule), start, end, status, vault.seal(account), maskAccountNumber(account), source, 'bench']);
    };
    while (e < target) {
      h++;
      const village = villages[Math.floor(rnd() * villages.length)];
      const county = village.slice(0, 6);
      const urban = rnd() < 0.5;
      hh.row([h, `PB${String(h).padStart(9, '0')}`, village, urban ? 'urban' : 'rural']);
      const k = rnd();
      const kind = k < 0.8 ? 'dibao' : k < 0.95 ? 'tekun' : 'other';
      const size = kind === 'tekun' ? 1 : (() => {
        const r = rnd();
        return r < 0.3 ? 1 : r < 0.6 ? 2 : r < 0.82 ? 3 : r < 0.94 ? 4 : 5;
      })();
      const headAge = kind === 'tekun' ? 60 + Math.floor(rnd() * 36) : 25 + Math.floor(rnd() * 55);
      const headMale = rnd() < 0.6;
      const headId = p + 1;
      for (let m = 0; m < size; m++) {
        p++;
        const relation = m === 0 ? 'head' : m === 1 ? 'spouse' : rnd() < 0.2 ? 'parent' : 'child';
        const age = relation === 'head' ? headAge : relation === 'spouse' ? Math.max(18, headAge - 5 + Math.floor(rnd() * 10)) : relation === 'parent' ? Math.min(99, headAge + 22 + Math.floor(rnd() * 10)) : Math.max(0, headAge - 22 - Math.floor(rnd() * 18));
        const male = relation === 'head' ? headMale : relation === 'spouse' ? !headMale : rnd() < 0.5;
        const birth = birthOf(age);
        const id = idNumber(county, birth, male);
        const disabled = rnd() < 0.05;
        const health = rnd() < 0.06 ? 'serious' : rnd() < 0.2 ? 'chronic' : 'healthy';
        const work = kind === 'tekun' ? 'none' : age < 16 || age >= 60 ? 'none' : rnd() < 0.3 ? 'partial' : 'full';
        persons.push([p, vault.hash(id), vault.seal(id), maskIdNumber(id), `居民${p}`, h, relation, male ? 'male' : 'female', `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
          disabled ? 'physical' : null, disabled ? 1 + Math.floor(rnd() * 4) : null, work, health]);
      }
      const standard = urban ? 643 : 483;
      const annual = kind === 'tekun' ? Math.round(rnd() * 3000) : Math.round(rnd() * size * standard * 12 * 0.7);
      snapshots.push([h, '2025-12-01', 'bench', kind === 'tekun' ? 0 : annual, kind === 'tekun' ? annual : 0, 'bench']);
      if (kind === 'dibao') {
        entitlement('dibao_allowance', h, headId, rnd() < 0.85 ? { kind: 'dibao_gap' } : { kind: 'fixed', amount_fen: 30000 + Math.floor(rnd() * 1200) * 100 });
        if (rnd() < 0.1 && e < target) entitlement('heating', h, headId, { kind: 'fixed', amount_fen: 20000 });
      } else if (kind === 'tekun') {
        entitlement('tekun_support', h, headId, rnd() < 0.9 ? { kind: 'tekun_support' } : { kind: 'fixed', amount_fen: 80000 + Math.floor(rnd() * 100) * 100 });
        if (rnd() < 0.05 && e < target) entitlement('tekun_care', h, headId, { kind: 'tekun_care' });
      } else {
        entitlement('temporary', h, headId, { kind: 'fixed', amount_fen: 50000 });
      }
    }
    await hh.end();
    const copyAll = async (statement: string, rows: (string | number | null)[][]) => {
      const w = new CopyWriter(client, statement);
      for (const r of rows) w.row(r);
      await w.end();
    };
    await copyAll('COPY person (id, id_number_hash, id_number_sealed, id_number_masked, name, household_id, relation, sex, birth_date, disability_type, disability_grade, work_ability, health) FROM STDIN', persons);
    await copyAll('COPY economic_snapshot (household_id, as_of, source, income_wage, income_transfer, recorded_by) FROM STDIN', snapshots);
    await copyAll('COPY payment_entitlement (id, program, household_id, payee_person_id, rule, start_month, end_month, status, account_sealed, account_masked, source, created_by) FROM STDIN', ents);
    await client.query(`SELECT setval('household_id_seq', ${h}), setval('person_id_seq', ${p}), setval('payment_entitlement_id_seq', ${e})`);
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE household, person, economic_snapshot, payment_entitlement');
    return { households: h, persons: p, entitlements: e, counties, byProgram };
  } finally {
    await client.end();
  }
}
