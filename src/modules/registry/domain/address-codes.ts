/**
 * Address codes (GB/T 2260) as used in citizen ID numbers.
 *
 * Province-level codes are a fixed list. For Jilin (22) the full 6-digit code must be one that
 * was ever in force: an ID number keeps the code in force at first registration, so retired
 * codes such as 220181 九台市 remain valid. Other provinces' lists are not shipped; only their
 * province code is checked.
 *
 * The shipped CSVs are read once, lazily and synchronously.
 */
import { readFileSync } from 'node:fs';

const DIVISIONS_DIR = new URL('../../../../data/divisions/', import.meta.url);

/** Province-level codes of GB/T 2260 (incl. 71 Taiwan, 81 Hong Kong, 82 Macao). */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

export const JILIN_PROVINCE_CODE = '22';

/** One row of jilin_gbt2260_history.csv (a code may have several rows, one per name/period). */
export interface CodeHistoryRecord {
  code: string;
  prefecture: string;
  name: string;
  level: string;
  status: string; // 在用 | 变更 | 弃用
  start_year: number;
  end_year: number | null;
  new_code: string;
}

let historyCache: CodeHistoryRecord[] | undefined;
let jilinCodesCache: Set<string> | undefined;

/** Read a shipped CSV from data/divisions: the header and the data lines (no quoted fields expected). */
export function readDivisionsCsv(file: string): { header: string[]; lines: string[] } {
  const text = readFileSync(new URL(file, DIVISIONS_DIR), 'utf8').replace(/^\uFEFF/, '');
  const all = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return { header: all[0].split(','), lines: all.slice(1) };
}

/** The first column of a CSV line (codes never contain commas or quotes). */
function firstColumn(line: string): string {
  const comma = line.indexOf(',');
  return (comma < 0 ? line : line.slice(0, comma)).trim();
}

/** All Jilin GB/T 2260 records 1981–2024, including retired and renamed codes. */
export function jilinCodeHistory(): readonly CodeHistoryRecord[] {
  if (!historyCache) {
    historyCache = readDivisionsCsv('jilin_gbt2260_history.csv').lines.map(parseHistoryLine);
  }
  return historyCache;
}

function parseHistoryLine(line: string): CodeHistoryRecord {
  const [code, , prefecture, name, level, status, start, end, newCode] = line.split(',');
  return {
    code,
    prefecture,
    name,
    level,
    status,
    start_year: Number(start),
    end_year: end ? Number(end) : null,
    new_code: newCode ?? '',
  };
}

/** Every 6-digit Jilin address code known to the shipped data (current, retired, NBS-only). */
export function jilinAddressCodes(): ReadonlySet<string> {
  if (!jilinCodesCache) {
    const codes = new Set<string>();
    for (const record of jilinCodeHistory()) codes.add(record.code);
    for (const line of readDivisionsCsv('jilin_counties.csv').lines) codes.add(firstColumn(line));
    for (const line of readDivisionsCsv('jilin_province_prefectures.csv').lines) {
      codes.add(firstColumn(line).padEnd(6, '0'));
    }
    jilinCodesCache = new Set([...codes].filter((code) => /^22\d{4}$/.test(code)));
  }
  return jilinCodesCache;
}

export function isProvinceCode(code2: string): boolean {
  return PROVINCE_CODES.has(code2);
}

export type AddressCodeProblem = 'unknown_province' | 'unknown_jilin_code';

/** Why a 6-digit address code is not acceptable in an ID number, or undefined when it is. */
export function addressCodeProblem(code6: string): AddressCodeProblem | undefined {
  const province = code6.slice(0, 2);
  if (!isProvinceCode(province)) return 'unknown_province';
  if (province === JILIN_PROVINCE_CODE && !jilinAddressCodes().has(code6)) return 'unknown_jilin_code';
  return undefined;
}
