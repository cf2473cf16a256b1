import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { buildRegistryTemplate, exampleIdNumber, DATA_SHEET, NOTES_SHEET } from './registry-template.js';
import { openRegistryFile, type RawRecord } from './file-source.js';
import { mapHeaders, parseRegistryRow, REGISTRY_COLUMNS, type RawRow } from '../domain/registry-row.js';
import { checkIdNumber } from '../domain/id-number.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-template-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('registry template', () => {
  it('has a fictitious but valid example ID number with a Jilin address code', () => {
    const id = exampleIdNumber();
    expect(id.startsWith('22')).toBe(true);
    expect(checkIdNumber(id, '2026-11-01')).toMatchObject({ valid: true, birth_date: '1965-03-15', sex: 'male' });
  });

  it('reads back through the importer: every header maps; the example row is valid except its EXAMPLE code', async () => {
    const file = path.join(dir, 'template.xlsx');
    fs.writeFileSync(file, await buildRegistryTemplate());
    const src = await openRegistryFile(file);
    const mapping = mapHeaders(src.headers);
    expect(mapping.errors).toEqual([]);
    expect(mapping.columns).toEqual(REGISTRY_COLUMNS.map((c) => c.name));
    const rows: RawRecord[] = [];
    for await (const r of src.records) rows.push(r);
    expect(rows).toHaveLength(1);
    const raw: RawRow = {};
    src.headers.forEach((h, i) => (raw[mapping.columns[i]!] = rows[0][h]));
    expect(raw.category_since).toBe('2024-01-01');
    const parsed = parseRegistryRow(raw, 2, '2026-11-01');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => [e.column, e.reason])).toEqual([['household_code', expect.stringContaining('示例行')]]);
    const fixed = parseRegistryRow({ ...raw, household_code: 'H-1' }, 2, '2026-11-01');
    expect(fixed).toMatchObject({ ok: true, row: { relation: 'head', hukou_type: 'urban', disability_grade: 3, categories: ['dibao'] } });
  });

  it('has drop-down lists for the coded columns and a 说明 sheet listing every column', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildRegistryTemplate()) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([DATA_SHEET, NOTES_SHEET]);
    const data = wb.getWorksheet(DATA_SHEET)! as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } };
    expect(data.dataValidations.model.C2).toMatchObject({ type: 'list', formulae: ['"城镇,农村"'] });
    expect(data.dataValidations.model.H3.formulae[0]).toContain('户主');
    const notes = wb.getWorksheet(NOTES_SHEET)!;
    const listed = notes.getColumn(1).values.slice(2, 2 + REGISTRY_COLUMNS.length).map(String);
    expect(listed.map((h) => h.replace(/^\*/, '').split(' ')[1])).toEqual(REGISTRY_COLUMNS.map((c) => c.name));
    expect(notes.getRow(2).getCell(2).value).toBe('是 / yes');
  });
});
