/**
 * The fast path of checkCsvBlock against the general path on the same blocks: the same COPY
 * text byte for byte, the same problems, counts and errors. The sealing's random prefix is made
 * constant (node:crypto's randomFillSync, here only), so sealed ID numbers compare too: the
 * same groups of rows, the same counters, the same ciphertexts.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  const randomFillSync = <T extends NodeJS.ArrayBufferView>(b: T): T => {
    new Uint8Array(b.buffer, b.byteOffset, b.byteLength).fill(0xa5);
    return b;
  };
  return { ...actual, default: { ...actual, randomFillSync }, randomFillSync };
});

import { AppError } from '../../../platform/errors.js';
import { testVault } from '../../../platform/crypto/keyring.js';
import { defaultCatalog } from '../../catalog/domain/default-catalog.js';
import type { DatasetDef, FieldDef } from '../../catalog/domain/dataset-definition.js';
import { checkCharacter } from '../../registry/domain/id-number.js';
import { checkCsvBlock, checkerFor, type BlockContext, type BlockResult } from './check-block.js';
import { checkCsvBlockGeneral } from './general-block.js';
import { csvLines, lcg, medicalRecords, sampleBlocks, sampleContext, SAMPLE_HEADER } from './medical-sample.js';

type Outcome = { result: BlockResult } | { error: unknown };

function outcome(run: () => BlockResult): Outcome {
  try {
    return { result: run() };
  } catch (err) {
    return { error: err instanceof AppError ? { code: err.code, message: err.message, details: err.details } : String(err) };
  }
}

/** How many rows the fast path left to the RowChecker, over all `same` calls since the last reset. */
const checked = { rows: 0, byChecker: 0 };

/** Both paths on every block of `text`; returns the fast path's results. */
function same(text: string, ctx: BlockContext, blockChars = 1 << 20): BlockResult[] {
  const checker = checkerFor(ctx);
  const out: BlockResult[] = [];
  for (const b of sampleBlocks(text, blockChars)) {
    const general = outcome(() => checkCsvBlockGeneral(b.text, b.firstRow, ctx, checker));
    const spy = vi.spyOn(checker, 'checkCells');
    const fast = outcome(() => checkCsvBlock(b.text, b.firstRow, ctx, checker));
    checked.byChecker += spy.mock.calls.length;
    spy.mockRestore();
    expect(fast).toEqual(general);
    if ('result' in fast) {
      out.push(fast.result);
      checked.rows += fast.result.rows;
    }
  }
  return out;
}

function fastShare(run: () => void): number {
  checked.rows = checked.byChecker = 0;
  run();
  return 1 - checked.byChecker / checked.rows;
}

const rowsOf = (r: BlockResult[]) => r.flatMap((b) => b.copy.split('\n').filter(Boolean));

