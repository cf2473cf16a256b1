import { describe, it, expect } from 'vitest';
import { checkCharacter, checkIdNumber, maskIdNumber, upgrade15 } from './id-number.js';
import { addressCodeProblem, jilinAddressCodes } from './address-codes.js';

const TODAY = '2026-06-15';

/** Build a valid number from its parts, with the check character computed. */
function make(address: string, birth: string, sequence: string): string {
  const first17 = address + birth + sequence;
  return first17 + checkCharacter(first17);
}

/** ISO 7064 MOD 11-2 property, computed independently: Σ digit·2^(17−i) ≡ 1 (mod 11), X = 10. */
function satisfiesMod11_2(id: string): boolean {
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const value = id[i] === 'X' ? 10 : Number(id[i]);
    sum += value * (2 ** (17 - i) % 11);
  }
  return sum % 11 === 1;
}

/** A body whose check character is X, found by search so the test does not hard-code one. */
function bodyWithCheckX(): string {
  for (let seq = 1; seq < 1000; seq++) {
    const first17 = `220102198807${'15'}${String(seq).padStart(3, '0')}`;
    if (checkCharacter(first17) === 'X') return first17;
  }
  throw new Error('no X body found');
}

describe('checkCharacter', () => {
  it('satisfies the MOD 11-2 property for many bodies', () => {
    for (let n = 0; n < 500; n++) {
      const body = `2201${String(n % 100).padStart(2, '0')}1975${String((n % 12) + 1).padStart(2, '0')}1${n % 10}${String(n).padStart(3, '0')}`;
      expect(satisfiesMod11_2(body + checkCharacter(body))).toBe(true);
    }
  });

  it('rejects input that is not 17 digits', () => {
    expect(() => checkCharacter('12345')).toThrow();
  });
});

describe('checkIdNumber — valid numbers', () => {
  it('accepts a Jilin number and reports its parts', () => {
    const id = make('220102', '19570304', '123');
    const r = checkIdNumber(id, TODAY);
    expect(r).toEqual({ valid: true, errors: [], id_number: id, birth_date: '1957-03-04', sex: 'male', address_code: '220102' });
  });

  it('reads sex from the parity of the sequence code', () => {
    expect(checkIdNumber(make('222401', '19800101', '046'), TODAY).sex).toBe('female');
    expect(checkIdNumber(make('222401', '19800101', '047'), TODAY).sex).toBe('male');
  });

  it('trims input and accepts a lowercase x', () => {
    const body = bodyWithCheckX();
    const r = checkIdNumber(`  ${body}x \n`, TODAY);
    expect(r.valid).toBe(true);
    expect(r.id_number).toBe(`${body}X`);
  });

  it('accepts retired Jilin codes (220181 九台市) and NBS prefecture/zone codes', () => {
    expect(checkIdNumber(make('220181', '19700520', '031'), TODAY).valid).toBe(true);
    expect(checkIdNumber(make('220100', '19700520', '031'), TODAY).valid).toBe(true);
    expect(checkIdNumber(make('220171', '19700520', '031'), TODAY).valid).toBe(true);
    expect(checkIdNumber(make('229005', '19700520', '031'), TODAY).valid).toBe(true);
  });

  it('checks only the province code outside Jilin', () => {
    expect(checkIdNumber(make('210999', '19900101', '222'), TODAY).valid).toBe(true);
  });

  it('accepts a birth date of today and of 1900-01-01', () => {
    expect(checkIdNumber(make('220203', '20260615', '002'), TODAY).valid).toBe(true);
    expect(checkIdNumber(make('220203', '19000101', '002'), TODAY).valid).toBe(true);
  });
});

