import { describe, expect, it } from 'vitest';
import { findDuplicates, type PaidLine } from './duplicates.js';
import { idNumber } from './payments.fixtures.js';
import type { RollLine } from './roll-line.js';

const PERSON = idNumber('19450808', 88);

function line(more: Partial<RollLine> = {}): RollLine {
  return {
    entitlement_id: 'E1', household_code: 'H1', payee: { id_number: PERSON, name: '王五' }, program: 'dibao_allowance',
    roll_month: '2026-07', for_month: '2026-07', kind: 'regular', status: 'payable', amount_fen: 100, due_fen: 100, reason: null, basis: null, ...more,
  };
}

describe('findDuplicates', () => {
  it('finds none on a clean roll', () => {
    expect(findDuplicates([line(), line({ entitlement_id: 'E2', household_code: 'H2' }), line({ entitlement_id: 'E1', kind: 'adjustment', for_month: '2026-01' })])).toEqual([]);
  });

  it('the same entitlement and month twice on one roll', () => {
    const d = findDuplicates([line(), line()]);
    expect(d.map((x) => x.key)).toEqual(['entitlement|E1|2026-07', 'program|dibao_allowance|household:H1|2026-07']);
    expect(d[0]).toMatchObject({ entitlement_ids: ['E1'], for_month: '2026-07', zh: '户 H1 的低保金（2026-07）在本花名册中出现多次，不能重复发放' });
  });

  it('two entitlements of one household for the same program and month', () => {
    const d = findDuplicates([line(), line({ entitlement_id: 'E9' })]);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ key: 'program|dibao_allowance|household:H1|2026-07', entitlement_ids: ['E1', 'E9'] });
  });

  it('per-person programs are keyed by the person, so two 特困 members of one household are fine', () => {
    const other = idNumber('19460909', 99);
    const tekun = (id: string, payee: string) => line({ entitlement_id: id, program: 'tekun_support', payee: { id_number: payee, name: 'x' } });
    expect(findDuplicates([tekun('E1', PERSON), tekun('E2', other)])).toEqual([]);
    expect(findDuplicates([tekun('E1', PERSON), tekun('E2', PERSON)])).toHaveLength(1);
  });

  it('a month already paid on an approved roll, naming that roll', () => {
    const paid: PaidLine = { entitlement_id: 'E1', program: 'dibao_allowance', household_code: 'H1', payee_id_number: PERSON, for_month: '2026-07', roll_month: '2026-07' };
    const d = findDuplicates([line({ roll_month: '2026-08' })], [paid]);
    expect(d[0].en).toBe('Dibao allowance for household H1, 2026-07, was already paid on the 2026-07 roll: it cannot be paid twice');
  });

  it('counts held lines (they will be paid) but not stopped lines or recoveries', () => {
    expect(findDuplicates([line(), line({ status: 'held', amount_fen: 0 })])).toHaveLength(2);
    expect(findDuplicates([line(), line({ status: 'stopped', amount_fen: 0 })])).toEqual([]);
    const rec = line({ kind: 'adjustment', for_month: '2026-03', status: 'recovery', amount_fen: -100 });
    expect(findDuplicates([rec, rec])).toEqual([]);
  });

  it('one adjustment per entitlement and month on a roll', () => {
    const adj = line({ kind: 'adjustment', for_month: '2026-01' });
    expect(findDuplicates([adj, adj]).map((d) => d.key)).toEqual(['adjustment|E1|2026-01']);
  });
});