describe('the fast path of checkCsvBlock gives what the general path gives', () => {
  const text = csvLines(medicalRecords(6000, { quoted: 0.02, chineseEnum: 0.05, bad: 0.08 })).join('\n') + '\n';

  it('on realistic rows with every kind of problem, quoted fields and Chinese values', () => {
    let results: BlockResult[] = [];
    expect(fastShare(() => (results = same(text, sampleContext(), 64 * 1024)))).toBeGreaterThan(0.85);
    const problems = results.flatMap((r) => r.problems);
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBeGreaterThan(5000);
    expect(new Set(problems.map((p) => p.field))).toEqual(new Set(['id_number', 'settle_date', 'oop_cost', 'total_cost', 'visit_type', 'hospital_code']));
    expect(new Set(problems.map((p) => p.reason)).size).toBeGreaterThan(15);
  });

  it('in one block, rendered in several sealing groups', () => {
    const [r] = same(text, sampleContext(), 1 << 30);
    expect(r.accepted).toBeGreaterThan(5 * 512);
  });

  it('all or nothing (a bad row spoils the block) and check only', () => {
    same(text, sampleContext(SAMPLE_HEADER, { skipInvalid: false }), 32 * 1024);
    same(text, sampleContext(SAMPLE_HEADER, { checkOnly: true }), 32 * 1024);
    const clean = csvLines(medicalRecords(2000)).join('\n') + '\n';
    expect(same(clean, sampleContext(SAMPLE_HEADER, { skipInvalid: false }))[0].accepted).toBe(2000);
  });

  it('with the columns in another order, named in Chinese, some missing, one unnamed', () => {
    const records = medicalRecords(3000, { quoted: 0.02, chineseEnum: 0.05, bad: 0.08 });
    const orders = [
      ['settle_date', 'oop_cost', 'id_number', 'visit_type', 'total_cost', 'insurance_paid', 'admission_date', 'discharge_date', 'diagnosis_code', 'hospital_code'],
      [...SAMPLE_HEADER.slice(1), 'id_number'],
      ['id_number', 'settle_date', 'oop_cost', 'hospital_code'],
      ['id_number', 'settle_date', '', 'visit_type', 'admission_date', 'discharge_date', 'total_cost', 'insurance_paid', 'oop_cost', 'hospital_code', 'diagnosis_code'],
    ];
    for (const order of orders) same(csvLines(records, order).join('\n') + '\n', sampleContext(order), 16 * 1024);
    const zh = ['身份证号', '结算日期', '就诊类型', '入院日期', '出院日期', '医疗总费用', '统筹支付', '个人自付', '医疗机构编码', '诊断编码'];
    same(csvLines(records).join('\n') + '\n', sampleContext(zh), 16 * 1024);
  });

  it('on line ends, blank lines, BOM, extra and missing cells, quotes and lone surrogates', () => {
    const id = '220102198001010011'.slice(0, 17);
    const good = `${id}${checkCharacter(id)},2026-10-01,inpatient,2026-09-28,2026-10-01,100.50,80,20.50,H1,J18.9`;
    const cases = [
      `${good}\r\n${good}\r\n`,
      `${good}\r${good}\r`,
      `${good}\n\n   \n,,,,,,,,,\n${good}`,
      `\uFEFF${good}\n${good}\n`,
      `${good},\n${good},,\n${good},x\n${good}, \n`,
      `${good.split(',').slice(0, 8).join(',')}\n${good.split(',').slice(0, 9).join(',')}\n`,
      `${good}\n${good.replace('J18.9', '"J18.9,\r\nI10"')}\n${good.replace('H1', 'a"b')}\n${good.replace('H1', '"H""1"x')}\n`,
      `${good.replace('H1', 'H\uD800')}\n${good}\n`,
      `${good.replace('H1', '医院😀')}\n${good.replace('H1', '\u00a0H1')}\n${good.replace('H1', 'H1\uFEFF')}\n`,
      `${good}\n${good.replace('J18.9', '"J18.9')}\n`, // an unclosed quote: an error, the same one
      `${good}\n${good.replace('J18.9', 'x'.repeat(61_000))}\n`, // long, but not too long
      `${good}\n${good.replace('J18.9', 'x'.repeat(70_000))}\n`, // too long: an error
      `${good.replace('H1', '')}\n${good.replace(',inpatient,', ',,').replace('2026-09-28', '')}\n${good}`,
      `${good}\n${good}\n${good},`,
      '',
      '\n\n',
    ];
    for (const c of cases) same(c, sampleContext());
    for (const c of cases) same(c, sampleContext(SAMPLE_HEADER, { skipInvalid: false }));
  });

  it('writes sealed ID numbers the vault opens, with their keyed hash', () => {
    const [r] = same(csvLines(medicalRecords(1200)).join('\n') + '\n', sampleContext());
    const vault = testVault();
    const ids = csvLines(medicalRecords(1200)).map((l) => l.split(',')[0]);
    rowsOf([r]).forEach((line, i) => {
      const [, , hash, sealed, masked] = line.split(',');
      expect(vault.openBlockSealed(sealed, hash)).toBe(ids[i]);
      expect(masked).toBe(`${ids[i].slice(0, 6)}********${ids[i].slice(14)}`);
    });
  });
});

