/**
 * How the case pages, the household chain and the inbox read the assistance module: its
 * referrals and grants shown on a case and on the timeline, and a department handler's pending
 * referrals in their inbox. Read through the assistance services, never their tables.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { can, type Actor } from '../access/domain/actor.js';
import type { Grant, GrantService } from '../assistance/grant.service.js';
import type { ReferralService } from '../assistance/referral.service.js';
import type { Referral } from '../assistance/referral.store.js';
import type { AssistanceReads } from './case-view.js';
import type { InboxItem, InboxSource } from './inbox.service.js';
import type { TimelineEvent, TimelineSource } from './timeline.service.js';

/** The case page's shape: the program's code and names flat, the department by name. */
const referralRow = (r: Referral) => ({ ...r, program_code: r.program.code, program_zh: r.program.zh, program_en: r.program.en, department: r.department.zh, department_code: r.department.code });
const grantRow = (g: Grant) => ({ ...g, program_code: g.program.code, program_zh: g.program.zh, program_en: g.program.en, department: g.department.zh, department_code: g.department.code });

export function assistanceReads(referrals: ReferralService, grants: GrantService): AssistanceReads {
  return {
    referralsForCase: async (caseId, db) => (await referrals.listForCase(caseId, db)).map(referralRow),
    grantsForCase: async (caseId, db) => (await grants.listForCase(caseId, db)).map(grantRow),
  };
}

const STATUS_ZH: Record<string, string> = { accepted: '已受理', declined: '不予受理', withdrawn: '已撤回' };

export function assistanceTimeline(referrals: ReferralService, grants: GrantService): TimelineSource {
  return {
    async timelineEvents(householdId: string, db: Kysely<DB>): Promise<TimelineEvent[]> {
      const out: TimelineEvent[] = [];
      for (const r of await referrals.listForHousehold(householdId, db)) {
        out.push({ at: r.requested_at, kind: 'referral', zh: `转介${r.department.zh}：${r.program.zh}`, en: `referred to ${r.department.en}: ${r.program.en}`, actor: r.requested_by, department: 'civil_affairs', case_id: r.case_id, ref: `referral:${r.id}` });
        if (r.responded_at) {
          const money = r.amount !== null ? `，¥${r.amount}` : '';
          out.push({ at: r.responded_at, kind: 'referral_answer', zh: `${r.department.zh}${STATUS_ZH[r.status] ?? r.status}：${r.program.zh}${money}${r.result ? `（${r.result}）` : ''}`, en: `${r.department.en} ${r.status}: ${r.program.en}${r.amount !== null ? `, ¥${r.amount}` : ''}`, actor: r.responded_by, department: r.department.code, case_id: r.case_id, ref: `referral:${r.id}` });
        }
      }
      for (const g of await grants.listForHousehold(householdId, db)) {
        const money = g.amount !== null ? ` ¥${g.amount}` : '';
        out.push({
          at: g.created_at, kind: 'grant', zh: `${g.fast ? '小额快救' : '救助发放'}：${g.program.zh}${money}（${g.period_from}${g.period_to !== g.period_from ? ` 至 ${g.period_to}` : ''}）${g.duplicate_of ? ' 重复发放已确认' : ''}`,
          en: `${g.fast ? 'fast relief' : 'assistance granted'}: ${g.program.en}${money} (${g.period_from}${g.period_to !== g.period_from ? `–${g.period_to}` : ''})`, actor: g.recorded_by, department: g.department.code, case_id: g.case_id, ref: `grant:${g.id}`,
        });
      }
      return out;
    },
  };
}

/** A department handler's pending referrals (the assistance module applies the department rule). */
export function referralInbox(referrals: ReferralService, today: () => string): InboxSource {
  return {
    async inboxItems(actor: Actor): Promise<InboxItem[]> {
      if (!can(actor, 'referral.handle') || !actor.department) return [];
      const { referrals: pending } = await referrals.list({ status: 'pending', limit: 200 }, actor);
      return pending.map((r) => ({
        kind: 'referral', referral_id: r.id, case_id: r.case_id ?? undefined, household_code: r.household_code, head_name: r.head?.name ?? null,
        title: { zh: `转介待办：${r.program.zh}`, en: `referral: ${r.program.en}` }, due: r.due, overdue: !!r.due && r.due < today(),
      }));
    },
  };
}
