/**
 * My work (我的待办): what waits for the signed-in user, overdue first — case steps at their
 * level in their region, cases escalated to them (督办), review tasks, and, for a department
 * handler, referrals to their department (contributed by the assistance module).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { can, type Actor } from '../access/domain/actor.js';
import { stateLabel, type CaseState } from './domain/case-machine.js';

export interface InboxItem {
  kind: 'case_step' | 'escalated' | 'review' | 'referral';
  case_id?: string;
  referral_id?: string;
  review_task_id?: string;
  household_code?: string | null;
  head_name?: string | null;
  title: { zh: string; en: string };
  state?: string;
  due: string | null;
  overdue: boolean;
  escalated_to?: string | null;
}

export interface InboxSource {
  inboxItems(actor: Actor, db: Kysely<DB>): Promise<InboxItem[]>;
}

/** Which level acts next in each state, and what it does there. */
const NEXT: Partial<Record<CaseState, { digits: number; zh: string; en: string }>> = {
  discovered: { digits: 9, zh: '受理并分派入户核查', en: 'assign the home visit' },
  assigned: { digits: 12, zh: '入户核查', en: 'make the home visit' },
  verifying: { digits: 12, zh: '完成入户核查', en: 'finish the home visit' },
  economic_check: { digits: 9, zh: '经济状况核对与测算', en: 'economic check and identification' },
  assessed: { digits: 9, zh: '提出认定意见', en: 'propose a tier' },
  publicity: { digits: 6, zh: '公示期满后审核确认', en: 'decide after the publicity' },
  decided: { digits: 9, zh: '落实救助或办结', en: 'start assistance or close' },
  under_review: { digits: 9, zh: '完成复核', en: 'finish the review' },
};

export class InboxService {
  private readonly sources: InboxSource[] = [];

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  addSource(s: InboxSource): void {
    this.sources.push(s);
  }

  async forActor(actor: Actor): Promise<{ items: InboxItem[]; counts: { total: number; overdue: number } }> {
    const today = this.clock.today();
    const items: InboxItem[] = [];
    if (can(actor, 'case.read')) items.push(...(await this.caseSteps(actor, today)), ...(await this.escalated(actor, today)));
    if (can(actor, 'case.manage') && actor.regionCode.length >= 9) items.push(...(await this.reviews(actor, today)));
    for (const s of this.sources) items.push(...(await s.inboxItems(actor, this.db)));
    items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.due ?? '9999') .localeCompare(b.due ?? '9999'));
    return { items: items.slice(0, 500), counts: { total: items.length, overdue: items.filter((i) => i.overdue).length } };
  }

  private base(actor: Actor) {
    return this.db.selectFrom('assistance_case as c')
      .leftJoin('household as h', 'h.id', 'c.household_id')
      .leftJoin('person as p', (j) => j.onRef('p.household_id', '=', 'c.household_id').on('p.relation', '=', 'head'))
      .leftJoin('assessment as a', 'a.id', 'c.assessment_id')
      .select(['c.id', 'c.state', 'c.step_due', 'c.escalated_to', 'c.region_code', 'c.assignee_user_id', 'c.assignee_region', 'c.publicity_until', 'h.code', 'p.name', 'c.subject_name', 'a.tier'])
      .where('c.region_code', 'like', `${actor.regionCode}%`);
  }

  private async caseSteps(actor: Actor, today: string): Promise<InboxItem[]> {
    const level = actor.regionCode.length;
    // an assessed 低保/特困 case goes to publicity (township); any other tier straight to the county's decision
    const digitsFor = (state: CaseState, tier: string | null) => (state === 'assessed' && tier !== 'dibao' && tier !== 'tekun' ? 6 : NEXT[state]!.digits);
    const states = (Object.keys(NEXT) as CaseState[]).filter((s) => (NEXT[s]!.digits === level || (s === 'assessed' && level === 6)) && this.mayAct(actor, s));
    if (states.length === 0) return [];
    const rows = await this.base(actor).where('c.state', 'in', states).orderBy('c.step_due').limit(500).execute();
    return rows
      .filter((r) => digitsFor(r.state, r.tier) === level)
      .filter((r) => r.state !== 'publicity' || (r.publicity_until ?? '') < today)
      .filter((r) => !r.assignee_user_id || !actor.userId || r.assignee_user_id === actor.userId || actor.regionCode.length < 12)
      .map((r) => {
        const next = r.state === 'assessed' && level === 6 ? { zh: '审核确认', en: 'decide' } : NEXT[r.state]!;
        return { kind: 'case_step', case_id: r.id, household_code: r.code, head_name: r.name ?? r.subject_name, title: { zh: next.zh, en: next.en }, state: r.state, due: r.step_due, overdue: !!r.step_due && r.step_due < today };
      });
  }

  private async escalated(actor: Actor, today: string): Promise<InboxItem[]> {
    if (actor.regionCode.length > 6) return [];
    const rows = await this.base(actor).where('c.escalated_to', '=', actor.regionCode).limit(500).execute();
    return rows.map((r) => {
      const s = stateLabel(r.state);
      return { kind: 'escalated', case_id: r.id, household_code: r.code, head_name: r.name ?? r.subject_name, title: { zh: `超期督办：${s.zh}`, en: `overdue, escalated: ${s.en}` }, state: r.state, due: r.step_due, overdue: true, escalated_to: r.escalated_to };
    });
  }

  private async reviews(actor: Actor, today: string): Promise<InboxItem[]> {
    const rows = await this.db.selectFrom('review_task as t').innerJoin('household as h', 'h.id', 't.household_id')
      .leftJoin('person as p', (j) => j.onRef('p.household_id', '=', 't.household_id').on('p.relation', '=', 'head'))
      .select(['t.id', 't.kind', 't.category', 't.due', 't.case_id', 'h.code', 'p.name'])
      .where('t.region_code', 'like', `${actor.regionCode}%`).where('t.status', '=', 'open').orderBy('t.due').limit(500).execute();
    return rows.map((r) => ({
      kind: 'review', review_task_id: r.id, case_id: r.case_id ?? undefined, household_code: r.code, head_name: r.name,
      title: r.kind === 'expiry' ? { zh: '刚性支出困难认定即将到期，请复核', en: 'a rigid-expenditure recognition expires: review it' } : { zh: `定期复核（${r.category}）`, en: `periodic review (${r.category})` },
      due: r.due, overdue: r.due < today,
    }));
  }

  private mayAct(actor: Actor, state: CaseState): boolean {
    if (state === 'assigned' || state === 'verifying') return can(actor, 'case.visit');
    if (state === 'publicity' || (state === 'assessed' && actor.regionCode.length === 6)) return can(actor, 'case.decide');
    return can(actor, 'case.manage');
  }
}
