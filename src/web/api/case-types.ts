/**
 * The shapes of the cases API (docs/cases.md): states, actions, the visit vocabularies, the case
 * JSON, the inbox, recommendations and the household timeline. Where docs/cases.md shows a part
 * only as `[]` (visits, checks, referrals, grants, decision), the shape mirrors its table.
 */
import type { AssessmentResult, Bilingual, TierCategory } from './recognition';

export type CaseState =
  | 'discovered' | 'assigned' | 'verifying' | 'economic_check' | 'assessed' | 'publicity' | 'decided'
  | 'assisting' | 'under_review' | 'closed' | 'exited' | 'unreachable' | 'no_need';

/** The main path the step bar shows, in order. */
export const MAIN_PATH: readonly CaseState[] = ['discovered', 'assigned', 'verifying', 'economic_check', 'assessed', 'publicity', 'decided', 'assisting'];
/** States off the main path (shown plainly beside the step bar). */
export const SIDE_STATES: readonly CaseState[] = ['under_review', 'closed', 'exited', 'unreachable', 'no_need'];
export const CASE_STATES: readonly CaseState[] = [...MAIN_PATH, ...SIDE_STATES];

export type CaseAction =
  | 'assign' | 'start_visit' | 'save_visit' | 'register_household' | 'record_visit' | 'reopen'
  | 'record_check' | 'assess' | 'start_publicity' | 'object' | 'decide' | 'refer' | 'fast_relief'
  | 'grant_temporary' | 'start_assistance' | 'close' | 'start_review' | 'continue' | 'exit' | 'extend';

export const NEEDS = ['living', 'medical', 'education', 'housing', 'employment', 'disaster', 'care', 'other'] as const;
export const LIVING_CONDITIONS = ['poor', 'basic', 'adequate'] as const;
export const HOUSING_TYPES = ['own', 'rented', 'borrowed', 'public', 'none'] as const;
export const HOUSING_CONDITIONS = ['safe', 'C', 'D', 'unknown'] as const;
export const INCOME_SOURCES = ['wage', 'farming', 'business', 'pension', 'transfer', 'support', 'none', 'other'] as const;
export const VISIT_OUTCOMES = ['need_confirmed', 'no_need', 'unreachable'] as const;
/** The data an economic check may query (docs/access.md), each needing the family's authorization. */
export const CHECK_SCOPES = [
  'household_registration', 'tax', 'social_insurance', 'real_estate', 'business_registration',
  'housing_fund', 'vehicles', 'banks', 'insurance', 'securities',
] as const;
export const CHECK_AMOUNTS = [
  'income_wage', 'income_business', 'income_property', 'income_transfer', 'income_other', 'financial_assets', 'vehicle_value',
  'rigid_medical', 'rigid_education', 'rigid_rehab', 'rigid_other',
] as const;
export const CHECK_COUNTS = ['vehicle_count', 'property_count'] as const;

export type Need = (typeof NEEDS)[number];
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
export type CheckScope = (typeof CHECK_SCOPES)[number];

export interface PersonRef {
  name: string;
  id_number_masked: string;
}

export interface SubjectRef {
  name: string | null;
  id_number_masked: string | null;
}

export interface CaseSource {
  kind: 'alert' | 'application' | 'report' | 'exit_review' | string;
  id: string | null;
}

export interface CaseDeadlines {
  step: { due: string | null; overdue: boolean } | null;
  total: { due: string | null; extended: boolean; overdue: boolean } | null;
}

export interface Escalation {
  code: string;
  name: string | null;
}

/** One row of GET /api/cases. */
export interface CaseSummary {
  id: string;
  state: CaseState;
  state_zh: string;
  state_en: string;
  household_code: string | null;
  region_code: string;
  region_name: string;
  head: PersonRef | null;
  /** a person not in the registry yet (either field may be missing on the server) */
  subject: SubjectRef | null;
  source: CaseSource;
  deadlines: CaseDeadlines;
  /**
   * where the overdue step has escalated to (6 digits: 县级督办, 4: 市级, 2: 省级): the server on
   * main sends `{code, name}`; a bare code is read too
   */
  escalated_to: Escalation | string | null;
  created_at: string;
}

export interface CaseAlertRef {
  id: string;
  indicator: string;
  level: string;
  status: string;
  /** not pinned by docs/cases.md: shown when the server sends them */
  indicator_zh?: string;
  indicator_en?: string;
}

/** The home-visit survey (入户调查表); a draft holds any subset. */
export interface VisitForm {
  visited_on?: string;
  members_present?: string[];
  living_conditions?: (typeof LIVING_CONDITIONS)[number];
  housing_type?: (typeof HOUSING_TYPES)[number];
  housing_condition?: (typeof HOUSING_CONDITIONS)[number];
  health_notes?: string;
  income_sources?: (typeof INCOME_SOURCES)[number][];
  income_notes?: string;
  needs?: Need[];
  recommendation?: string;
}