describe('checkIdNumber — errors name the wrong part', () => {
  it('wrong check character names expected and actual', () => {
    const good = make('220102', '19640911', '218');
    const wrong = good.slice(0, 17) + (good[17] === '5' ? '6' : '5');
    const r = checkIdNumber(wrong, TODAY);
    expect(r.valid).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].part).toBe('check');
    expect(r.errors[0].message).toContain(`应为 ${good[17]}，实为 ${wrong[17]}`);
    expect(r.errors[0].message).toContain(`expected ${good[17]}, got ${wrong[17]}`);
  });

  it('a date that does not exist (Feb 30) is a birth_date error, with no birth_date returned', () => {
    const r = checkIdNumber(make('220102', '19900230', '015'), TODAY);
    expect(r.errors.map((e) => e.part)).toEqual(['birth_date']);
    expect(r.birth_date).toBeUndefined();
    expect(r.errors[0].message).toMatch(/出生日期.* \/ .*birth date/);
  });

  it('Feb 29 is valid only in leap years', () => {
    expect(checkIdNumber(make('220102', '20000229', '015'), TODAY).valid).toBe(true);
    expect(checkIdNumber(make('220102', '19000229', '015'), TODAY).errors[0].part).toBe('birth_date');
  });

  it('a future birth date is an error relative to today', () => {
    const id = make('220102', '20260616', '015');
    expect(checkIdNumber(id, TODAY).errors.map((e) => e.code)).toEqual(['id_birth_date_future']);
    expect(checkIdNumber(id, '2026-06-16').valid).toBe(true);
  });

  it('a birth date before 1900 is an error', () => {
    expect(checkIdNumber(make('220102', '18991231', '015'), TODAY).errors[0].code).toBe('id_birth_date_too_early');
  });

  it('unknown Jilin code 229999 is an address error', () => {
    const r = checkIdNumber(make('229999', '19800101', '015'), TODAY);
    expect(r.errors.map((e) => e.code)).toEqual(['id_address_unknown']);
    expect(r.errors[0].part).toBe('address');
  });

  it('province 99 and 00 do not exist', () => {
    for (const address of ['990102', '000102']) {
      const r = checkIdNumber(make(address, '19800101', '015'), TODAY);
      expect(r.errors.map((e) => e.part)).toEqual(['address']);
      expect(r.errors[0].message).toContain('省级代码不存在');
      expect(r.errors[0].message).toContain('province code does not exist');
    }
  });

  it('sequence 000 is an error', () => {
    const r = checkIdNumber(make('220102', '19800101', '000'), TODAY);
    expect(r.errors.map((e) => e.part)).toEqual(['sequence']);
  });

  it('reports all errors together', () => {
    const r = checkIdNumber(make('990102', '19801332', '000').slice(0, 17) + '0', TODAY);
    const parts = r.errors.map((e) => e.part);
    expect(parts).toContain('address');
    expect(parts).toContain('birth_date');
    expect(parts).toContain('sequence');
    expect(r.valid).toBe(false);
  });

  it('wrong lengths are a length error only', () => {
    for (const raw of ['', '2201021980', '2201021980010101512', '22010219800101015']) {
      const r = checkIdNumber(raw, TODAY);
      expect(r.valid).toBe(false);
      expect(r.errors.map((e) => e.part)).toEqual(['length']);
      expect(r.errors[0].message).toContain(' / ');
    }
  });

  it('non-digit characters are a characters error naming the position; other parts are still checked', () => {
    const good = make('220102', '19800101', '015');
    const r = checkIdNumber(`${good.slice(0, 9)}A${good.slice(10, 17)}Y`, TODAY);
    expect(r.errors.map((e) => e.part)).toEqual(['characters']);
    expect(r.errors[0].message).toContain("10:'A'");
    expect(r.errors[0].message).toContain("18:'Y'");
    expect(r.address_code).toBe('220102');
    expect(r.id_number).toBeUndefined();
  });

  it('every message is "中文 / English" with exactly one separator', () => {
    const raws = ['', '22010X198001010151', make('990102', '19801332', '000').slice(0, 17) + '0', make('229999', '20990101', '015')];
    for (const raw of raws) {
      for (const e of checkIdNumber(raw, TODAY).errors) {
        expect(e.message.split(' / ')).toHaveLength(2);
        expect(e.message.split(' / ')[0]).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('X anywhere but last is a characters error', () => {
    const r = checkIdNumber('22010X198001010151', TODAY);
    expect(r.errors.map((e) => e.part)).toContain('characters');
  });
});

describe('15-digit numbers', () => {
  it('upgrade15 inserts 19 and appends the check character', () => {
    const up = upgrade15('220102640911218');
    expect(up).toBe(make('220102', '19640911', '218'));
  });

  it('checkIdNumber upgrades a valid 15-digit number', () => {
    const r = checkIdNumber('220203451202031', TODAY);
    expect(r.valid).toBe(true);
    expect(r.id_number).toBe(make('220203', '19451202', '031'));
    expect(r.birth_date).toBe('1945-12-02');
    expect(r.sex).toBe('male');
  });

  it('checks the parts of a 15-digit number too', () => {
    const r = checkIdNumber('229999450230000', TODAY);
    expect(r.errors.map((e) => e.part)).toEqual(['address', 'birth_date', 'sequence']);
  });

  it('upgrade15 rejects non-15-digit input', () => {
    expect(() => upgrade15('22020345120203')).toThrow();
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 characters', () => {
    const id = make('220102', '19570304', '123');
    expect(maskIdNumber(id)).toBe(`220102********${id.slice(14)}`);
    expect(maskIdNumber('220102451202031')).toBe('220102*****2031');
  });
});

describe('address codes', () => {
  it('knows current, retired and NBS-only Jilin codes', () => {
    const codes = jilinAddressCodes();
    for (const code of ['220000', '220100', '220102', '220181', '220381', '222401', '220171']) expect(codes.has(code)).toBe(true);
    expect(codes.has('229999')).toBe(false);
    expect(addressCodeProblem('230102')).toBeUndefined();
    expect(addressCodeProblem('720102')).toBe('unknown_province');
  });
});
