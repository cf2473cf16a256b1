/**
 * Every discovery channel becomes a case: a family's online application (registered when
 * verified, its online consent becoming the household's authorization), a village worker's
 * report about a registered household (joining its open case), and a lead from department data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestRuntime } from '../../../test/support/db.js';
import { actorFor, familyInNeed, POOR_CHECK, VISIT } from '../../../test/support/cases.js';
import { newApplication, newReport } from '../../../test/support/intake.js';
import { newIdNumber } from '../../../test/support/factories.js';
import { operatorActor } from '../access/domain/actor.js';
import type { Runtime } from '../../platform/runtime.js';

const VILLAGE = '220102001001';
const township = actorFor('township_officer', '220102001');
const village = actorFor('village_worker', VILLAGE);

describe.each(engines)('discovery channels becoming cases on %s', (engine) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await openTestRuntime(engine);
  });
  afterAll(async () => rt?.close());

  it('takes an online application into a case, registers the family on the visit and keeps their consent', async () => {
    const form = newApplication({ applicant: { name: '吴国庆', id_number: newIdNumber('19780101'), relation: 'head' }, consent: { authorize_check: true, declaration: true, signer_name: '吴国庆' } });
    const { reference } = await rt.services.applications.submit(form);
    const app = await rt.database.db.selectFrom('case_application').select(['id', 'status']).where('reference', '=', reference).executeTakeFirstOrThrow();
    const { case: c } = await rt.services.cases.open({ application_id: app.id }, township);
    expect(c).toMatchObject({ state: 'discovered', household_code: null, subject: { name: '吴国庆' }, source: { kind: 'application', id: app.id } });
    expect(c.subject!.id_number_masked).toMatch(/\*{8}/);
    await expect(rt.services.cases.open({ application_id: app.id }, township)).rejects.toMatchObject({ code: 'CONFLICT' });
    const act = (action: string, actor = township, data?: object) => rt.services.cases.act(c.id, { action, data }, actor);
    await act('assign');
    // a confirmed need needs a registered household first
    await expect(act('record_visit', village, { outcome: 'need_confirmed', visit: { ...VISIT, visited_on: '2026-11-01' } })).rejects.toMatchObject({ details: { requirement: 'household' } });
    await expect(act('register_household', village, { household: { hukou_type: 'urban' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const registered = await act('register_household', township, { household: {} });
    expect(registered.household_code).toMatch(new RegExp(`^H${VILLAGE}\\d{4}$`));
    const h = await rt.services.householdReads.get(registered.household_code!, township);
    expect(h.members.map((m) => m.name).sort()).toEqual(['吴国庆', '李秀兰']);
    const auths = await rt.services.authorizations.list(registered.household_code!, township);
    expect(auths).toEqual([expect.objectContaining({ valid: true, file_ref: `online-application:${reference}` })]);
    // the online authorization covers the visit and the check: no new signature needed
    expect((await act('record_visit', village, { outcome: 'need_confirmed', visit: { ...VISIT, visited_on: '2026-11-01' } })).state).toBe('economic_check');
    expect((await act('record_check', township, POOR_CHECK)).state).toBe('economic_check');
    const status = await rt.services.applications.status({ reference, id_number: form.applicant.id_number });
    expect(status.status).toBe('accepted');
  });

  it('joins a village worker\'s report about a household to its open case', async () => {
    const family = familyInNeed();
    await rt.services.households.create(family, { actor: operatorActor('test') });
    const first = await rt.services.reports.create(newReport({ household_code: family.code }), village);
    const opened = await rt.services.cases.open({ report_id: first.id }, township);
    expect(opened).toMatchObject({ attached: false, case: { household_code: family.code, source: { kind: 'report' } } });
    const second = await rt.services.reports.create(newReport({ household_code: family.code, difficulties: ['housing'], description: '房屋漏雨' }), village);
    const joined = await rt.services.cases.open({ report_id: second.id }, township);
    expect(joined).toMatchObject({ attached: true, case: { id: opened.case.id } });
    expect(joined.case.history.map((e) => e.action)).toEqual(['open', 'attach_report']);
  });

  it('opens a lead about a person not in the registry at the county, and the assignment brings it down to a village', async () => {
    const db = rt.database.db;
    const run = await db.insertInto('monitor_run').values({ kind: 'full', as_of: '2026-11-01', actor: 'test', status: 'finished' }).returning('id').executeTakeFirstOrThrow();
    const lead = await db.insertInto('monitor_alert').values({
      indicator: 'medical_oop_annual', indicator_version: 1, level: 'red', level_rank: 4, subject_key: 'x:leadhash', id_hash: 'leadhash', id_masked: '220102********0011',
      region_code: '220102', as_of: '2026-11-01', deadline: '2026-11-04', action: 'medical_referral', evidence: '[]', run_id: run.id,
    }).returning('id').executeTakeFirstOrThrow();
    const county = actorFor('civil_affairs_officer', '220102');
    await expect(rt.services.cases.open({ alert_id: lead.id }, township)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { case: c } = await rt.services.cases.open({ alert_id: lead.id }, county);
    expect(c).toMatchObject({ region_code: '220102', household_code: null, subject: { id_number_masked: '220102********0011' } });
    const assigned = await rt.services.cases.act(c.id, { action: 'assign', data: { to_region: VILLAGE } }, county);
    expect(assigned).toMatchObject({ state: 'assigned', region_code: VILLAGE });
    expect((await rt.services.cases.get(c.id, village)).id).toBe(c.id);
  });
});