/** The body of POST /api/households/{code}/authorizations, signed during the visit. */
export interface AuthorizationInput {
  signed_by_person_id: string;
  scope: string[];
  signed_on: string;
  expires_on: string;
  file_ref?: string;
}

/** Shapes below mirror the case tables (docs/cases.md shows them only as `[]`). */
export interface CaseVisit {
  id: string;
  visitor: string;
  status: 'draft' | 'submitted';
  form: VisitForm;
  outcome: VisitOutcome | null;
  visited_on: string | null;
  saved_at: string;
  submitted_at: string | null;
}

export interface CaseCheck {
  id: string;
  checked_on: string;
  scopes: string[];
  findings: string | null;
  recorded_by: string;
  created_at?: string;
  /** the figures recorded (CNY), flat on the check or under `figures` */
  figures?: Partial<Record<string, number | string | null>>;
  [figure: string]: unknown;
}

export interface CaseDecision {
  id: string;
  kind: 'recognition' | 'exit';
  outcome: 'approved' | 'refused' | 'exited';
  category: TierCategory | null;
  engine_tier: string | null;
  override_reason: string | null;
  reasons: string | null;
  valid_from: string | null;
  valid_to: string | null;
  monthly_amount: number | string | null;
  decided_by: string;
  decided_at: string;
}

export interface CaseReferral {
  id: string;
  program_code: string;
  program_zh?: string;
  program_en?: string;
  department: string;
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn' | string;
  reason: string | null;
  requested_by: string;
  requested_at: string;
  due: string | null;
  responded_at: string | null;
  result: string | null;
  amount: number | string | null;
  granted_on: string | null;
}

export interface CaseGrant {
  id: string;
  program_code: string;
  program_zh?: string;
  program_en?: string;
  department: string;
  amount: number | string | null;
  period_from: string;
  period_to: string;
  granted_on: string;
  fast: boolean;
  duplicate_of: string | null;
  reason: string | null;
  recorded_by: string;
}

export interface CaseEvent {
  at: string;
  actor: string;
  action: string;
  from: string | null;
  to: string;
  note: string | null;
  data: Record<string, unknown>;
}

export interface CaseActionOption extends Bilingual {
  action: CaseAction;
  permitted: boolean;
}

/** GET /api/cases/{id} and the answer of every transition. */
export interface CaseDetail extends CaseSummary {
  alerts: CaseAlertRef[];
  assignee: { region_code: string | null; region_name?: string | null; username: string | null } | null;
  proposed_category: string | null;
  assessment: AssessmentResult | null;
  decision: CaseDecision | null;
  publicity: { from: string; until: string; over?: boolean } | null;
  visits: CaseVisit[];
  checks: CaseCheck[];
  referrals: CaseReferral[];
  grants: CaseGrant[];
  history: CaseEvent[];
  actions: CaseActionOption[];
  updated_at: string;
}

export interface CaseFilter {
  state?: string;
  region?: string;
  overdue?: boolean;
  escalated?: boolean;
  household?: string;
  limit: number;
  offset: number;
}

export interface Transition {
  action: CaseAction;
  note?: string;
  data?: Record<string, unknown>;
}

export type InboxKind = 'case_step' | 'escalated' | 'review' | 'referral';

export interface InboxItem {
  kind: InboxKind;
  case_id?: string | null;
  referral_id?: string | null;
  review_task_id?: string | null;
  household_code?: string | null;
  head_name?: string | null;
  title: Bilingual;
  state?: CaseState | null;
  due: string | null;
  overdue: boolean;
  escalated_to?: string | null;
}

export interface Inbox {
  items: InboxItem[];
  counts: { total: number; overdue: number };
}

export interface Program extends Bilingual {
  code: string;
  type: string;
  department: string;
}

export interface Recommendation {
  program: Program;
  recommended: boolean;
  reasons: Bilingual[];
  amount_estimate: number | null;
}

export type TimelineKind =
  | 'alert' | 'case_opened' | 'case_step' | 'visit' | 'check' | 'assessment' | 'decision' | 'membership'
  | 'referral' | 'referral_answer' | 'grant' | 'review';

export interface TimelineEvent extends Bilingual {
  at: string;
  kind: TimelineKind | string;
  actor: string | null;
  department: string | null;
  case_id: string | null;
  ref: string | null;
}

export interface Timeline {
  household_code: string;
  events: TimelineEvent[];
}

/** A household's economic-check authorizations (GET /api/households/{code}/authorizations). */
export interface AuthorizationRecord {
  id: string;
  signed_by_person_id?: string;
  scope: string[];
  signed_on: string;
  expires_on: string;
  valid: boolean;
}

export type OpenedCase = CaseDetail & { attached?: boolean };
