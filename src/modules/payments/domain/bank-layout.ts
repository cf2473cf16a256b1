/**
 * Bank file layouts as data (代发文件格式): which fields, in which order, how wide, how aligned
 * and padded, and how a bank's return file (回盘文件) is laid out. A county configures one layout
 * per bank it pays through; the two below are the documented defaults (docs/payments.md).
 *
 * Widths of fixed-width fields count bytes in GBK, the encoding banks read: an ASCII character is
 * 1 byte, a Chinese character 2. The text is produced here as a string; encoding it to GBK is
 * done when the file is written.
 */
import type { Bilingual } from '../../../platform/errors.js';

export type PaymentField = 'serial' | 'reference' | 'account_number' | 'payee_name' | 'id_number' | 'amount' | 'program' | 'for_month' | 'memo';
export type ReturnField = 'reference' | 'account_number' | 'amount' | 'status' | 'reason';

export interface FieldSpec<F extends string> {
  field: F;
  /** The column title (CSV header row; also names the field in messages). */
  title: string;
  /** Fixed-width layouts: the width in GBK bytes. */
  width?: number;
  align?: 'left' | 'right';
  /** One character: ' ' or '0'. */
  pad?: string;
}

export interface FileFormat<F extends string> {
  format: 'csv' | 'fixed';
  /** CSV: the first line holds the titles. */
  header: boolean;
  delimiter?: string;
  fields: FieldSpec<F>[];
}

export interface BankLayout {
  bank: string;
  name: Bilingual;
  /** Amounts as yuan with two decimals ("643.00") or whole fen ("64300"). */
  amount: 'yuan' | 'fen';
  line_ending: '\r\n' | '\n';
  /** Check the Luhn digit of 16–19-digit numbers (account.ts); false for a bank whose long accounts are not cards. */
  luhn: boolean;
  payment: FileFormat<PaymentField>;
  return: FileFormat<ReturnField>;
}

/** The generic CSV layout: a title row, comma-separated, amounts in yuan. */
export const CSV_LAYOUT: BankLayout = {
  bank: 'generic_csv', name: { zh: '通用 CSV 格式', en: 'Generic CSV' }, amount: 'yuan', line_ending: '\r\n', luhn: true,
  payment: {
    format: 'csv', header: true, delimiter: ',',
    fields: [
      { field: 'serial', title: '序号' }, { field: 'account_number', title: '账号' }, { field: 'payee_name', title: '户名' },
      { field: 'id_number', title: '身份证号' }, { field: 'amount', title: '金额' }, { field: 'program', title: '项目' },
      { field: 'for_month', title: '所属月份' }, { field: 'reference', title: '业务参考号' },
    ],
  },
  return: {
    format: 'csv', header: true, delimiter: ',',
    fields: [
      { field: 'reference', title: '业务参考号' }, { field: 'account_number', title: '账号' }, { field: 'amount', title: '金额' },
      { field: 'status', title: '状态' }, { field: 'reason', title: '原因' },
    ],
  },
};

/** A fixed-width layout: no separators, amounts in fen right-aligned with zeros, names padded with spaces. */
export const FIXED_LAYOUT: BankLayout = {
  bank: 'generic_fixed', name: { zh: '通用定长格式', en: 'Generic fixed-width' }, amount: 'fen', line_ending: '\r\n', luhn: true,
  payment: {
    format: 'fixed', header: false,
    fields: [
      { field: 'serial', title: '序号', width: 6, align: 'right', pad: '0' },
      { field: 'account_number', title: '账号', width: 19, align: 'left', pad: ' ' },
      { field: 'payee_name', title: '户名', width: 20, align: 'left', pad: ' ' },
      { field: 'amount', title: '金额（分）', width: 12, align: 'right', pad: '0' },
      { field: 'for_month', title: '所属月份', width: 7, align: 'left', pad: ' ' },
      { field: 'reference', title: '业务参考号', width: 32, align: 'left', pad: ' ' },
    ],
  },
  return: {
    format: 'fixed', header: false,
    fields: [
      { field: 'reference', title: '业务参考号', width: 32, align: 'left', pad: ' ' },
      { field: 'account_number', title: '账号', width: 19, align: 'left', pad: ' ' },
      { field: 'amount', title: '金额（分）', width: 12, align: 'right', pad: '0' },
      { field: 'status', title: '状态', width: 1, align: 'left', pad: ' ' },
      { field: 'reason', title: '原因', width: 40, align: 'left', pad: ' ' },
    ],
  },
};

/** Bytes a string takes in GBK: 1 for ASCII, 2 for any other character. */
export function gbkWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! < 0x80 ? 1 : 2;
  return w;
}

/** Pad to `width` GBK bytes, or null when the value is wider than the field (never truncated). */
export function fit(value: string, spec: FieldSpec<string>): string | null {
  const width = spec.width ?? 0;
  const w = gbkWidth(value);
  if (w > width) return null;
  const pad = (spec.pad ?? ' ').repeat(width - w);
  return spec.align === 'right' ? pad + value : value + pad;
}

/** Cut a fixed-width line into fields by GBK byte widths, trimming the padding. */
export function cutFixed(line: string, fields: readonly FieldSpec<string>[]): string[] {
  const chars = [...line];
  const out: string[] = [];
  let i = 0;
  for (const f of fields) {
    let taken = '';
    let w = 0;
    while (i < chars.length && w < (f.width ?? 0)) {
      taken += chars[i];
      w += gbkWidth(chars[i]);
      i++;
    }
    const trimmed = f.align === 'right' && f.pad === '0' ? taken.trim().replace(/^0+(?=\d)/, '') : taken.trim();
    out.push(trimmed);
  }
  return out;
}

/** Fen as the layout writes amounts: "643.00" or "64300". */
export function formatAmount(fenAmount: number, unit: BankLayout['amount']): string {
  if (unit === 'fen') return String(fenAmount);
  return `${Math.trunc(fenAmount / 100)}.${String(fenAmount % 100).padStart(2, '0')}`;
}

/** An amount as written in a file to fen, or null when it is not one. */
export function parseAmount(text: string, unit: BankLayout['amount']): number | null {
  const t = text.trim();
  if (unit === 'fen') return /^\d+$/.test(t) ? Number(t) : null;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}
