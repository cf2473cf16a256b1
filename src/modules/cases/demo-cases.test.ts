/**
 * The demo shows full chains: after `seed demo`, the demo village's alerts are cases at every
 * stage, some decided and referred with the department's answer on the household's chain, an
 * application and a report wait to be taken in, and every demo role has work in its inbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime } from '../../../test/support/db.js';
import { seedDemo } from '../registry/demo/demo.service.js';
import { operatorActor } from '../access/domain/actor.js';
import type { Runtime } from '../../platform/runtime.js';

describe('demo cases', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await openTestRuntime('pglite');
    await seedDemo(rt, { households: 1000, seed: 1, actor: 'system:demo' });
  }, 300_000);
  afterAll(async () => rt?.close());

  it('leaves cases at many stages, and at least one full chain from alert to money', async () => {
    const { cases } = await rt.services.cases.list({ limit: 500 }, operatorActor('test'));
    const states = new Set(cases.map((c) => c.state));
    expect(states.size).toBeGreaterThanOrEqual(5);
    for (const s of ['discovered', 'assigned', 'verifying', 'economic_check']) expect(states, s).toContain(s);
    const helped = await rt.database.db.selectFrom('assistance_grant as g').innerJoin('referral as r', 'r.id', 'g.referral_id').select(['g.household_id', 'r.case_id']).execute();
    expect(helped.length).toBeGreaterThan(0);
    const code = (await rt.database.db.selectFrom('household').select('code').where('id', '=', helped[0].household_id).executeTakeFirstOrThrow()).code;
    const chain = await rt.services.timeline.forHousehold(code, operatorActor('test'));
    for (const k of ['alert', 'case_opened', 'visit', 'check', 'assessment', 'decision', 'referral', 'referral_answer', 'grant']) expect(chain.events.map((e) => e.kind), k).toContain(k);
    // several families followed to the help, and every step of theirs already happened
    expect(new Set(helped.map((h) => h.household_id)).size).toBeGreaterThanOrEqual(2);
    const events = await rt.database.db.selectFrom('case_event').select('at').execute();
    const now = Date.now();
    expect(events.filter((e) => new Date(e.at).getTime() > now)).toEqual([]);
    const grants = await rt.database.db.selectFrom('assistance_grant').select(['granted_on', 'period_to']).execute();
    expect(grants.filter((g) => String(g.granted_on) > rt.clock.today())).toEqual([]);
    const received = await rt.database.db.selectFrom('case_application').select('status').execute();
    expect(received.map((r) => r.status)).toContain('received');
  });

  it('pays the demo county\'s recipients: last month\'s roll approved by a colleague, this month\'s ready to prepare', async () => {
    const db = rt.database.db;
    const rolls = await db.selectFrom('payment_roll').selectAll().execute();
    expect(rolls).toHaveLength(1);
    expect(rolls[0]).toMatchObject({ status: 'approved', prepared_by: 'user:demo_county_clerk', approved_by: 'user:demo_admin' });
    const county = rolls[0].region_code;
    const month = rt.clock.today().slice(0, 7);
    const clerk = { ...operatorActor('demo'), label: 'user:demo_county', regionCode: county };
    const roll = await rt.services.rolls.prepare({ month, region: county }, clerk);
    expect(roll.totals.payable_lines).toBeGreaterThan(10);
    // the three recipients who died last month: two stop, one family's allowance is held for a new payee
    const stopped = roll.lines.filter((l) => l.change === 'stopped');
    expect(stopped).toHaveLength(3);
    expect(stopped.filter((l) => l.status === 'stopped' && l.reason.includes('死亡'))).toHaveLength(2);
    expect(stopped.filter((l) => l.status === 'held' && l.reason.includes('领款人已去世'))).toHaveLength(1);
    expect(roll.lines.every((l) => !/\d{17}[\dX]/.test(l.payee.id_number_masked))).toBe(true);
  });
});
