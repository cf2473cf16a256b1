/**
 * Payments on the household's chain (一户一条救助链): every line of an approved roll that paid,
 * stopped, held or adjusted the household's money, with the reason, dated when the roll was
 * approved; a payment the bank returned says so.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { TimelineEvent, TimelineSource } from '../cases/timeline.service.js';
import { programOf, type ProgramCode } from './domain/entitlement.js';

const yuan = (fen: string | number) => `¥${(Number(fen) / 100).toFixed(2)}`;

export const paymentTimeline: TimelineSource = {
  async timelineEvents(householdId: string, db: Kysely<DB>): Promise<TimelineEvent[]> {
    const rows = await db.selectFrom('payment_line as l').innerJoin('payment_roll as r', 'r.id', 'l.roll_id')
      .select(['l.id', 'l.program', 'l.for_month', 'l.kind', 'l.status', 'l.change', 'l.amount_fen', 'l.reason', 'l.bank_status', 'l.returned_reason', 'r.month', 'r.approved_at', 'r.approved_by'])
      .where('l.household_id', '=', householdId).where('r.status', '=', 'approved').where('l.change', '<>', 'unchanged').orderBy('l.id').limit(500).execute();
    return rows.map((l) => {
      const p = programOf(l.program as ProgramCode);
      const reason = l.reason as { zh: string; en: string } | null;
      const what = l.kind === 'adjustment'
        ? { zh: `${l.status === 'recovery' ? '追回' : '补发'}${p.zh} ${l.for_month} ${yuan(Math.abs(Number(l.amount_fen)))}`, en: `${l.status === 'recovery' ? 'recovery' : 'back pay'} of ${p.en} for ${l.for_month}: ${yuan(Math.abs(Number(l.amount_fen)))}` }
        : l.status === 'payable'
          ? { zh: `${l.change === 'new' ? '开始发放' : '发放'}${p.zh} ${l.for_month} ${yuan(l.amount_fen)}`, en: `${p.en} paid for ${l.for_month}: ${yuan(l.amount_fen)}` }
          : { zh: `${l.status === 'held' ? '暂停发放' : '停发'}${p.zh}（${l.for_month}）`, en: `${p.en} ${l.status === 'held' ? 'held' : 'stopped'} (${l.for_month})` };
      const why = reason && l.status !== 'payable' ? { zh: `：${reason.zh}`, en: `: ${reason.en}` } : { zh: '', en: '' };
      const returned = l.bank_status === 'returned' ? { zh: `；银行退回${l.returned_reason ? `（${l.returned_reason}）` : ''}`, en: `; returned by the bank${l.returned_reason ? ` (${l.returned_reason})` : ''}` } : { zh: '', en: '' };
      return {
        at: new Date(l.approved_at!).toISOString(), kind: 'payment', zh: `${what.zh}${why.zh}${returned.zh}`, en: `${what.en}${why.en}${returned.en}`,
        actor: l.approved_by, department: 'civil_affairs', case_id: null, ref: `payment_line:${l.id}`,
      };
    });
  },
};
