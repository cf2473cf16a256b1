/**
 * The registry import template (XLSX): a data sheet whose headers are "中文 canonical" (both
 * halves are accepted on import; '*' marks required columns), drop-down lists for the closed
 * vocabularies, one example row, and a 说明 sheet describing every column.
 *
 * The example row is fictitious: its ID number is built here from a Jilin address code with a
 * correct check character, and its household code starts with EXAMPLE, which the importer
 * refuses, so a template imported unchanged writes nothing.
 */
import ExcelJS from 'exceljs';
import { checkCharacter } from '../domain/id-number.js';
import { REGISTRY_COLUMNS, EXAMPLE_HOUSEHOLD_PREFIX, type ColumnSpec, type ColumnName } from '../domain/registry-row.js';
import { describeTerms } from '../domain/vocabulary.js';

export const DATA_SHEET = '名册';
export const NOTES_SHEET = '说明';
/** Drop-down lists cover this many rows (a whole-column range would make non-streaming readers expand 1M cells). */
const LAST_ROW = 50_001;

/** Notes per column for the 说明 sheet and the format documentation. */
export const COLUMN_NOTES: Record<ColumnName, string> = {
  household_code: '户的唯一编号：字母、数字及 - _ . /，最长 64 位；同一户的各行填同一编号 / the household\'s code (letters, digits, - _ . /; at most 64); the same on every row of the household',
  region_code: '户籍所在村（社区）的12位统计用区划代码，如 220102001001 / the 12-digit village/community code, e.g. 220102001001',
  hukou_type: '城镇 或 农村 / urban or rural',
  address: '最长 200 字；同一户的各行须一致，可只在一行填写 / at most 200 characters; the same on every row of a household (may be given on one row only)',
  hukou_booklet_no: '最长 30 字；同一户各行一致 / at most 30 characters; the same on every row of a household',
  id_number: '18位公民身份号码（15位旧号码自动升为18位）；请将此列设为“文本”格式 / 18-character citizen ID (a 15-digit number is upgraded); keep the column formatted as text',
  name: '最长 50 字，不含数字 / at most 50 characters, no digits',
  relation: '每户有且只有一名户主 / exactly one head per household',
  phone: '11位手机号，或带区号的固定电话 / an 11-digit mobile or a landline with area code',
  disability_type: '无残疾则留空；与残疾等级同时填写 / empty when none; goes with disability_grade',
  disability_grade: '1–4 或 一级–四级；与残疾类别同时填写 / 1–4 or 一级–四级; goes with disability_type',
  work_ability: '',
  health: '',
  school_stage: '',
  employment: '',
  categories: '可填多个，用 ; 、 或 ；分隔；文件中未列出的类别不会被终止 / several separated by ; or 、; categories not listed are not ended',
  category_since: 'YYYY-MM-DD（也接受 YYYY/MM/DD、YYYYMMDD、Excel 日期）；不晚于今天；留空则为导入当天 / YYYY-MM-DD (also YYYY/MM/DD, YYYYMMDD, Excel dates); not after today; empty means the import date',
};

/** "*户编号 household_code": the header the template writes for a column. */
export function templateHeader(c: ColumnSpec): string {
  return `${c.required ? '*' : ''}${c.zh} ${c.name}`;
}

/** Accepted values of a column, for the 说明 sheet and the docs. */
export function acceptedValues(c: ColumnSpec): string {
  return c.vocab ? describeTerms(c.vocab) : '';
}

/** A fictitious, valid ID number: 长春市南关区 (220102), born 1965-03-15, sequence 027 (male). */
export function exampleIdNumber(): string {
  const first17 = '22010219650315027';
  return first17 + checkCharacter(first17);
}

const EXAMPLE: Record<ColumnName, string | Date> = {
  household_code: `${EXAMPLE_HOUSEHOLD_PREFIX}-0001`,
  region_code: '220102001001',
  hukou_type: '城镇',
  address: '南岭街道华阳社区示例楼1单元101',
  hukou_booklet_no: '',
  id_number: exampleIdNumber(),
  name: '张示例',
  relation: '户主',
  phone: '',
  disability_type: '肢体残疾',
  disability_grade: '三级',
  work_ability: '部分丧失劳动能力',
  health: '慢性病',
  school_stage: '',
  employment: '',
  categories: '最低生活保障对象',
  category_since: new Date(Date.UTC(2024, 0, 1)),
};

