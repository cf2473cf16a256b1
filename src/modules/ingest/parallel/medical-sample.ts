/**
 * Generated `medical_settlement` CSV text for the check-block benchmark and the fast-path
 * equality test (not used by the platform itself): rows as the medical insurance bureau sends
 * them (bench/ingest.ts's generator), with optional quoted fields, Chinese enumeration values
 * and bad rows of every kind the checker reports.
 */
import { checkCharacter } from '../../registry/domain/id-number.js';
import { defaultCatalog } from '../../catalog/domain/default-catalog.js';
import type { DatasetDef } from '../../catalog/domain/dataset-definition.js';
import { testKeyring } from '../../../platform/crypto/keyring.js';
import { mapHeaders } from '../domain/headers.js';
import { CsvBlockSplitter } from './csv-blocks.js';
import type { BlockContext } from './check-block.js';

export const SAMPLE_TODAY = '2026-11-01';
export const SAMPLE_HEADER = ['id_number', 'settle_date', 'visit_type', 'admission_date', 'discharge_date', 'total_cost', 'insurance_paid', 'oop_cost', 'hospital_code', 'diagnosis_code'];

const ADDRESSES = ['220102', '220103', '220104', '220105', '220106', '220112', '220113', '220122', '220202', '220203', '220281', '220302', '220381', '220402', '220502', '220581', '220602', '220702', '220802', '222401'];

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export function medicalDef(): DatasetDef {
  return defaultCatalog().datasets.find((d) => d.code === 'medical_settlement')!;
}

/** The context a worker gets for a file with these headers (test keys, skip-invalid by default). */
export function sampleContext(headers: string[] = SAMPLE_HEADER, over: Partial<BlockContext> = {}): BlockContext {
  const def = over.def ?? medicalDef();
  const mapped = mapHeaders(def, headers);
  const ring = testKeyring();
  return {
    def, headers, mapped: [...mapped].map(([h, f]) => [h, f.code]), today: SAMPLE_TODAY, batchId: '4711',
    key: { id: ring.keys[0].id, key: ring.keys[0].key, hmac: ring.hmac }, skipInvalid: true, checkOnly: false, ...over,
  };
}

export interface SampleOptions {
  seed?: number;
  /** Share of rows with a quoted field (a comma or line break inside, or just quoted). */
  quoted?: number;
  /** Share of rows with 住院/门诊 instead of the enumeration codes. */
  chineseEnum?: number;
  /** Share of rows with a problem (see BAD_CELLS). */
  bad?: number;
}

/** Cells (by header) that make a row invalid or take the general path; each kind once in turn. */
export const ODD_CELLS: Record<string, string>[] = [
  { id_number: 'CHECK' }, // the check character made wrong
  { settle_date: '2024-02-30' },
  { oop_cost: '-5' },
  { id_number: '1.2E+11' },
  { id_number: '2.20102E+17' },
  { total_cost: '1.2E+11' },
  { settle_date: '2026-12-01' }, // after the day of receipt
  { settle_date: '' }, // required
  { oop_cost: '' }, // required
  { id_number: '' },
  { visit_type: 'emergency' },
  { visit_type: 'INPATIENT' }, // accepted, written as the code
  { visit_type: '住院' },
  { settle_date: '2026/10/3' }, // accepted, written as 2026-10-03
  { settle_date: '20261003' },
  { settle_date: '46298' }, // an Excel serial
  { total_cost: '"1,234.50"' }, // accepted, written as 1234.5
  { total_cost: '¥80' },
  { total_cost: '0012.5' },
  { total_cost: '12.345' },
  { total_cost: '1e3' },
  { total_cost: '2000000000000' },
  { oop_cost: ' 12.50 ' }, // trimmed
  { hospital_code: ' H220101' }, // trimmed before writing
  { hospital_code: '\u00a0H220101' }, // a no-break space: kept, then quoted in COPY text
  { hospital_code: 'H22\u0001' }, // a control character
  { hospital_code: 'x'.repeat(501) },
  { diagnosis_code: '"J18.9,I10"' },
  { diagnosis_code: '"J18.9\nI10"' },
  { diagnosis_code: '"say ""hi"""' },
  { diagnosis_code: 'a"b' }, // a quote inside an unquoted field is kept
  { diagnosis_code: '"J18"9' }, // text after the closing quote is kept
  { diagnosis_code: 'tab\tinside' },
  { id_number: ' ID ' }, // trimmed ID number
  { id_number: 'LOWERX' }, // an ID number ending in x
  { id_number: '15' }, // an old 15-digit number
  { id_number: '220102190001010000' }, // sequence 000 and wrong check character
  { id_number: '990102198001010011' }, // unknown province
  { admission_date: '　2026-10-01' }, // an ideographic space
  { settle_date: '\uFEFF2026-10-01' },
];