/** Cells a department might send for a field of each type, as they stand in the file. */
function cellsFor(f: FieldDef, rand: () => number): string[] {
  const two = (n: number) => String(n).padStart(2, '0');
  const id17 = `220102${1950 + Math.floor(rand() * 50)}${two(1 + Math.floor(rand() * 12))}${two(1 + Math.floor(rand() * 28))}${String(1 + Math.floor(rand() * 998)).padStart(3, '0')}`;
  const id = id17 + checkCharacter(id17);
  switch (f.type) {
    case 'id_number':
      return [id, id, id, id, id.slice(0, 17) + (id[17] === '1' ? '2' : '1'), `${id.slice(0, 17)}x`, ` ${id}`, id.slice(0, 6) + id.slice(8, 17), '1.2E+11', '990102198001010011', ''];
    case 'date':
      return ['2026-10-05', '2024-02-29', '2026-11-01', '2024-02-30', '2026/10/5', '20261005', '46298', '2026-12-01', '1899-12-31', '1900-01-01', '2026-1-5', '', ' 2026-10-05', '2026-10-05 00:00'];
    case 'month':
      return ['2026-09', '2026/9', '202609', '2026年9月', '46266', '2026-09-01', '2026-09-15', '2026-11-15', '2026-13', '2026-12', '', 'x'];
    case 'amount':
    case 'number':
      return ['12.50', '0', '0.5', '100', '00', '012', '"1,234.50"', '¥80', '-5', '1.2E+11', '12.345', '80元', '2000000000000', '999999999999.99', '', '.5', '5.'];
    case 'integer':
      return ['3', '1', '4', '0', '3.0', '1.5', '2147483648', '999999999', '1000000000', '-1', '5', '', '03'];
    case 'enum':
      return [...(f.values ?? []).flatMap((v) => [v.code, v.zh, v.code.toUpperCase()]), 'bogus', ''];
    case 'boolean':
      return ['true', 'false', '是', '否', '1', '0', 'YES', 'maybe', ''];
    default:
      return ['abc', 'H22 01', ' lead', '\u00a0x', 'x\u00a0', '中文名称', 'a"b', '"q,uoted"', '"multi\nline"', 'tab\tin', 'ctl\u0001', 'x'.repeat(501), '😀', '', 'J18.9'];
  }
}

/** Headers for a dataset: shuffled, sometimes in Chinese, sometimes without an optional field. */
function headersFor(def: DatasetDef, rand: () => number, kind: number): string[] {
  let fields = def.fields.filter((f) => f.required || kind % 3 !== 2 || rand() < 0.6);
  if (kind % 2 === 1) fields = [...fields].sort(() => rand() - 0.5);
  return fields.map((f) => (kind % 5 === 4 ? f.zh : f.code));
}

describe('the fast path on every dataset of the default catalog', () => {
  for (const def of defaultCatalog().datasets) {
    it(def.code, () => {
      const rand = lcg(def.code.length * 7919);
      for (let kind = 0; kind < 6; kind++) {
        const headers = headersFor(def, rand, kind);
        const byHeader = new Map(headers.map((h) => [h, def.fields.find((f) => f.code === h || f.zh === h)!]));
        const lines: string[] = [];
        for (let i = 0; i < 400; i++) {
          const cells = headers.map((h) => {
            const pool = cellsFor(byHeader.get(h)!, rand);
            return rand() < 0.7 ? pool[0] : pool[Math.floor(rand() * pool.length)];
          });
          const end = rand() < 0.1 ? '\r\n' : '\n';
          lines.push(cells.join(',') + (rand() < 0.02 ? ',' : '') + end);
        }
        const text = lines.join('');
        const ctx = sampleContext(headers, { def });
        expect(fastShare(() => same(text, ctx, 4096))).toBeGreaterThan(0.1);
        same(text, { ...ctx, skipInvalid: false }, 8192);
      }
    });
  }
});
