import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { openRegistryFile, type FileSource, type RawRecord } from './file-source.js';
import { CsvRecordParser } from './csv-records.js';
import { mapHeaders } from '../domain/registry-row.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-file-source-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, `${n++}-${name}`);
  fs.writeFileSync(p, content);
  return p;
}

async function all(src: FileSource): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of src.records) out.push(r);
  return out;
}

const CSV = '户编号,姓名,住址\r\nH1,王建国,"长春市南关区, 华阳社区"\r\nH1,李秀兰,"说""你好""\n第二行"\r\n\r\nH2,张三,\r\n';

describe('CSV files', () => {
  it('reads UTF-8 with a BOM: quotes, commas, line breaks in cells, blank rows kept for numbering', async () => {
    const src = await openRegistryFile(file('bom.csv', '\uFEFF' + CSV));
    expect(src).toMatchObject({ format: 'csv', headers: ['户编号', '姓名', '住址'], firstRow: 2 });
    expect(await all(src)).toEqual([
      { 户编号: 'H1', 姓名: '王建国', 住址: '长春市南关区, 华阳社区' },
      { 户编号: 'H1', 姓名: '李秀兰', 住址: '说"你好"\n第二行' },
      { 户编号: '' },
      { 户编号: 'H2', 姓名: '张三', 住址: '' },
    ]);
    expect(src.encoding).toBe('utf-8');
  });

  it('reads UTF-8 without a BOM and GBK, telling them apart', async () => {
    const utf8 = await openRegistryFile(file('plain.csv', CSV));
    expect((await all(utf8))[0].姓名).toBe('王建国');
    expect(utf8.encoding).toBe('utf-8');
    const gbk = await openRegistryFile(file('gbk.csv', iconv.encode(CSV, 'gbk')));
    const rows = await all(gbk);
    expect(gbk.headers).toEqual(['户编号', '姓名', '住址']);
    expect(rows[1].住址).toBe('说"你好"\n第二行');
    expect(gbk.encoding).toBe('gbk');
  });

  it('detects GBK that starts after a long ASCII stretch', async () => {
    const ascii = 'household_code,name,address\n' + 'H0,A,B\n'.repeat(20_000);
    const src = await openRegistryFile(file('late.csv', Buffer.concat([Buffer.from(ascii), iconv.encode('H9,赵六,吉林\n', 'gbk')])));
    const rows = await all(src);
    expect(rows[rows.length - 1]).toEqual({ household_code: 'H9', name: '赵六', address: '吉林' });
    expect(src.encoding).toBe('gbk');
  });

  it('refuses bytes that are neither UTF-8 nor GBK, and binary files', async () => {
    const garbage = Buffer.from([...Buffer.from('a,b\n'), 0xff, 0xfe, 0xff, 0x80, 0xff, 0x0a]);
    await expect(openRegistryFile(file('garbage.csv', garbage)).then(all)).rejects.toThrow(/既不是 UTF-8 也不是 GBK.*neither UTF-8 nor GBK/);
    await expect(openRegistryFile(file('binary.csv', Buffer.from([0x61, 0, 0x62, 0])))).rejects.toThrow(/not a text file/);
  });

  it('refuses a file whose UTF-8 turns invalid later on', async () => {
    const content = Buffer.concat([Buffer.from('a,b\n' + '中,文\n'.repeat(20_000)), Buffer.from([0xe4, 0x41, 0x0a])]);
    await expect(openRegistryFile(file('mixed.csv', content)).then(all)).rejects.toThrow(/invalid bytes/);
  });

  it('refuses empty files', async () => {
    await expect(openRegistryFile(file('empty.csv', ''))).rejects.toThrow(/文件为空.*empty/);
    await expect(openRegistryFile(file('bom-only.csv', '\uFEFF\r\n\r\n'))).rejects.toThrow(/empty/);
  });

  it('names the row and column of a cell over the size limit', async () => {
    const src = await openRegistryFile(file('long.csv', `户编号,住址\nH1,short\nH2,${'长'.repeat(2500)}\n`));
    await expect(all(src)).rejects.toThrow(/第 3 行「住址」列.*row 3, column "住址"/);
  });

  it('stops a 10 MB cell early, without reading it into memory', async () => {
    const p = path.join(dir, 'huge.csv');
    const fd = fs.openSync(p, 'w');
    fs.writeSync(fd, '户编号,住址\nH1,"');
    const block = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 10; i++) fs.writeSync(fd, block);
    fs.writeSync(fd, '"\n');
    fs.closeSync(fd);
    await expect(openRegistryFile(p).then(all)).rejects.toThrow(/row 2 \(from column 2\) is far too long/);
  });

  it('refuses an unclosed quote at the end of the file', async () => {
    const src = await openRegistryFile(file('unclosed.csv', 'a,b\n1,"oops\n'));
    await expect(all(src)).rejects.toThrow(/quote is never closed/);
  });

  it('hands unknown headers to the header check', async () => {
    const src = await openRegistryFile(file('unknown.csv', '户编号,性别\nH1,男\n'));
    expect(mapHeaders(src.headers).errors.map((e) => e.reason)).toEqual(
      expect.arrayContaining([expect.stringContaining('unknown column "性别"')]),
    );
  });

  it('refuses .xls and a .xlsx that is not a workbook', async () => {
    await expect(openRegistryFile(file('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3])))).rejects.toThrow(/\.xls/);
    await expect(openRegistryFile(file('fake.xlsx', 'a,b\n'))).rejects.toThrow(/not an XLSX workbook/);
  });
});

describe('XLSX files', () => {
  async function workbook(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['户编号 household_code', '身份证号', '认定日期', '残疾等级', '姓名']);
    ws.addRow(['H1', '220102197001010112', new Date(Date.UTC(2024, 2, 5)), 2, { richText: [{ text: '王' }, { text: '建国' }] }]);
    ws.addRow(['H1', '220102197001010120', 45356, { formula: '1+1', result: 2 }, '李秀兰']);
    ws.getRow(5).values = ['H2', '220102197001010139', '', '', '张三']; // row 4 left empty
    wb.addWorksheet('说明').addRow(['not read']);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('reads the first worksheet: dates, numbers, rich text, formulas; gaps stay blank rows', async () => {
    const src = await openRegistryFile(file('book.xlsx', await workbook()));
    expect(src).toMatchObject({ format: 'xlsx', encoding: null, firstRow: 2 });
    expect(src.headers).toEqual(['户编号 household_code', '身份证号', '认定日期', '残疾等级', '姓名']);
    const rows = await all(src);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({ '户编号 household_code': 'H1', 身份证号: '220102197001010112', 认定日期: '2024-03-05', 残疾等级: '2', 姓名: '王建国' });
    expect(rows[1]).toMatchObject({ 认定日期: '45356', 残疾等级: '2' });
    expect(rows[2]).toEqual({});
    expect(rows[3]).toMatchObject({ 姓名: '张三' });
  });

  it('also takes a workbook named .csv (decided by its bytes)', async () => {
    const src = await openRegistryFile(file('book.csv', await workbook()));
    expect(src.format).toBe('xlsx');
  });

  it('refuses a truncated workbook with a clear message', async () => {
    const buf = await workbook();
    await expect(openRegistryFile(file('cut.xlsx', buf.subarray(0, Math.floor(buf.length * 0.6))))).rejects.toThrow(/不完整或已损坏.*truncated or corrupt/);
  });

  it('refuses a workbook corrupted inside instead of waiting forever', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['户编号', '姓名']);
    for (let i = 0; i < 5000; i++) ws.addRow([`H${i}`, `姓名${i}`]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    for (let i = 2000; i < 2400; i++) buf[i] = (buf[i] * 7 + 13) & 255;
    await expect(openRegistryFile(file('corrupt.xlsx', buf), { stallMs: 300 }).then(all)).rejects.toThrow(/corrupt|cannot read/);
  });
});

describe('CsvRecordParser', () => {
  const text = 'a,b,c\r\n1,"x,y",3\n"multi\r\nline","q""uote",\r"last",,end';
  const expected = [['a', 'b', 'c'], ['1', 'x,y', '3'], ['multi\r\nline', 'q"uote', ''], ['last', '', 'end']];

  it('parses whole text and the same text cut at every possible place', () => {
    for (let cut = 0; cut <= text.length; cut++) {
      const p = new CsvRecordParser(1000);
      const out: string[][] = [];
      p.push(text.slice(0, cut), out);
      p.push(text.slice(cut), out);
      p.end(out);
      expect(out).toEqual(expected);
    }
  });

  it('parses text fed one character at a time', () => {
    const p = new CsvRecordParser(1000);
    const out: string[][] = [];
    for (const ch of text) p.push(ch, out);
    p.end(out);
    expect(out).toEqual(expected);
  });

  it('keeps a trailing empty field and an unfinished last line', () => {
    const p = new CsvRecordParser(1000);
    const out: string[][] = [];
    p.push('a,\nb,', out);
    p.end(out);
    expect(out).toEqual([['a', ''], ['b', '']]);
  });
});
