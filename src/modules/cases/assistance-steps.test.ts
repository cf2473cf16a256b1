/**
 * Help from within a case, on a real database: a marginal family (no publicity) is decided by
 * the county, matched to programs, referred to the medical insurance bureau, given fast relief
 * within its cap; the bureau's handler answers from their inbox; a second payment for the same
 * period is held until confirmed; and the whole chain is on the household's timeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestRuntime } from '../../../test/support/db.js';
import { actorFor, anAlert, familyInNeed, POOR_CHECK, VISIT } from '../../../test/support/cases.js';
import { operatorActor, type Actor } from '../access/domain/actor.js';
import type { Runtime } from '../../platform/runtime.js';

const township = actorFor('township_officer', '220102001');
const village = actorFor('village_worker', '220102001001');
const county = actorFor('civil_affairs_officer', '220102');
const handler: Actor = { ...actorFor('department_handler', '2201'), department: '医保局' };
const education: Actor = { ...actorFor('department_handler', '2201'), department: '教育厅' };

describe.each(engines)('assistance from a case on %s', (engine) => {
  let rt: Runtime;
  // nobody seriously ill: a seriously ill member of a marginal family would be enrolled alone (单人保)
  const family = familyInNeed();
  family.members![0].health = 'chronic';
  let caseId: string;
  const act = (action: string, actor: Actor, data?: object, note?: string) => rt.services.cases.act(caseId, { action, data, note }, actor);

  beforeAll(async () => {
    rt = await openTestRuntime(engine);
    await rt.services.households.create(family, { actor: operatorActor('test') });
    caseId = (await rt.services.cases.open({ alert_id: await anAlert(rt, family.code) }, township)).case.id;
    await act('assign', township);
    const head = (await rt.services.householdReads.get(family.code, township)).members.find((m) => m.relation === 'head')!;
    await act('record_visit', village, { outcome: 'need_confirmed', visit: { ...VISIT, visited_on: '2026-11-01' }, authorization: { signed_by_person_id: head.id, scope: POOR_CHECK.scopes, signed_on: '2026-11-01', expires_on: '2027-10-31' } });
    // ¥19,000 a year for two: above the ¥643 standard, below 1.5 × — a marginal family
    await act('record_check', township, { ...POOR_CHECK, income_wage: 19000 });
  });
  afterAll(async () => rt?.close());

  it('decides a marginal family without publicity and matches its programs with reasons', async () => {
    expect((await act('assess', township)).assessment?.tier).toBe('marginal');
    await expect(act('start_publicity', township, { category: 'marginal' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const decided = await act('decide', county, { outcome: 'approved' });
    expect(decided.decision).toMatchObject({ category: 'marginal', outcome: 'approved' });
    expect((await act('start_assistance', township)).state).toBe('assisting');
    const recs = await rt.services.cases.recommendations(caseId, township);
    const medical = recs.find((r) => r.program.code === 'medical_assistance')!;
    expect(medical).toMatchObject({ recommended: true, program: { department: '医保局' } });
    expect(medical.reasons.length).toBeGreaterThan(0);
    expect(recs.find((r) => r.program.code === 'dibao_allowance')?.recommended).toBe(false);
  });

  it('refers to the medical insurance bureau, whose handler alone sees and answers it', async () => {
    const referred = await act('refer', township, { programs: ['medical_assistance'] }, '户主重病住院，请予医疗救助');
    expect(referred.referrals).toEqual([expect.objectContaining({ program_code: 'medical_assistance', department: '医保局', status: 'pending' })]);
    await expect(act('refer', township, { programs: ['medical_assistance'] })).rejects.toMatchObject({ code: 'CONFLICT' });
    const inbox = await rt.services.inbox.forActor(handler);
    const item = inbox.items.find((i) => i.kind === 'referral')!;
    expect(item).toMatchObject({ household_code: family.code, case_id: caseId });
    expect((await rt.services.inbox.forActor(education)).items.filter((i) => i.kind === 'referral')).toEqual([]);
    await rt.services.referrals.respond(item.referral_id!, { decision: 'accepted', result: '纳入医疗救助，报销住院自付部分', amount: 3200, granted_on: '2026-11-01', period_from: '2026-10-01', period_to: '2026-10-31' }, handler);
    const c = await rt.services.cases.get(caseId, township);
    expect(c.referrals[0]).toMatchObject({ status: 'accepted', amount: 3200 });
    expect(c.grants).toEqual([expect.objectContaining({ program_code: 'medical_assistance', amount: 3200 })]);
  });

  it('gives fast relief within one month of the standard, and holds a second one for the same day', async () => {
    await expect(act('fast_relief', township, { amount: 700 }, '急需生活费')).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'data.amount' } });
    await expect(act('fast_relief', township, { amount: 500 })).rejects.toMatchObject({ details: { field: 'note' } });
    const first = await act('fast_relief', township, { amount: 500 }, '急需生活费');
    expect(first.grants.find((g) => (g as { fast: boolean }).fast)).toMatchObject({ amount: 500, program_code: 'temporary' });
    await expect(act('fast_relief', township, { amount: 300 }, '再次救急')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(act('grant_temporary', township, { amount: 2000 }, '大病临时救助')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const confirmed = await act('grant_temporary', county, { amount: 2000, confirm_duplicate: true }, '住院押金，确需再次救助');
    expect(confirmed.grants.filter((g) => (g as { program_code: string }).program_code === 'temporary')).toHaveLength(2);
  });

  it('puts every step and every department\'s answer on one chain', async () => {
    const t = await rt.services.timeline.forHousehold(family.code, county);
    const kinds = new Set(t.events.map((e) => e.kind));
    for (const k of ['alert', 'case_opened', 'visit', 'check', 'assessment', 'decision', 'membership', 'referral', 'referral_answer', 'grant']) expect(kinds, k).toContain(k);
    expect(t.events.find((e) => e.kind === 'referral_answer')).toMatchObject({ department: 'medical_insurance' });
  });
});
