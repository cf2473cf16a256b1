/**
 * Tables of the case flow and of assistance (migration 20261204_0010_cases.sql), part of the
 * Kysely DB type in schema.ts and checked against the database by test/schema.test.ts.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type NullableNumeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;
type DateOnly = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string | undefined, string>;
type TextArray = ColumnType<string[], string[], string[]>;

export type CaseState =
  | 'discovered' | 'assigned' | 'verifying' | 'economic_check' | 'assessed' | 'publicity' | 'decided'
  | 'assisting' | 'under_review' | 'closed' | 'exited' | 'unreachable' | 'no_need';

export interface CaseApplicationTable {
  id: Generated<string>;
  reference: string;
  region_code: string;
  hukou_type: 'urban' | 'rural';
  address: string | null;
  applicant_name: string;
  applicant_id_hash: string;
  applicant_id_sealed: string;
  applicant_id_masked: string;
  phone_sealed: string | null;
  phone_masked: string | null;
  members_sealed: string;
  member_count: number;
  needs: TextArray;
  description: string | null;
  consent: Json;
  channel: 'online' | 'window';
  status: ColumnType<'received' | 'accepted' | 'withdrawn', 'received' | 'accepted' | 'withdrawn' | undefined>;
  received_at: Timestamp;
}

export interface CaseReportTable {
  id: Generated<string>;
  household_id: string | null;
  person_name: string | null;
  person_id_hash: string | null;
  person_id_sealed: string | null;
  person_id_masked: string | null;
  region_code: string;
  address: string | null;
  difficulties: TextArray;
  description: string;
  urgency: 'normal' | 'urgent';
  reported_by: string;
  client_key: string | null;
  status: ColumnType<'received' | 'accepted', 'received' | 'accepted' | undefined>;
  created_at: Timestamp;
}

export interface AssistanceCaseTable {
  id: Generated<string>;
  household_id: string | null;
  subject_name: string | null;
  subject_id_hash: string | null;
  subject_id_sealed: string | null;
  subject_id_masked: string | null;
  region_code: string;
  source_kind: 'alert' | 'application' | 'report' | 'review' | 'exit_review';
  source_id: string | null;
  state: CaseState;
  state_since: Timestamp;
  step_due: DateOnly | null;
  total_due: DateOnly | null;
  extended: ColumnType<boolean, boolean | undefined, boolean>;
  escalated_to: string | null;
  assignee_region: string | null;
  assignee_user_id: string | null;
  proposed_category: string | null;
  assessment_id: string | null;
  publicity_from: DateOnly | null;
  publicity_until: DateOnly | null;
  version: ColumnType<number, number | undefined, number>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: NullableTimestamp;
}

export interface CaseAlertTable {
  case_id: string;
  alert_id: string;
  attached_by: string;
  attached_at: Timestamp;
}

export interface CaseEventTable {
  id: Generated<string>;
  case_id: string;
  at: Timestamp;
  actor: string;
  action: string;
  from_state: string | null;
  to_state: string;
  note: string | null;
  data: Json;
}

export interface CaseVisitTable {
  id: Generated<string>;
  case_id: string;
  household_id: string | null;
  visitor: string;
  status: 'draft' | 'submitted';
  form: ColumnType<unknown, string, string>;
  outcome: 'need_confirmed' | 'no_need' | 'unreachable' | null;
  visited_on: DateOnly | null;
  saved_at: Timestamp;
  submitted_at: NullableTimestamp;
}

export interface EconomicCheckTable {
  id: Generated<string>;
  case_id: string;
  household_id: string;
  authorization_id: string;
  checked_on: DateOnly;
  scopes: TextArray;
  snapshot_id: string;
  findings: string | null;
  recorded_by: string;
  created_at: Timestamp;
}

export interface CaseDecisionTable {
  id: Generated<string>;
  case_id: string;
  household_id: string;
  kind: 'recognition' | 'exit';
  outcome: 'approved' | 'refused' | 'exited';
  category: 'dibao' | 'tekun' | 'marginal' | 'rigid_expense' | null;
  engine_tier: string | null;
  override_reason: string | null;
  reasons: string | null;
  assessment_id: string | null;
  parameters: Json;
  person_ids: Json;
  valid_from: DateOnly | null;
  valid_to: DateOnly | null;
  monthly_amount: NullableNumeric;
  decided_by: string;
  decided_at: Timestamp;
}

export interface AssistanceProgramTable {
  code: string;
  definition: ColumnType<unknown, string, string>;
  version: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  updated_by: string;
  updated_at: Timestamp;
}

export interface AssistanceProgramVersionTable {
  code: string;
  version: number;
  definition: ColumnType<unknown, string, string>;
  active: boolean;
  updated_by: string;
  updated_at: Timestamp;
}

export interface ReferralTable {
  id: Generated<string>;
  case_id: string | null;
  household_id: string;
  program_code: string;
  program_version: number;
  department: string;
  region_code: string;
  status: ColumnType<'pending' | 'accepted' | 'declined' | 'withdrawn', 'pending' | 'accepted' | 'declined' | 'withdrawn' | undefined>;
  reason: string | null;
  note: string | null;
  requested_by: string;
  requested_at: Timestamp;
  due: DateOnly | null;
  responded_by: string | null;
  responded_at: NullableTimestamp;
  result: string | null;
  amount: NullableNumeric;
  granted_on: DateOnly | null;
  period_from: DateOnly | null;
  period_to: DateOnly | null;
}

export interface AssistanceGrantTable {
  id: Generated<string>;
  household_id: string;
  person_id: string | null;
  case_id: string | null;
  referral_id: string | null;
  program_code: string;
  department: string;
  amount: NullableNumeric;
  period_from: DateOnly;
  period_to: DateOnly;
  granted_on: DateOnly;
  fast: ColumnType<boolean, boolean | undefined, boolean>;
  duplicate_of: string | null;
  reason: string | null;
  recorded_by: string;
  created_at: Timestamp;
}

export interface ReviewTaskTable {
  id: Generated<string>;
  household_id: string;
  case_id: string | null;
  kind: 'periodic_review' | 'expiry';
  category: string;
  region_code: string;
  due: DateOnly;
  status: ColumnType<'open' | 'done' | 'cancelled', 'open' | 'done' | 'cancelled' | undefined>;
  created_at: Timestamp;
  done_at: NullableTimestamp;
  done_by: string | null;
}

export interface CaseTables {
  case_application: CaseApplicationTable;
  case_report: CaseReportTable;
  assistance_case: AssistanceCaseTable;
  case_alert: CaseAlertTable;
  case_event: CaseEventTable;
  case_visit: CaseVisitTable;
  economic_check: EconomicCheckTable;
  case_decision: CaseDecisionTable;
  assistance_program: AssistanceProgramTable;
  assistance_program_version: AssistanceProgramVersionTable;
  referral: ReferralTable;
  assistance_grant: AssistanceGrantTable;
  review_task: ReviewTaskTable;
}
