import { describe, expect, it } from 'vitest';
import { checkEntitlement, isPerPerson, PROGRAMS, type Entitlement } from './entitlement.js';
import { entitlement } from './payments.fixtures.js';

const fields = (e: Entitlement) => checkEntitlement(e).map((p) => p.field);

describe('programs', () => {
  it('has the five program codes; 特困 is paid per person, the others per household', () => {
    expect(PROGRAMS.map((p) => p.code)).toEqual(['dibao_allowance', 'tekun_support', 'tekun_care', 'temporary', 'heating']);
    expect(PROGRAMS.filter((p) => isPerPerson(p.code)).map((p) => p.code)).toEqual(['tekun_support', 'tekun_care']);
  });
});

describe('checkEntitlement', () => {
  it('accepts a computed 低保 entitlement and a migrated fixed one', () => {
    expect(checkEntitlement(entitlement())).toEqual([]);
    expect(checkEntitlement(entitlement({ rule: { kind: 'fixed', amount_fen: 64300 } }))).toEqual([]);
  });

  it('refuses a rule that does not belong to the program, naming both', () => {
    const [p] = checkEntitlement(entitlement({ program: 'tekun_care', rule: { kind: 'dibao_gap' } }));
    expect(p).toEqual({ field: 'rule.kind', zh: '特困人员照料护理费不能按「dibao_gap」计发，可用：tekun_care、fixed', en: 'Tekun care allowance cannot be paid by rule "dibao_gap"; allowed: tekun_care, fixed' });
    expect(fields(entitlement({ program: 'heating', rule: { kind: 'tekun_support' } }))).toEqual(['rule.kind']);
  });

  it('refuses an unknown program', () => {
    expect(fields(entitlement({ program: 'bonus' as never }))).toEqual(['program']);
  });

  it('refuses a fixed amount that is not a positive whole number of fen', () => {
    for (const amount_fen of [0, -100, 643.5]) expect(fields(entitlement({ rule: { kind: 'fixed', amount_fen } }))).toEqual(['rule.amount_fen']);
  });

  it('checks the months: format, order, and an end month for an ended entitlement', () => {
    expect(fields(entitlement({ start_month: '2026-1' }))).toEqual(['start_month']);
    expect(fields(entitlement({ end_month: '2026-13' }))).toEqual(['end_month']);
    expect(checkEntitlement(entitlement({ start_month: '2026-03', end_month: '2026-02' }))[0].en).toBe('end_month 2026-02 is before start_month 2026-03');
    expect(fields(entitlement({ status: 'ended', end_month: null }))).toEqual(['end_month']);
    expect(fields(entitlement({ start_month: '2026-03', end_month: '2026-03' }))).toEqual([]);
  });

  it('requires a household and a payee', () => {
    expect(fields(entitlement({ household_code: ' ', payee: { id_number: '', name: 'x' } }))).toEqual(['household_code', 'payee.id_number']);
  });
});
