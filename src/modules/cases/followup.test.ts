/**
 * Follow-up on a real database: overdue steps escalate level by level, review tasks are
 * scheduled once, each user's inbox holds their own work, the household's chain shows every
 * step, and the printed papers mask what they must.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestRuntime } from '../../../test/support/db.js';
import { actorFor, anAlert, familyInNeed, POOR_CHECK, VISIT } from '../../../test/support/cases.js';
import { newHousehold, newIdNumber, newPerson } from '../../../test/support/factories.js';
import { operatorActor } from '../access/domain/actor.js';
import { manualClock } from '../../platform/clock.js';
import type { Runtime } from '../../platform/runtime.js';

const VILLAGE = '220102001001';
const township = actorFor('township_officer', '220102001');
const village = actorFor('village_worker', VILLAGE);
const county = actorFor('civil_affairs_officer', '220102');
const DAY = 86_400_000;

describe.each(engines)('follow-up, inbox, chain and papers on %s', (engine) => {
  let rt: Runtime;
  const clock = manualClock('2026-11-02T09:00:00+08:00');
  const family = familyInNeed();
  const recipients = newHousehold({
    members: [newPerson({ id_number: newIdNumber('19500101'), name: '孙玉兰', relation: 'head', categories: [{ category: 'dibao', since: '2026-01-10' }] })],
  });
  const rigid = newHousehold({
    members: [newPerson({ id_number: newIdNumber('19800101'), name: '周志强', relation: 'head', categories: [] })],
  });
  let caseId: string;

  beforeAll(async () => {
    rt = await openTestRuntime(engine, clock);
    for (const h of [family, recipients, rigid]) await rt.services.households.create(h, { actor: operatorActor('test') });
    caseId = (await rt.services.cases.open({ alert_id: await anAlert(rt, family.code, { deadline: '2026-11-04' }) }, township)).case.id;
    await rt.services.cases.act(caseId, { action: 'assign' }, township);
  });
  afterAll(async () => rt?.close());

  it('puts each step in the inbox of the level that acts', async () => {
    const forVillage = await rt.services.inbox.forActor(village);
    expect(forVillage.items).toEqual([expect.objectContaining({ kind: 'case_step', case_id: caseId, state: 'assigned', due: '2026-11-04', head_name: '赵德明', overdue: false })]);
    expect((await rt.services.inbox.forActor(township)).items.filter((i) => i.case_id === caseId)).toEqual([]);
  });

  it('escalates an overdue visit to the county, then the prefecture, once per level', async () => {
    clock.advance(3 * DAY); // Thursday 2026-11-05: one working day late
    expect(await rt.services.followUp.escalate()).toMatchObject({ overdue: 1, escalated: 1 });
    expect(await rt.services.followUp.escalate()).toMatchObject({ escalated: 0 });
    let c = await rt.services.cases.get(caseId, county);
    expect(c.escalated_to).toMatchObject({ code: '220102' });
    expect(c.deadlines.step.overdue).toBe(true);
    expect((await rt.services.inbox.forActor(county)).items).toEqual([expect.objectContaining({ kind: 'escalated', case_id: caseId, overdue: true })]);
    expect((await rt.services.cases.list({ escalated: true }, county)).total).toBe(1);
    clock.advance(7 * DAY); // 2026-11-12: six working days late
    await rt.services.followUp.escalate();
    c = await rt.services.cases.get(caseId, county);
    expect(c.escalated_to).toMatchObject({ code: '2201' });
    expect(c.history.filter((h) => h.action === 'escalated').map((h) => (h.data as { to_region: string }).to_region)).toEqual(['220102', '2201']);
    // the next step starts afresh: no escalation
    await rt.services.cases.act(caseId, { action: 'save_visit', data: { visit: VISIT } }, village);
    expect((await rt.services.cases.get(caseId, county)).escalated_to).toMatchObject({ code: '2201' }); // a draft is the same step
    const head = (await rt.services.householdReads.get(family.code, township)).members.find((m) => m.relation === 'head')!;
    const moved = await rt.services.cases.act(caseId, { action: 'record_visit', data: { outcome: 'need_confirmed', authorization: { signed_by_person_id: head.id, scope: POOR_CHECK.scopes, signed_on: '2026-11-12', expires_on: '2027-11-11' } } }, village);
    expect(moved).toMatchObject({ state: 'economic_check', escalated_to: null, deadlines: { step: { overdue: false } } });
  });

  it('schedules periodic reviews and expiry reviews once', async () => {
    // the dibao recipients since 2026-01-10 are due a review 6 months on: 2026-07-10
    const first = await rt.services.followUp.schedule();
    expect(first.created.periodic_review).toBeGreaterThanOrEqual(1);
    expect((await rt.services.followUp.schedule()).created).toEqual({ periodic_review: 0, expiry: 0 });
    const tasks = await rt.database.db.selectFrom('review_task as t').innerJoin('household as h', 'h.id', 't.household_id').select(['t.id', 't.kind', 't.due', 'h.code']).where('h.code', '=', recipients.code).execute();
    expect(tasks).toEqual([expect.objectContaining({ kind: 'periodic_review', due: '2026-07-10' })]);
    const item = (await rt.services.inbox.forActor(township)).items.find((i) => i.kind === 'review' && i.household_code === recipients.code);
    expect(item).toMatchObject({ overdue: true, review_task_id: tasks[0].id });
    // a review task becomes a case under review; passing it settles the task
    const review = await rt.services.cases.open({ review_task_id: tasks[0].id }, township);
    expect(review.case.state).toBe('under_review');
    await rt.services.cases.act(review.case.id, { action: 'continue', note: '入户复核，情况无变化' }, township);
    const after = await rt.database.db.selectFrom('review_task').select('status').where('id', '=', tasks[0].id).executeTakeFirstOrThrow();
    expect(after.status).toBe('done');
  });

  it('schedules an expiry review a month before a rigid-expenditure recognition lapses', async () => {
    const person = (await rt.services.householdReads.get(rigid.code, county)).members[0];
    await rt.services.households.addMembership(person.id, { category: 'rigid_expense', valid_from: '2025-12-20', source: 'manual' }, { actor: operatorActor('test') });
    await rt.database.db.updateTable('category_membership').set({ valid_to: '2026-12-01' }).where('person_id', '=', person.id).execute();
    const r = await rt.services.followUp.schedule();
    expect(r.created.expiry).toBe(1);
    const t = await rt.database.db.selectFrom('review_task').select(['kind', 'due', 'category']).where('kind', '=', 'expiry').executeTakeFirstOrThrow();
    expect(t).toEqual({ kind: 'expiry', due: '2026-12-01', category: 'rigid_expense' });
  });

  it('shows the household chain: alert, case steps, memberships, newest first, without names', async () => {
    const t = await rt.services.timeline.forHousehold(family.code, county);
    const kinds = t.events.map((e) => e.kind);
    expect(kinds).toContain('alert');
    expect(kinds).toContain('case_opened');
    expect(kinds).toContain('visit');
    expect(t.events.find((e) => e.kind === 'case_step' && e.zh.includes('超期升级督办'))).toBeTruthy();
    // newest first: no event is followed by a later one; at the same moment, the later record first
    for (let i = 1; i < t.events.length; i++) expect(t.events[i - 1].at >= t.events[i].at).toBe(true);
    const steps = t.events.filter((e) => e.ref?.startsWith('case_event:'));
    for (let i = 1; i < steps.length; i++) if (steps[i - 1].at === steps[i].at) expect(Number(steps[i - 1].ref!.slice(11)) > Number(steps[i].ref!.slice(11))).toBe(true);
    expect(JSON.stringify(t)).not.toContain('赵德明');
    await expect(rt.services.timeline.forHousehold(family.code, actorFor('civil_affairs_officer', '220581'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('prints the visit survey with masked ID numbers and the publicity list with masked names', async () => {
    const doc = await rt.services.documents.forCase(caseId, 'visit', township) as unknown as { household: { members: { id_number_masked: string; name: string }[] }; visit: { outcome: string } };
    expect(doc.visit.outcome).toBe('need_confirmed');
    expect(doc.household.members[0].id_number_masked).toMatch(/\*{8}/);
    await rt.services.cases.act(caseId, { action: 'record_check', data: POOR_CHECK }, township);
    await rt.services.cases.act(caseId, { action: 'assess' }, township);
    await rt.services.cases.act(caseId, { action: 'start_publicity', data: { category: 'dibao' } }, township);
    const list = await rt.services.documents.publicity(township);
    expect(list.items).toEqual([expect.objectContaining({ case_id: caseId, name: '赵*明', household_size: 2, category: 'dibao' })]);
    expect(list.region_path.at(-1)!.code).toBe(township.regionCode);
    expect(JSON.stringify(list)).not.toMatch(/\d{17}[\dX]/);
    await expect(rt.services.documents.forCase(caseId, 'notice', township)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(rt.services.documents.forCase(caseId, 'poster', township)).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