export async function buildRegistryTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Safety Net';
  addDataSheet(wb);
  addNotesSheet(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** ExcelJS keeps range validations (written as one sqref) but its typings leave them out. */
type WithValidations = { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

function addDataSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const validations = (ws as unknown as WithValidations).dataValidations;
  const columns = REGISTRY_COLUMNS as readonly ColumnSpec[];
  ws.columns = columns.map((c) => ({
    header: templateHeader(c),
    key: c.name,
    width: c.name === 'address' ? 32 : c.name === 'id_number' ? 24 : Math.max(14, templateHeader(c).length + 4),
    style: c.name === 'category_since' ? { numFmt: 'yyyy-mm-dd' } : { numFmt: '@' },
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFCE4D6' : 'FFDDEBF7' } };
    cell.note = `${c.required ? '必填 / required' : '选填 / optional'}\n${COLUMN_NOTES[c.name as ColumnName] || acceptedValues(c)}`;
  });
  const example = ws.addRow(EXAMPLE);
  example.font = { italic: true, color: { argb: 'FF808080' } };
  example.getCell(1).note = '示例行（虚构人员），导入前请删除 / example row (a fictitious person): delete it before importing';
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1).letter;
    const range = `${col}2:${col}${LAST_ROW}`;
    if (c.vocab) {
      const multi = c.name === 'categories';
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${c.vocab.map((t) => t.zh).join(',')}"`],
        showErrorMessage: !multi, // several categories are typed by hand
        errorStyle: multi ? 'information' : 'stop',
        errorTitle: c.zh,
        error: `请从列表中选择 / choose from the list: ${c.vocab.map((t) => t.zh).join('、')}`,
      });
    } else if (c.name === 'disability_grade') {
      validations.add(range, { type: 'list', allowBlank: true, formulae: ['"一级,二级,三级,四级"'], showErrorMessage: true, errorStyle: 'stop' });
    }
  });
}

function addNotesSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(NOTES_SHEET);
  ws.columns = [
    { header: '列（表头）/ column (header)', key: 'header', width: 30 },
    { header: '必填 / required', key: 'required', width: 14 },
    { header: '可填的值 / accepted values', key: 'values', width: 60 },
    { header: '说明 / notes', key: 'notes', width: 80 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const c of REGISTRY_COLUMNS as readonly ColumnSpec[]) {
    ws.addRow({
      header: templateHeader(c),
      required: c.required ? '是 / yes' : '否 / no',
      values: acceptedValues(c) || (c.name === 'disability_grade' ? '1, 2, 3, 4（一级, 二级, 三级, 四级）' : ''),
      notes: COLUMN_NOTES[c.name as ColumnName],
    });
  }
  ws.addRow({});
  for (const line of GENERAL_NOTES) ws.addRow({ header: line }).getCell(1).alignment = { wrapText: false };
  ws.eachRow((row) => (row.alignment = { vertical: 'top', wrapText: true }));
}

const GENERAL_NOTES = [
  '每行一人；同一户的成员用相同的户编号。/ One row per person; members of a household share its household_code.',
  `第2行为示例（虚构人员，户编号以 ${EXAMPLE_HOUSEHOLD_PREFIX} 开头），导入前请删除。/ Row 2 is a fictitious example (household code ${EXAMPLE_HOUSEHOLD_PREFIX}…): delete it before importing.`,
  '表头可用中文名、英文名或本模板的“中文 英文”形式；* 表示必填列。/ Headers may be the Chinese name, the English name, or this template\'s combined form; * marks required columns.',
  '可填的值接受代码或中文名称。/ Coded columns accept the code or the Chinese name.',
  '只要有一处错误，整个文件都不会导入（除非使用 --skip-invalid）；错误报告列出每一处错误的行号和原因。/ Any error refuses the whole file (unless --skip-invalid); the error report lists each error\'s row and reason.',
  '同一文件重复导入不会改变任何数据；空白单元格不会清除已有的值。/ Importing the same file again changes nothing; an empty cell never clears a stored value.',
  '人员已在其他户中时不能通过导入迁户，请使用迁户操作。/ A person already in another household cannot be moved by an import: use a move.',
  '也可另存为 CSV（UTF-8 或 GBK 编码）后导入。/ The sheet may also be saved as CSV (UTF-8 or GBK) and imported.',
];
