/**
 * The bank's return file (回盘文件): per record the reference, account, amount, status (paid, or
 * returned with a reason such as a closed account). `parseBankReturn` reads it by the layout;
 * `matchReturn` pairs each row with a line of the file that was sent: by the reference when the
 * row has one, and then the account and amount must agree; otherwise by account and amount.
 * Every row that matches nothing (or a line already matched) is reported with its row number,
 * the value and the reason; the service applies a return file only when every row matched.
 */
import { parse } from 'csv-parse/sync';
import type { Bilingual } from '../../../platform/errors.js';
import { maskAccountNumber } from './account.js';
import { lineReference } from './bank-file.js';
import { cutFixed, formatAmount, parseAmount, type BankLayout, type ReturnField } from './bank-layout.js';
import type { RollLine } from './roll-line.js';

export interface ReturnRow {
  /** Line number in the file (1-based, the title row counted). */
  row: number;
  reference: string | null;
  account_number: string;
  amount_fen: number;
  status: 'paid' | 'returned';
  reason: string;
}

export interface ReturnProblem extends Bilingual {
  row: number;
  value: string;
}

const PAID = ['paid', 'success', 's', '0', '成功', '已入账'];
const RETURNED = ['returned', 'failed', 'fail', 'f', '1', '失败', '退回', '退票'];

/** Read the rows; a row with a bad amount or status is a problem naming the row and the value. */
export function parseBankReturn(layout: BankLayout, text: string): { rows: ReturnRow[]; problems: ReturnProblem[] } {
  const spec = layout.return;
  const raw: string[][] = spec.format === 'csv'
    ? parse(text.replace(/^\uFEFF/, ''), { delimiter: spec.delimiter ?? ',', relax_column_count: true, skip_empty_lines: false }) as string[][]
    : text.split(/\r?\n/).map((line) => (line.trim() === '' ? [] : cutFixed(line, spec.fields)));
  const rows: ReturnRow[] = [];
  const problems: ReturnProblem[] = [];
  raw.forEach((cells, i) => {
    const row = i + 1;
    if ((spec.header && i === 0) || cells.every((c) => c.trim() === '')) return;
    const get = (f: ReturnField) => (cells[spec.fields.findIndex((s) => s.field === f)] ?? '').trim();
    const amountText = get('amount');
    const amount = parseAmount(amountText, layout.amount);
    const statusText = get('status');
    const status = PAID.includes(statusText.toLowerCase()) ? 'paid' : RETURNED.includes(statusText.toLowerCase()) ? 'returned' : null;
    if (amount === null) problems.push({ row, value: amountText, zh: `第 ${row} 行：金额「${amountText}」无效`, en: `row ${row}: amount "${amountText}" is not valid` });
    if (status === null) problems.push({ row, value: statusText, zh: `第 ${row} 行：状态「${statusText}」无法识别（应为成功/退回）`, en: `row ${row}: status "${statusText}" is not known (expected paid or returned)` });
    if (amount === null || status === null) return;
    rows.push({ row, reference: get('reference') || null, account_number: get('account_number').replace(/\s+/g, ''), amount_fen: amount, status, reason: get('reason') });
  });
  return { rows, problems };
}

export interface ReturnMatch {
  row: ReturnRow;
  line: RollLine;
}

/** Pair the rows with the lines sent (`accountOf` as for the bank file). */
export function matchReturn(rows: readonly ReturnRow[], sent: readonly RollLine[], accountOf: (l: RollLine) => string | null, unit: BankLayout['amount'] = 'yuan'): { matched: ReturnMatch[]; unmatched: ReturnProblem[] } {
  const used = new Map<RollLine, number>();
  const matched: ReturnMatch[] = [];
  const unmatched: ReturnProblem[] = [];
  for (const r of rows) {
    const shown = `${maskAccountNumber(r.account_number)} ${formatAmount(r.amount_fen, unit)}`;
    const fail = (zh: string, en: string) => unmatched.push({ row: r.row, value: r.reference ? `${r.reference} ${shown}` : shown, zh: `第 ${r.row} 行（${r.reference ?? shown}）：${zh}`, en: `row ${r.row} (${r.reference ?? shown}): ${en}` });
    const agrees = (l: RollLine) => (accountOf(l) ?? '').replace(/\s+/g, '') === r.account_number && l.amount_fen === r.amount_fen;
    let line: RollLine | undefined;
    if (r.reference) {
      line = sent.find((l) => lineReference(l) === r.reference);
      if (!line) { fail('业务参考号不属于本次发放文件', 'the reference is not on the file that was sent'); continue; }
      if (!agrees(line)) { fail('账号或金额与发放记录不一致', 'the account or amount differs from the line sent'); continue; }
    } else {
      line = sent.find((l) => !used.has(l) && agrees(l)) ?? sent.find((l) => agrees(l));
      if (!line) { fail('账号和金额在本次发放文件中没有对应的记录', 'no line of the file sent has this account and amount'); continue; }
    }
    const earlier = used.get(line);
    if (earlier !== undefined) { fail(`该记录已由第 ${earlier} 行回盘`, `that line was already returned by row ${earlier}`); continue; }
    used.set(line, r.row);
    matched.push({ row: r, line });
  }
  return { matched, unmatched };
}
