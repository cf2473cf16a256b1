import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ErrorReportWriter, errorReportText, reportCell } from './error-report.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-error-report-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('error report', () => {
  it('writes a BOM, a bilingual header and one line per error with the column labelled', async () => {
    const file = path.join(dir, 'r.errors.csv');
    const w = new ErrorReportWriter(file);
    expect(w.written).toBe(false);
    await w.write({ row: 3, column: 'id_number', value: '220102********0112', reason: '校验码错误 / wrong check character' });
    await w.write({ row: 4, column: 'address', value: 'a, "b"', reason: 'x / y' });
    await w.close();
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFF行号 row,列 column,值 value,原因 reason\r\n')).toBe(true);
    expect(text).toContain('3,身份证号 id_number,220102********0112,校验码错误 / wrong check character\r\n');
    expect(text).toContain('4,住址 address,"a, ""b""",x / y\r\n');
    expect(w.count).toBe(2);
  });

  it('creates no file when there is no error', async () => {
    const file = path.join(dir, 'none.errors.csv');
    await new ErrorReportWriter(file).close();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(reportCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(reportCell('+1')).toBe("'+1");
    expect(reportCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(errorReportText([{ row: 2, column: '', value: '-1', reason: 'r' }])).toContain("2,,'-1,r");
  });
});
