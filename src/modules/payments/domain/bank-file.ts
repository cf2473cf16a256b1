/**
 * The bank file (代发文件) for a roll: one record per payable line with a positive amount
 * (regular payments and back pay; held, stopped and recovery lines are never sent). Each record
 * carries a reference (`lineReference`) that the bank echoes in its return file.
 *
 * All or nothing: a line without an account, with an account that fails its check, or with a
 * value too wide for its field makes the whole file fail with every problem listed; a partial
 * file is never produced. Values are never truncated (a cut account number pays a stranger).
 */
import type { Bilingual } from '../../../platform/errors.js';
import { maskIdNumber } from '../../registry/domain/id-number.js';
import { checkAccountNumber, maskAccountNumber } from './account.js';
import { fit, formatAmount, type BankLayout, type PaymentField } from './bank-layout.js';
import { programOf } from './entitlement.js';
import type { RollLine } from './roll-line.js';

export interface BankFileProblem extends Bilingual {
  /** Position of the line in the file (1-based serial). */
  serial: number;
  entitlement_id: string;
  field: string;
}

export type BankFile =
  | { ok: true; text: string; count: number; total_fen: number }
  | { ok: false; problems: BankFileProblem[] };

/** The line's reference on the file: entitlement, month paid for, R(egular) or A(djustment). */
export function lineReference(l: Pick<RollLine, 'entitlement_id' | 'for_month' | 'kind'>): string {
  return `${l.entitlement_id}-${l.for_month}-${l.kind === 'regular' ? 'R' : 'A'}`;
}

/** The lines a bank file pays. */
export function bankLines(lines: readonly RollLine[]): RollLine[] {
  return lines.filter((l) => l.status === 'payable' && l.amount_fen > 0);
}

function value(field: PaymentField, l: RollLine, serial: number, account: string, layout: BankLayout): string {
  switch (field) {
    case 'serial': return String(serial);
    case 'reference': return lineReference(l);
    case 'account_number': return account;
    case 'payee_name': return l.payee.name;
    case 'id_number': return l.payee.id_number;
    case 'amount': return formatAmount(l.amount_fen, layout.amount);
    case 'program': return programOf(l.program).zh;
    case 'for_month': return l.for_month;
    case 'memo': return l.kind === 'regular' ? `${programOf(l.program).zh}${l.for_month}` : `补发${l.for_month}`;
  }
}

/** CSV quoting: a value with the delimiter, a quote or a line break is quoted, quotes doubled. */
function csvCell(v: string, delimiter: string): string {
  return v.includes(delimiter) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Render the roll's payable lines; `accountOf` gives the decrypted account of a line's entitlement. */
export function renderBankFile(layout: BankLayout, lines: readonly RollLine[], accountOf: (l: RollLine) => string | null): BankFile {
  const problems: BankFileProblem[] = [];
  const records: string[] = [];
  const spec = layout.payment;
  const delimiter = spec.delimiter ?? ',';
  let total = 0;
  bankLines(lines).forEach((l, i) => {
    const serial = i + 1;
    const checked = checkAccountNumber(accountOf(l), 'account_number', { luhn: layout.luhn });
    if (!checked.valid) {
      const who = `${l.household_code} ${programOf(l.program).zh}`;
      problems.push({ serial, entitlement_id: l.entitlement_id, field: 'account_number', zh: `第 ${serial} 条（${who}）：${checked.error.zh}`, en: `record ${serial} (${l.household_code} ${programOf(l.program).en}): ${checked.error.en}` });
      return;
    }
    const cells = spec.fields.map((f) => {
      const v = value(f.field, l, serial, checked.account_number, layout);
      if (spec.format === 'csv') return csvCell(v, delimiter);
      const fitted = fit(v, f);
      if (fitted === null) {
        const shown = f.field === 'account_number' ? maskAccountNumber(v) : f.field === 'id_number' ? maskIdNumber(v) : v;
        problems.push({ serial, entitlement_id: l.entitlement_id, field: f.field, zh: `第 ${serial} 条：${f.title}「${shown}」超过 ${f.width} 字节`, en: `record ${serial}: ${f.field} "${shown}" is wider than ${f.width} bytes` });
        return '';
      }
      return fitted;
    });
    records.push(cells.join(spec.format === 'csv' ? delimiter : ''));
    total += l.amount_fen;
  });
  if (problems.length) return { ok: false, problems };
  const head = spec.format === 'csv' && spec.header ? [spec.fields.map((f) => csvCell(f.title, delimiter)).join(delimiter)] : [];
  const text = [...head, ...records].map((r) => r + layout.line_ending).join('');
  return { ok: true, text, count: records.length, total_fen: total };
}
