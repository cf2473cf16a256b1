/**
 * A case from a red alert to the decision and beyond, on a real database: every step by the
 * role that may take it, the records each leaves, and the refusals that change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestRuntime } from '../../../test/support/db.js';
import { actorFor, anAlert, familyInNeed, POOR_CHECK, VISIT } from '../../../test/support/cases.js';
import { operatorActor } from '../access/domain/actor.js';
import { manualClock } from '../../platform/clock.js';
import type { Runtime } from '../../platform/runtime.js';

const VILLAGE = '220102001001';
const township = actorFor('township_officer', '220102001');
const village = actorFor('village_worker', VILLAGE);
const county = actorFor('civil_affairs_officer', '220102');
const otherCounty = actorFor('civil_affairs_officer', '220581');

describe.each(engines)('a case from alert to exit on %s', (engine) => {
  let rt: Runtime;
  const clock = manualClock('2026-11-02T09:00:00+08:00');
  const family = familyInNeed();
  let caseId: string;

  beforeAll(async () => {
    rt = await openTestRuntime(engine, clock);
    await rt.services.households.create(family, { actor: operatorActor('test') });
  });
  afterAll(async () => rt?.close());

  const act = (action: string, actor = township, data?: object, note?: string) => rt.services.cases.act(caseId, { action, data, note }, actor);
  const state = async () => (await rt.services.cases.get(caseId, county)).state;

  it('opens a case from a red alert, with the alert\'s deadline for the visit', async () => {
    const alertId = await anAlert(rt, family.code, { deadline: '2026-11-05' });
    const { case: c, attached } = await rt.services.cases.open({ alert_id: alertId }, township);
    caseId = c.id;
    expect(attached).toBe(false);
    expect(c).toMatchObject({ state: 'discovered', household_code: family.code, head: { name: '赵德明' }, source: { kind: 'alert', id: alertId } });
    expect(c.alerts).toEqual([expect.objectContaining({ id: alertId, status: 'verifying' })]);
    expect(c.deadlines.total.due).toBe('2026-12-14');
    // the same alert again is refused, naming the case
    await expect(rt.services.cases.open({ alert_id: alertId }, township)).rejects.toMatchObject({ code: 'CONFLICT', details: { case_id: caseId } });
    // a second alert about the household joins the open case
    const second = await rt.services.cases.open({ alert_id: await anAlert(rt, family.code, { level: 'orange', deadline: '2026-11-11' }) }, township);
    expect(second).toMatchObject({ attached: true, case: { id: caseId } });
  });

  it('refuses a step to the wrong role, level, region or state, and changes nothing', async () => {
    await expect(act('assign', village)).rejects.toMatchObject({ code: 'FORBIDDEN' }); // no case.manage
    await expect(act('record_check', township, POOR_CHECK)).rejects.toMatchObject({ code: 'CONFLICT' }); // wrong state
    await expect(rt.services.cases.act(caseId, { action: 'assign' }, otherCounty)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(act('fly')).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await state()).toBe('discovered');
    const c = await rt.services.cases.get(caseId, township);
    expect(c.history.map((h) => h.action)).toEqual(['open', 'attach_alert']);
  });

  it('assigns the visit; the village worker saves a draft and submits it', async () => {
    const assigned = await act('assign', township, { to_region: VILLAGE });
    expect(assigned).toMatchObject({ state: 'assigned', assignee: { region_code: VILLAGE }, deadlines: { step: { due: '2026-11-05' } } });
    expect(assigned.actions.find((a) => a.action === 'assign')).toBeUndefined();
    const draft = await act('save_visit', village, { visit: { visited_on: '2026-11-02', needs: ['medical'] } });
    expect(draft.state).toBe('verifying');
    expect(draft.deadlines.step.due).toBe('2026-11-05');
    // incomplete: no recommendation
    await expect(act('record_visit', village, { outcome: 'need_confirmed' })).rejects.toMatchObject({ code: 'CONFLICT', details: { requirement: 'visit_form' } });
    // complete, but no signed authorization yet
    await expect(act('record_visit', village, { outcome: 'need_confirmed', visit: VISIT })).rejects.toMatchObject({ code: 'CONFLICT', details: { requirement: 'authorization' } });
    expect(await state()).toBe('verifying');
    const head = (await rt.services.householdReads.get(family.code, township)).members.find((m) => m.relation === 'head')!;
    const visited = await act('record_visit', village, {
      outcome: 'need_confirmed', visit: VISIT,
      authorization: { signed_by_person_id: head.id, scope: POOR_CHECK.scopes, signed_on: '2026-11-02', expires_on: '2027-11-01' },
    });
    expect(visited.state).toBe('economic_check');
    expect(visited.alerts.every((a) => a.status === 'closed')).toBe(true);
    expect(visited.visits).toHaveLength(1);
    expect(visited.visits[0]).toMatchObject({ status: 'submitted', outcome: 'need_confirmed', visited_on: '2026-11-02' });
  });

  it('records the economic check only within the authorization, then assesses', async () => {
    await expect(act('record_check', township, { ...POOR_CHECK, scopes: ['securities'] })).rejects.toMatchObject({ code: 'CONFLICT', details: { requirement: 'authorization' } });
    await expect(act('assess')).rejects.toMatchObject({ code: 'CONFLICT', details: { requirement: 'check_recorded' } });
    await expect(act('record_check', township, { ...POOR_CHECK, income_wage: -5 })).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'data.income_wage' } });
    const checked = await act('record_check', township, POOR_CHECK);
    expect(checked.state).toBe('economic_check');
    expect(checked.checks[0]).toMatchObject({ scopes: POOR_CHECK.scopes });
    const assessed = await act('assess');
    expect(assessed.state).toBe('assessed');
    expect(assessed.assessment?.tier).toBe('dibao');
  });

  it('publishes a dibao proposal for 7 days before the county may approve it', async () => {
    await expect(act('decide', county, { outcome: 'approved', category: 'dibao' })).rejects.toMatchObject({ code: 'CONFLICT', details: { requirement: 'publicity_over' } });
    await expect(act('start_publicity', township, { category: 'marginal' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(act('start_publicity', township, { category: 'tekun' })).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'data.override_reason' } });
    const published = await act('start_publicity', township, { category: 'dibao' });
    expect(published.publicity).toEqual({ from: '2026-11-02', until: '2026-11-08', over: false });
    await expect(act('decide', township, { outcome: 'approved' })).rejects.toMatchObject({ code: 'FORBIDDEN' }); // township may not decide
    await expect(act('decide', county, { outcome: 'approved' })).rejects.toMatchObject({ code: 'CONFLICT', details: { requirement: 'publicity_over' } });
    await expect(act('decide', county, { outcome: 'refused' })).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'data.reasons' } });
    clock.advance(7 * 86_400_000); // 2026-11-09
    const decided = await act('decide', county, { outcome: 'approved' });
    expect(decided.state).toBe('decided');
    expect(decided.decision).toMatchObject({ outcome: 'approved', category: 'dibao', engine_tier: 'dibao', valid_from: '2026-11-09' });
    expect(decided.decision!.monthly_amount).toBeGreaterThan(0);
    const members = (await rt.services.householdReads.get(family.code, county)).members;
    expect(members.every((m) => m.categories.some((c) => c.category === 'dibao' && c.source === `decision:${decided.decision!.id}`))).toBe(true);
  });

  it('assists, reviews, and exits with a gradual exit and the offer of a marginal review', async () => {
    expect((await act('start_assistance')).state).toBe('assisting');
    await expect(act('close', township, undefined, '办结')).rejects.toMatchObject({ code: 'CONFLICT', details: { requirement: 'memberships' } });
    expect((await act('start_review')).state).toBe('under_review');
    await expect(act('continue')).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'note' } });
    expect((await act('continue', township, undefined, '复核收入无变化')).state).toBe('assisting');
    await expect(act('exit', township, undefined, '务工收入超过标准')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const exited = await act('exit', county, { gradual_exit: true }, '户主子女务工，家庭人均收入超过低保标准');
    expect(exited.state).toBe('exited');
    const followOn = (exited as { follow_on?: { follow_on_case_id: string } }).follow_on!.follow_on_case_id;
    const members = (await rt.services.householdReads.get(family.code, county)).members;
    // the gradual exit keeps the allowance 6 more months: the membership ends 2027-05-08
    expect(members[0].categories.find((c) => c.category === 'dibao')).toMatchObject({ valid_to: '2027-05-08' });
    const review = await rt.services.cases.get(followOn, township);
    expect(review).toMatchObject({ state: 'discovered', source: { kind: 'exit_review' }, household_code: family.code });
  });

  it('lists the cases of the region and hides them from another county', async () => {
    const mine = await rt.services.cases.list({ household: family.code }, county);
    expect(mine.total).toBe(2);
    expect((await rt.services.cases.list({}, otherCounty)).total).toBe(0);
    await expect(rt.services.cases.get(caseId, otherCounty)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
