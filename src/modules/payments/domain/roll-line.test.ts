import { describe, expect, it } from 'vitest';
import { entitlement } from './payments.fixtures.js';
import type { AmountBasis, MonthAmount } from './monthly-amount.js';
import { rollLine, type Control } from './roll-line.js';

const basis: AmountBasis = { zh: 'x', en: 'x', parameters: [], members_counted: 3, deceased: [], fixed_fen: null };
const due = (amount_fen: number, payee_deceased = false): MonthAmount => ({ kind: 'due', amount_fen, basis, payee_deceased });
const e = entitlement();
const control = (kind: Control['kind'], from_month = '2026-06'): Control => ({ kind, from_month, ref: 'case #7' });

describe('rollLine', () => {
  it('pays the amount due', () => {
    expect(rollLine(e, '2026-06', due(99330), [])).toMatchObject({ status: 'payable', amount_fen: 99330, due_fen: 99330, reason: null, kind: 'regular', for_month: '2026-06', roll_month: '2026-06' });
  });

  it('has no line before the start month', () => {
    expect(rollLine(e, '2025-12', { kind: 'none', reason: 'not_started', text: { zh: '', en: '' } }, [])).toBeNull();
  });

  it('stops for a death with the text of the death', () => {
    const text = { zh: '于 2026-05-17 死亡', en: 'died on 2026-05-17' };
    expect(rollLine(e, '2026-06', { kind: 'none', reason: 'death', text }, [])).toMatchObject({ status: 'stopped', amount_fen: 0, reason: { code: 'death', ...text } });
  });

  it('stops on an exit decision in force, and only from its month', () => {
    expect(rollLine(e, '2026-05', due(100), [control('exit_decision')])?.status).toBe('payable');
    expect(rollLine(e, '2026-06', due(100), [control('exit_decision')])).toMatchObject({ status: 'stopped', reason: { code: 'exit_decision', zh: '退出决定（case #7），停发' } });
  });

  it('names the exit decision when the entitlement ended with the memberships it ended', () => {
    const ended = { kind: 'none' as const, reason: 'entitlement_ended' as const, text: { zh: '待遇已于 2026-05 终止', en: 'the entitlement ended with 2026-05' } };
    expect(rollLine(e, '2026-06', ended, [])).toMatchObject({ status: 'stopped', reason: { code: 'entitlement_ended' } });
    expect(rollLine(e, '2026-06', ended, [control('exit_decision')])).toMatchObject({ status: 'stopped', reason: { code: 'exit_decision', zh: '退出决定（case #7），待遇已于 2026-05 终止，停发' } });
  });

  it('holds for a review alert or a suspended case: amount 0, status held, the amount due kept', () => {
    const review = rollLine(e, '2026-06', due(99330), [control('review_hold')]);
    expect(review).toMatchObject({ status: 'held', amount_fen: 0, due_fen: 99330, reason: { code: 'review_hold' } });
    expect(review?.reason?.en).toBe('eligibility-review alert (case #7): held during the review');
    expect(rollLine(e, '2026-06', due(99330), [control('case_suspended')])?.reason?.code).toBe('case_suspended');
    expect(rollLine({ ...e, status: 'suspended' }, '2026-06', due(99330), [])?.reason?.code).toBe('entitlement_suspended');
  });

  it('holds a household payment whose payee has died, and a line that cannot be computed', () => {
    expect(rollLine(e, '2026-06', due(35030, true), [])).toMatchObject({ status: 'held', amount_fen: 0, reason: { code: 'payee_deceased' } });
    const nc: MonthAmount = { kind: 'not_computable', text: { zh: '需评估', en: 'needs self_care' }, basis };
    expect(rollLine(e, '2026-06', nc, [])).toMatchObject({ status: 'held', due_fen: null, reason: { code: 'not_computable' } });
  });

  it('a stop wins over a hold: death over review, exit over suspension', () => {
    const death: MonthAmount = { kind: 'none', reason: 'death', text: { zh: 'd', en: 'd' } };
    expect(rollLine(e, '2026-06', death, [control('review_hold')])?.reason?.code).toBe('death');
    expect(rollLine(e, '2026-06', due(1), [control('case_suspended'), control('exit_decision')])?.reason?.code).toBe('exit_decision');
  });

  it('stops an ended entitlement and a recomputed amount of ¥0', () => {
    expect(rollLine({ ...e, status: 'ended', end_month: '2026-12' }, '2026-06', due(100), [])?.reason?.code).toBe('entitlement_ended');
    expect(rollLine(e, '2026-06', due(0), [])).toMatchObject({ status: 'stopped', reason: { code: 'zero_amount' } });
  });
});
