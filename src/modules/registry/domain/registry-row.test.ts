import { describe, expect, it } from 'vitest';
import { checkCharacter } from './id-number.js';
import { excelSerialDate, mapHeaders, parseDate, parseRegistryRow, reportValue, resolveHeader, type RawRow } from './registry-row.js';

const TODAY = '2026-11-01';

function id(birth = '19700101', seq = '011', address = '220102'): string {
  const body = address + birth + seq;
  return body + checkCharacter(body);
}

const good: RawRow = {
  household_code: 'H-001', region_code: '220102001001', hukou_type: '城镇', address: '华阳社区1号', id_number: id(),
  name: '王建国', relation: '户主', phone: '139 1234 5678', disability_type: '肢体', disability_grade: '二级',
  work_ability: '部分', health: '慢性病', categories: '低保；特困', category_since: '2024/3/5',
};

describe('header mapping', () => {
  it('accepts canonical names, Chinese names, aliases and the template form, ignoring case, spaces and BOM', () => {
    expect(resolveHeader('household_code')).toBe('household_code');
    expect(resolveHeader(' Household_Code ')).toBe('household_code');
    expect(resolveHeader('\uFEFF户编号')).toBe('household_code');
    expect(resolveHeader('户编号 household_code')).toBe('household_code');
    expect(resolveHeader('*身份证号 id_number')).toBe('id_number');
    expect(resolveHeader('身份证号码')).toBe('id_number');
    expect(resolveHeader('与 户主 关系')).toBe('relation');
    expect(resolveHeader('认定日期(category_since)')).toBe('category_since');
  });

  it('refuses a combined header whose halves name different columns', () => {
    expect(resolveHeader('姓名 id_number')).toBeUndefined();
  });

  it('reports unknown, duplicate and missing columns on row 1', () => {
    const m = mapHeaders(['户编号', 'household_code', '性别', '', 'name', '身份证号', '与户主关系', '户籍性质']);
    expect(m.columns).toEqual(['household_code', undefined, undefined, undefined, 'name', 'id_number', 'relation', 'hukou_type']);
    const reasons = m.errors.map((e) => e.reason);
    expect(m.errors.every((e) => e.row === 1)).toBe(true);
    expect(reasons).toEqual([
      expect.stringContaining('列重复'),
      expect.stringContaining('unknown column "性别"'),
      expect.stringContaining('missing required column region_code'),
    ]);
  });

  it('accepts a complete header', () => {
    expect(mapHeaders(['户编号', '行政区划代码', '户籍性质', '身份证号', '姓名', '与户主关系']).errors).toEqual([]);
  });
});

describe('parseRegistryRow', () => {
  it('parses and normalizes a good row, deriving sex and birth date from the ID number', () => {
    const r = parseRegistryRow(good, 5, TODAY);
    expect(r).toEqual({
      ok: true,
      row: {
        row: 5, household_code: 'H-001', region_code: '220102001001', hukou_type: 'urban', address: '华阳社区1号', hukou_booklet_no: null,
        id_number: id(), name: '王建国', relation: 'head', sex: 'male', birth_date: '1970-01-01', phone: '13912345678',
        disability_type: 'physical', disability_grade: 2, work_ability: 'partial', health: 'chronic', school_stage: null,
        employment: null, categories: ['dibao', 'tekun'], category_since: '2024-03-05',
      },
    });
  });

  it('upgrades a 15-digit ID number and accepts the padded 12-digit region form', () => {
    const r = parseRegistryRow({ ...good, id_number: '220102700101012', region_code: '220102001001' }, 2, TODAY);
    expect(r.ok && r.row.id_number).toBe(id('19700101', '012'));
    expect(r.ok && r.row.sex).toBe('female');
  });

  it('reports every bad cell with its column, a bilingual reason and a masked ID number', () => {
    const r = parseRegistryRow(
      { ...good, region_code: '220102', hukou_type: '城里', id_number: id().slice(0, 17) + '0', relation: '表亲', phone: '12', categories: '低保、救济', category_since: '2030-01-01' },
      7,
      TODAY,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.column)).toEqual(['region_code', 'hukou_type', 'id_number', 'relation', 'phone', 'categories', 'category_since']);
    for (const e of r.errors) {
      expect(e.row).toBe(7);
      expect(e.reason).toMatch(/^[^/]+ \/ [^/]+/);
    }
    const idError = r.errors.find((e) => e.column === 'id_number')!;
    expect(idError.value).toMatch(/^220102\*{8}\d{3}0$/);
    expect(idError.reason).toMatch(/校验码.*check character/);
    expect(r.errors[0].reason).toMatch(/县级.*county/);
  });

  it('keeps the values that did parse for the set-based checks', () => {
    const r = parseRegistryRow({ ...good, phone: 'x' }, 3, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.partial).toMatchObject({ household_code: 'H-001', relation: 'head', id_number: id(), phone: undefined });
  });

  it('requires the required columns', () => {
    const r = parseRegistryRow({ household_code: '', region_code: '', hukou_type: '', id_number: '', name: ' ', relation: '' }, 2, TODAY);
    expect(r.ok || r.errors.map((e) => e.column)).toEqual(['household_code', 'region_code', 'hukou_type', 'id_number', 'name', 'relation']);
  });

  it('treats disability type and grade together and accepts "无"', () => {
    expect(parseRegistryRow({ ...good, disability_type: '无', disability_grade: '' }, 2, TODAY)).toMatchObject({ ok: true, row: { disability_type: null, disability_grade: null } });
    const r = parseRegistryRow({ ...good, disability_type: '视力残疾', disability_grade: '' }, 2, TODAY);
    expect(r.ok || r.errors[0].column).toBe('disability_grade');
    expect(parseRegistryRow({ ...good, disability_grade: '5' }, 2, TODAY).ok).toBe(false);
  });

  it('refuses the template example row, names with digits, control characters and category dates without categories', () => {
    const bad = (over: RawRow) => {
      const r = parseRegistryRow({ ...good, ...over }, 2, TODAY);
      return r.ok ? [] : r.errors.map((e) => e.column);
    };
    expect(bad({ household_code: 'EXAMPLE-0001' })).toEqual(['household_code']);
    expect(bad({ name: '王2' })).toEqual(['name']);
    expect(bad({ address: '一行\n两行' })).toEqual(['address']);
    expect(bad({ categories: '' })).toEqual(['category_since']);
    expect(bad({ category_since: '1969-12-31' })).toEqual(['category_since']);
  });

  it('cuts long values to about 50 characters in reports', () => {
    expect(reportValue('address', 'x'.repeat(300))).toBe(`${'x'.repeat(50)}…`);
    expect(reportValue('id_number', id())).toBe(`220102********${id().slice(-4)}`);
  });
});

describe('dates', () => {
  it('accepts ISO, slashes, compact and Excel serial dates', () => {
    expect(parseDate('2024-03-05')).toBe('2024-03-05');
    expect(parseDate('2024/3/5')).toBe('2024-03-05');
    expect(parseDate('20240305')).toBe('2024-03-05');
    expect(parseDate('2024年3月5日')).toBe('2024-03-05');
    expect(parseDate('45356')).toBe('2024-03-05');
    expect(excelSerialDate(25569)).toBe('1970-01-01');
  });

  it('refuses impossible dates and bare years', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2024-02-30', '2023-02-29', '1900-02-29', '2024-13-01', '2024', '05/03/2024', 'yesterday']) expect(parseDate(bad)).toBeUndefined();
  });
});
