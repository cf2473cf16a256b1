/**
 * Queries of referrals and the view every reader gets: the household's code and its head's
 * name and masked ID number (never the full number), the program as it was when referred,
 * the department, why it was recommended, the due date and whether it is overdue, and the answer.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

export interface Referral {
  id: string;
  case_id: string | null;
  household_code: string;
  region_code: string;
  region_name: string | null;
  head: { name: string; id_number_masked: string } | null;
  program: { code: string; version: number; zh: string; en: string; type: string };
  department: { code: string; zh: string; en: string };
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
  reason: string | null;
  note: string | null;
  requested_by: string;
  requested_at: string;
  due: string | null;
  overdue: boolean;
  responded_by: string | null;
  responded_at: string | null;
  result: string | null;
  amount: number | null;
  granted_on: string | null;
  period_from: string | null;
  period_to: string | null;
  grant_id: string | null;
}

export const REFERRAL_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;

export function referralQuery(db: Kysely<DB>) {
  return db.selectFrom('referral as r')
    .innerJoin('household as h', 'h.id', 'r.household_id')
    .innerJoin('assistance_program_version as v', (j) => j.onRef('v.code', '=', 'r.program_code').onRef('v.version', '=', 'r.program_version'))
    .leftJoin('catalog_department as d', 'd.code', 'r.department')
    .leftJoin('region as g', 'g.code', 'r.region_code');
}

export const REFERRAL_COLUMNS = [
  'r.id', 'r.case_id', 'h.code as household_code', 'r.region_code', 'g.name as region_name', 'r.program_code', 'r.program_version', 'r.department',
  'd.zh as department_zh', 'd.en as department_en', 'r.status', 'r.reason', 'r.note', 'r.requested_by', 'r.requested_at', 'r.due',
  'r.responded_by', 'r.responded_at', 'r.result', 'r.amount', 'r.granted_on', 'r.period_from', 'r.period_to', 'r.household_id',
] as const;

export function selectReferrals(db: Kysely<DB>) {
  return referralQuery(db).select([
    ...REFERRAL_COLUMNS,
    sql<string>`v.definition->>'zh'`.as('program_zh'),
    sql<string>`v.definition->>'en'`.as('program_en'),
    sql<string>`v.definition->>'type'`.as('program_type'),
    sql<string | null>`(SELECT p.name FROM person p WHERE p.household_id = r.household_id AND p.relation = 'head' ORDER BY p.id LIMIT 1)`.as('head_name'),
    sql<string | null>`(SELECT p.id_number_masked FROM person p WHERE p.household_id = r.household_id AND p.relation = 'head' ORDER BY p.id LIMIT 1)`.as('head_masked'),
    sql<string | null>`(SELECT max(a.id) FROM assistance_grant a WHERE a.referral_id = r.id)`.as('grant_id'),
  ]);
}

export type ReferralRow = {
  id: string; case_id: string | null; household_code: string; region_code: string; region_name: string | null; program_code: string; program_version: number;
  department: string; department_zh: string | null; department_en: string | null; status: Referral['status']; reason: string | null; note: string | null;
  requested_by: string; requested_at: Date; due: string | null; responded_by: string | null; responded_at: Date | null; result: string | null;
  amount: string | null; granted_on: string | null; period_from: string | null; period_to: string | null; household_id: string;
  program_zh: string; program_en: string; program_type: string; head_name: string | null; head_masked: string | null; grant_id: string | null;
};

export function toReferral(r: ReferralRow, today: string): Referral {
  return {
    id: r.id, case_id: r.case_id, household_code: r.household_code, region_code: r.region_code, region_name: r.region_name,
    head: r.head_name ? { name: r.head_name, id_number_masked: r.head_masked ?? '' } : null,
    program: { code: r.program_code, version: r.program_version, zh: r.program_zh, en: r.program_en, type: r.program_type },
    department: { code: r.department, zh: r.department_zh ?? r.department, en: r.department_en ?? r.department },
    status: r.status, reason: r.reason, note: r.note, requested_by: r.requested_by, requested_at: new Date(r.requested_at).toISOString(),
    due: r.due, overdue: r.status === 'pending' && r.due !== null && r.due < today,
    responded_by: r.responded_by, responded_at: r.responded_at ? new Date(r.responded_at).toISOString() : null,
    result: r.result, amount: r.amount === null ? null : Number(r.amount), granted_on: r.granted_on, period_from: r.period_from, period_to: r.period_to,
    grant_id: r.grant_id === null ? null : String(r.grant_id),
  };
}
