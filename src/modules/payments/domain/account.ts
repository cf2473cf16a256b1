/**
 * Bank card and account numbers (银行卡号/账号) for payments through the bank or the social-
 * security card (一卡通).
 *
 * The rule: spaces a clerk types to group digits are removed; what remains must be 12 to 19
 * digits. A number of 16 to 19 digits is taken as a card number (ISO/IEC 7812, the form of every
 * 银联 debit card and 一卡通) and must pass the Luhn check (its last digit). Shorter numbers are
 * passbook or settlement accounts, which have no check digit common to all banks; a bank whose
 * long account numbers are not cards can turn the Luhn check off in its layout (bank-file.ts).
 *
 * Errors name the field and show the value masked: an account number never appears in full in a
 * message, a log or a report (stored encrypted, shown masked like ID numbers).
 */
import type { Bilingual } from '../../../platform/errors.js';

export interface AccountError extends Bilingual {
  field: string;
  code: 'account_missing' | 'account_characters' | 'account_length' | 'account_check';
}

export type AccountCheck = { valid: true; account_number: string } | { valid: false; error: AccountError };

/** Keep the first 4 and last 4 digits: 6222********1234; a short value is masked entirely. */
export function maskAccountNumber(value: string): string {
  const s = value.replace(/\s+/g, '');
  if (s.length <= 8) return '*'.repeat(s.length);
  return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
}

/** Luhn (mod 10): doubling every second digit from the right, the digit sum is a multiple of 10. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** `body` with the Luhn check digit appended (test data, the demo's bank cards). */
export function withLuhnDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error(`no Luhn digit for ${body}`); // unreachable: one of ten digits always completes the sum
}

export interface AccountRules {
  /** Check the Luhn digit of 16–19-digit numbers (default true). */
  luhn?: boolean;
}

export function checkAccountNumber(raw: string | null | undefined, field = 'account_number', rules: AccountRules = {}): AccountCheck {
  const fail = (code: AccountError['code'], zh: string, en: string): AccountCheck => ({ valid: false, error: { field, code, zh, en } });
  const s = (raw ?? '').replace(/\s+/g, '');
  if (s === '') return fail('account_missing', `${field}：缺少银行账号`, `${field}: the bank account number is missing`);
  const shown = maskAccountNumber(s);
  if (!/^\d+$/.test(s)) return fail('account_characters', `${field}「${shown}」只能包含数字`, `${field} "${shown}" must contain digits only`);
  if (s.length < 12 || s.length > 19) {
    return fail('account_length', `${field}「${shown}」位数错误：应为 12–19 位，实为 ${s.length} 位`, `${field} "${shown}" has ${s.length} digits; expected 12 to 19`);
  }
  if (s.length >= 16 && rules.luhn !== false && !luhnValid(s)) {
    return fail('account_check', `${field}「${shown}」校验位错误：${s.length} 位银行卡号未通过 Luhn 校验，请核对`, `${field} "${shown}" fails the check digit: a ${s.length}-digit card number must pass the Luhn check`);
  }
  return { valid: true, account_number: s };
}
