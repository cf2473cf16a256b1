import { describe, expect, it } from 'vitest';
import { checkAccountNumber, luhnValid, withLuhnDigit, maskAccountNumber } from './account.js';

/** The Luhn check digit computed independently: the digit that makes body+digit sum to 0 mod 10. */
function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) {
    const n = body + d;
    const sum = [...n].reverse().reduce((s, ch, i) => s + (i % 2 ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][Number(ch)] : Number(ch)), 0);
    if (sum % 10 === 0) return n;
  }
  throw new Error('unreachable');
}

const CARD16 = withCheckDigit('622202123456789');
const CARD19 = withCheckDigit('621700123456789012');

describe('luhnValid', () => {
  it('accepts published test numbers and rejects a changed digit', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(withLuhnDigit('411111111111111')).toBe('4111111111111111');
    expect(luhnValid(CARD19)).toBe(true);
  });

  it('catches every single-digit error in the last position', () => {
    const wrong = [...'0123456789'].filter((d) => d !== CARD16.at(-1)).map((d) => CARD16.slice(0, -1) + d);
    expect(wrong.every((n) => !luhnValid(n))).toBe(true);
  });
});

describe('checkAccountNumber', () => {
  it('accepts a card number, removing grouping spaces', () => {
    const spaced = CARD16.replace(/(\d{4})/g, '$1 ');
    expect(checkAccountNumber(spaced)).toEqual({ valid: true, account_number: CARD16 });
    expect(checkAccountNumber(CARD19).valid).toBe(true);
  });

  it('accepts a 12–15-digit account number without a check digit', () => {
    expect(checkAccountNumber('123456789012').valid).toBe(true);
    expect(checkAccountNumber('123456789012345').valid).toBe(true);
  });

  it('refuses a failed check digit, naming the field and masking the value', () => {
    const bad = CARD16.slice(0, -1) + ((Number(CARD16.at(-1)) + 1) % 10);
    const r = checkAccountNumber(bad, 'account_number');
    expect(r.valid).toBe(false);
    if (r.valid) return;
    expect(r.error).toEqual({
      field: 'account_number', code: 'account_check',
      zh: `account_number「6222********${bad.slice(-4)}」校验位错误：16 位银行卡号未通过 Luhn 校验，请核对`,
      en: `account_number "6222********${bad.slice(-4)}" fails the check digit: a 16-digit card number must pass the Luhn check`,
    });
    expect(JSON.stringify(r.error)).not.toContain(bad);
  });

  it('lets a bank turn the Luhn check off for long account numbers', () => {
    const bad = CARD16.slice(0, -1) + ((Number(CARD16.at(-1)) + 1) % 10);
    expect(checkAccountNumber(bad, 'account_number', { luhn: false }).valid).toBe(true);
  });

  it('refuses letters, hyphens, wrong lengths and a missing number', () => {
    const code = (raw: string | null) => { const r = checkAccountNumber(raw); return r.valid ? 'ok' : r.error.code; };
    expect(code('6222-0212-3456-7890')).toBe('account_characters');
    expect(code('62220212345X')).toBe('account_characters');
    expect(code('12345678901')).toBe('account_length');
    expect(code('12345678901234567890')).toBe('account_length');
    expect(code('  ')).toBe('account_missing');
    expect(code(null)).toBe('account_missing');
    const r = checkAccountNumber('12345678901', 'rows[3].account_number');
    expect(!r.valid && r.error.en).toBe('rows[3].account_number "1234***8901" has 11 digits; expected 12 to 19');
  });
});

describe('maskAccountNumber', () => {
  it('keeps the first and last four', () => {
    expect(maskAccountNumber('6222021234561234')).toBe('6222********1234');
    expect(maskAccountNumber('6217 0012 3456 7890 123')).toBe('6217***********0123');
    expect(maskAccountNumber('12345678')).toBe('********');
  });
});