/** ID number with a wrong check character, lower-case x, or the 15-digit form of `id`. */
function oddId(kind: string, id: string): string {
  if (kind === 'CHECK') return id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
  if (kind === 'LOWERX') return id.slice(0, 17) + 'x';
  if (kind === '15') return id.slice(0, 6) + id.slice(8, 17);
  if (kind === ' ID ') return ` ${id} `;
  return kind;
}

function newId(rand: () => number): string {
  const y = 1935 + Math.floor(rand() * 85);
  const first17 = `${ADDRESSES[Math.floor(rand() * ADDRESSES.length)]}${y}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}${String(Math.floor(rand() * 999) + 1).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** `rows` data records (no header), each person on three consecutive rows. */
export function medicalRecords(rows: number, o: SampleOptions = {}): Record<string, string>[] {
  const rand = lcg(o.seed ?? 7);
  const out: Record<string, string>[] = [];
  let person = '';
  let odd = 0;
  for (let i = 0; i < rows; i++) {
    if (i % 3 === 0) person = newId(rand);
    const inpatient = rand() < 0.2;
    const day = 1 + Math.floor(rand() * 28);
    const total = Math.round((inpatient ? 3000 + rand() * 60000 : 50 + rand() * 800) * 100) / 100;
    const paid = Math.round(total * (0.5 + rand() * 0.3) * 100) / 100;
    const oop = Math.round((total - paid) * 100) / 100;
    const date = `2026-10-${String(day).padStart(2, '0')}`;
    const chinese = rand() < (o.chineseEnum ?? 0);
    const r: Record<string, string> = {
      id_number: person,
      settle_date: date,
      visit_type: inpatient ? (chinese ? '住院' : 'inpatient') : chinese ? '门诊' : 'outpatient',
      admission_date: inpatient ? `2026-10-${String(Math.max(1, day - 5)).padStart(2, '0')}` : '',
      discharge_date: inpatient ? date : '',
      total_cost: total.toFixed(2),
      insurance_paid: rand() < 0.5 ? paid.toFixed(2) : String(paid),
      oop_cost: oop.toFixed(2),
      hospital_code: `H${220100 + Math.floor(rand() * 900)}`,
      diagnosis_code: inpatient ? 'J18.9' : 'I10',
    };
    if (rand() < (o.quoted ?? 0)) r.diagnosis_code = rand() < 0.5 ? '"J18.9,I10"' : rand() < 0.5 ? '"J18.9"' : '"肺炎\n高血压"';
    if (rand() < (o.bad ?? 0)) {
      const cells = ODD_CELLS[odd++ % ODD_CELLS.length];
      for (const [k, v] of Object.entries(cells)) r[k] = k === 'id_number' ? oddId(v, person) : v;
    }
    out.push(r);
  }
  return out;
}

/** Records as CSV lines in the order of `headers` (cells are written as they are: quotes included). */
export function csvLines(records: Record<string, string>[], headers: string[] = SAMPLE_HEADER): string[] {
  return records.map((r) => headers.map((h) => r[h] ?? '').join(','));
}

/** Text cut into blocks of whole records, each with the row number of its first record. */
export function sampleBlocks(text: string, targetChars: number, firstRow = 2): { text: string; firstRow: number }[] {
  const splitter = new CsvBlockSplitter(targetChars);
  const out: { text: string; firstRow: number }[] = [];
  let row = firstRow;
  const add = (b: { text: string; records: number }) => {
    out.push({ text: b.text, firstRow: row });
    row += b.records;
  };
  for (const b of splitter.push(text)) add(b);
  const last = splitter.end();
  if (last) add(last);
  return out;
}
