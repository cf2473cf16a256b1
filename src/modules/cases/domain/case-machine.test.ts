import { describe, expect, it } from 'vitest';
import { ACTION_RULES, CASE_STATES, atLevel, escalationTarget, ruleOf, targetState } from './case-machine.js';
import { missingForSubmit, parseVisitForm } from './visit-form.js';
import { parseCheck } from './check-input.js';
import { maskName } from '../documents.service.js';
import { monthsLater, publicityUntil } from '../case-inputs.js';

describe('the case state machine', () => {
  it('leads every action from known states to known states', () => {
    const states = new Set(CASE_STATES.map((s) => s.code));
    for (const r of ACTION_RULES) {
      for (const f of r.from) expect(states.has(f), `${r.action} from ${f}`).toBe(true);
      if (r.to !== 'same' && r.to !== 'by_outcome') expect(states.has(r.to), `${r.action} to ${r.to}`).toBe(true);
      expect(r.zh && r.en).toBeTruthy();
    }
    expect(new Set(ACTION_RULES.map((r) => r.action)).size).toBe(ACTION_RULES.length);
  });

  it('reaches every state from discovered', () => {
    const reached = new Set<string>(['discovered']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const r of ACTION_RULES) {
        for (const f of r.from) {
          if (!reached.has(f)) continue;
          const outs = r.to === 'by_outcome' ? ['economic_check', 'no_need', 'unreachable'] : [targetState(r, f)];
          for (const o of outs) if (!reached.has(o)) { reached.add(o); changed = true; }
        }
      }
    }
    expect([...reached].sort()).toEqual(CASE_STATES.map((s) => s.code).sort());
  });

  it('sends a visit to the state its outcome names, and keeps a review under review', () => {
    const r = ruleOf('record_visit')!;
    expect(targetState(r, 'verifying', 'need_confirmed')).toBe('economic_check');
    expect(targetState(r, 'verifying', 'no_need')).toBe('no_need');
    expect(targetState(r, 'assigned', 'unreachable')).toBe('unreachable');
    expect(targetState(r, 'under_review', 'no_need')).toBe('under_review');
  });

  it('lets only the county decide and a village worker only visit', () => {
    expect(atLevel('220102', ruleOf('decide')!.level)).toBe(true);
    expect(atLevel('220102001', ruleOf('decide')!.level)).toBe(false);
    expect(atLevel('22', ruleOf('decide')!.level)).toBe(true);
    expect(atLevel('220102001001', ruleOf('record_visit')!.level)).toBe(true);
    expect(atLevel('220102001001', ruleOf('assign')!.level)).toBe(false);
  });

  it('escalates an overdue township step to the county, then a level more every 5 working days', () => {
    const v = '220102001001';
    expect(escalationTarget(v, 'verifying', 0, 5)).toBeNull();
    expect(escalationTarget(v, 'verifying', 1, 5)).toBe('220102');
    expect(escalationTarget(v, 'verifying', 5, 5)).toBe('220102');
    expect(escalationTarget(v, 'verifying', 6, 5)).toBe('2201');
    expect(escalationTarget(v, 'verifying', 11, 5)).toBe('22');
    expect(escalationTarget(v, 'verifying', 99, 5)).toBe('22');
    expect(escalationTarget(v, 'publicity', 1, 5)).toBe('2201'); // the county's decision is late: the prefecture
    expect(escalationTarget(v, 'assisting', 9, 5)).toBeNull();
    expect(escalationTarget(v, 'closed', 9, 5)).toBeNull();
  });
});

describe('step data', () => {
  it('reads a draft visit form and says what a submission lacks', () => {
    const f = parseVisitForm({ visited_on: '2026-11-02', needs: ['medical', 'medical'] }, '2026-11-02');
    expect(f).toEqual({ visited_on: '2026-11-02', needs: ['medical'] });
    expect(missingForSubmit(f, 'need_confirmed')).toEqual(['recommendation']);
    expect(missingForSubmit({ ...f, needs: [] }, 'need_confirmed')).toEqual(['recommendation', 'needs']);
    expect(missingForSubmit({ visited_on: '2026-11-02', recommendation: '外出务工' }, 'unreachable')).toEqual([]);
  });

  it('names the wrong field of a visit form', () => {
    expect(() => parseVisitForm({ visited_on: '2026-02-30' }, '2026-11-02')).toThrow(/data\.visit\.visited_on/);
    expect(() => parseVisitForm({ visited_on: '2026-11-03' }, '2026-11-02')).toThrow(/不能晚于今天/);
    expect(() => parseVisitForm({ housing_condition: 'E' }, '2026-11-02')).toThrow(/data\.visit\.housing_condition/);
    expect(() => parseVisitForm({ neds: ['medical'] }, '2026-11-02')).toThrow(/data\.visit\.neds.*未知字段/);
  });

  it('reads an economic check: scopes are required, amounts are non-negative with cents', () => {
    expect(() => parseCheck({}, '2026-11-02')).toThrow(/data\.scopes/);
    expect(() => parseCheck({ scopes: ['tax'], income_wage: -1 }, '2026-11-02')).toThrow(/data\.income_wage/);
    expect(() => parseCheck({ scopes: ['tax'], income_wage: 1.005 }, '2026-11-02')).toThrow(/两位小数/);
    expect(() => parseCheck({ scopes: ['tax'], vehicle_count: 1.5 }, '2026-11-02')).toThrow(/data\.vehicle_count/);
    expect(() => parseCheck({ scopes: ['moon'] }, '2026-11-02')).toThrow(/moon/);
    expect(parseCheck({ scopes: ['tax'], income_wage: '6000.50' }, '2026-11-02')).toMatchObject({ checked_on: '2026-11-02', figures: { income_wage: 6000.5 } });
  });

  it('counts publicity and validity periods', () => {
    expect(publicityUntil('2026-11-02', { publicityDays: 7 } as never)).toBe('2026-11-08');
    expect(monthsLater('2026-03-15', 12)).toBe('2027-03-14');
    expect(monthsLater('2026-08-31', 6)).toBe('2027-02-27');
    expect(monthsLater('2026-11-09', 6)).toBe('2027-05-08');
  });

  it('masks names for the publicity list', () => {
    expect(maskName('王建国')).toBe('王*国');
    expect(maskName('王明')).toBe('王*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
  });
});
