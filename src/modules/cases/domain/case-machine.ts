/**
 * The case state machine (docs/cases.md): every state, every action, from which states it may
 * be taken, into which state it leads, who may take it (a permission and the lowest
 * administrative level that may act), and what it requires. Pure data and functions: the
 * service checks the requirements against the database and writes the step.
 *
 *   discovered → assigned → verifying → economic_check → assessed → publicity → decided
 *     → assisting ⇄ under_review → closed | exited;   verifying → unreachable | no_need
 */
import type { Permission } from '../../access/domain/roles.js';
import type { CaseState } from '../../../platform/db/schema-cases.js';

export type { CaseState };

export const CASE_STATES: readonly { code: CaseState; zh: string; en: string }[] = [
  { code: 'discovered', zh: '已发现', en: 'Discovered' },
  { code: 'assigned', zh: '已分派', en: 'Assigned' },
  { code: 'verifying', zh: '入户核查中', en: 'Verifying' },
  { code: 'economic_check', zh: '经济状况核对', en: 'Economic check' },
  { code: 'assessed', zh: '已测算', en: 'Assessed' },
  { code: 'publicity', zh: '公示中', en: 'Publicity' },
  { code: 'decided', zh: '已审核确认', en: 'Decided' },
  { code: 'assisting', zh: '救助帮扶中', en: 'Assisting' },
  { code: 'under_review', zh: '复核中', en: 'Under review' },
  { code: 'closed', zh: '已办结', en: 'Closed' },
  { code: 'exited', zh: '已退出', en: 'Exited' },
  { code: 'unreachable', zh: '无法联系', en: 'Unreachable' },
  { code: 'no_need', zh: '无需救助', en: 'No need' },
];

/** States in which the case no longer moves on its own (unreachable can be reopened). */
export const FINISHED_STATES: readonly CaseState[] = ['closed', 'exited', 'unreachable', 'no_need'];

export const isOpenState = (s: CaseState) => !FINISHED_STATES.includes(s);

/** Who acts at which level: a region code of at most this many digits may take the action. */
export type Level = 'village' | 'township' | 'county';
export const LEVEL_DIGITS: Record<Level, number> = { village: 12, township: 9, county: 6 };
export const LEVEL_LABEL: Record<Level, { zh: string; en: string }> = {
  village: { zh: '村（社区）', en: 'village' },
  township: { zh: '乡镇（街道）', en: 'township' },
  county: { zh: '县级', en: 'county' },
};

export type CaseAction =
  | 'assign' | 'start_visit' | 'save_visit' | 'register_household' | 'record_visit' | 'reopen'
  | 'record_check' | 'assess' | 'start_publicity' | 'object' | 'decide' | 'refer' | 'fast_relief'
  | 'grant_temporary' | 'start_assistance' | 'close' | 'start_review' | 'continue' | 'exit' | 'extend';

/** What an action needs beyond its state, permission and level; the service checks each. */
export type Requirement =
  | 'note'                // a written note (the reason)
  | 'unregistered'        // the subject is not in the registry yet
  | 'household'           // the case's household is registered
  | 'visit_form'          // a complete visit form (in data.visit or the saved draft)
  | 'authorization'       // a recorded, unexpired authorization for the economic check
  | 'check_recorded'      // this case has a recorded economic check
  | 'assessment'          // this case has an attached assessment
  | 'publicity_over'      // the publicity period has ended
  | 'decision_approved'   // the case's latest recognition decision approved a category
  | 'not_extended';

export type Target = CaseState | 'same' | 'by_outcome';

export interface ActionRule {
  action: CaseAction;
  from: readonly CaseState[];
  to: Target;
  permission: Permission;
  /** Further permissions the actor also needs (e.g. registering a household writes the registry). */
  also?: readonly Permission[];
  level: Level;
  requires: readonly Requirement[];
  zh: string;
  en: string;
}

const OPEN_BEFORE_DECISION: readonly CaseState[] = ['discovered', 'assigned', 'verifying', 'economic_check', 'assessed', 'publicity'];
const ALL_OPEN: readonly CaseState[] = [...OPEN_BEFORE_DECISION, 'decided', 'assisting', 'under_review'];

export const ACTION_RULES: readonly ActionRule[] = [
  { action: 'assign', from: ['discovered'], to: 'assigned', permission: 'case.manage', level: 'township', requires: [], zh: '分派入户核查', en: 'Assign the home visit' },
  { action: 'start_visit', from: ['assigned'], to: 'verifying', permission: 'case.visit', level: 'village', requires: [], zh: '开始入户核查', en: 'Start the home visit' },
  { action: 'save_visit', from: ['assigned', 'verifying', 'under_review'], to: 'verifying', permission: 'case.visit', level: 'village', requires: [], zh: '保存入户调查草稿', en: 'Save the visit draft' },
  { action: 'register_household', from: ['assigned', 'verifying'], to: 'same', permission: 'case.manage', also: ['registry.write'], level: 'township', requires: ['unregistered'], zh: '登记入库', en: 'Register the household' },
  { action: 'record_visit', from: ['assigned', 'verifying', 'under_review'], to: 'by_outcome', permission: 'case.visit', level: 'village', requires: ['visit_form'], zh: '提交入户调查', en: 'Submit the home visit' },
  { action: 'reopen', from: ['unreachable'], to: 'assigned', permission: 'case.manage', level: 'township', requires: ['note'], zh: '重新核查', en: 'Reopen for another visit' },
  { action: 'record_check', from: ['economic_check', 'under_review'], to: 'same', permission: 'case.manage', level: 'township', requires: ['household', 'authorization'], zh: '录入经济状况核对结果', en: 'Record the economic check' },
  { action: 'assess', from: ['economic_check', 'under_review'], to: 'assessed', permission: 'case.manage', also: ['recognition.assess'], level: 'township', requires: ['check_recorded'], zh: '分层认定测算', en: 'Run the identification' },
  { action: 'start_publicity', from: ['assessed'], to: 'publicity', permission: 'case.manage', level: 'township', requires: ['assessment'], zh: '提出意见并公示', en: 'Propose and publish' },
  { action: 'object', from: ['publicity'], to: 'verifying', permission: 'case.manage', level: 'township', requires: ['note'], zh: '公示有异议，重新核查', en: 'Objection: verify again' },
  { action: 'decide', from: ['assessed', 'publicity'], to: 'decided', permission: 'case.decide', level: 'county', requires: ['assessment'], zh: '审核确认', en: 'Decide' },
  { action: 'refer', from: ['decided', 'assisting', 'under_review'], to: 'same', permission: 'case.manage', level: 'township', requires: ['household'], zh: '转介部门救助', en: 'Refer to a department' },
  { action: 'fast_relief', from: ALL_OPEN, to: 'same', permission: 'case.manage', level: 'township', requires: ['household', 'note'], zh: '小额快救', en: 'Fast temporary relief' },
  { action: 'grant_temporary', from: ['assessed', 'publicity', 'decided', 'assisting', 'under_review'], to: 'same', permission: 'case.decide', level: 'county', requires: ['household', 'note'], zh: '临时救助', en: 'Temporary assistance' },
  { action: 'start_assistance', from: ['decided'], to: 'assisting', permission: 'case.manage', level: 'township', requires: ['decision_approved'], zh: '落实救助帮扶', en: 'Start assistance' },
  { action: 'close', from: ['decided', 'assisting'], to: 'closed', permission: 'case.manage', level: 'township', requires: ['note'], zh: '办结', en: 'Close' },
  { action: 'start_review', from: ['assisting'], to: 'under_review', permission: 'case.manage', level: 'township', requires: [], zh: '开始复核', en: 'Start a review' },
  { action: 'continue', from: ['under_review'], to: 'assisting', permission: 'case.manage', level: 'township', requires: ['note'], zh: '复核通过，继续救助', en: 'Review passed: continue' },
  { action: 'exit', from: ['assisting', 'under_review'], to: 'exited', permission: 'case.decide', level: 'county', requires: ['note'], zh: '退出', en: 'Exit' },
  { action: 'extend', from: OPEN_BEFORE_DECISION, to: 'same', permission: 'case.decide', level: 'county', requires: ['note', 'not_extended'], zh: '延长办理时限', en: 'Extend the time limit' },
];

export const VISIT_OUTCOMES = [
  { code: 'need_confirmed', zh: '确有困难', en: 'Need confirmed', to: 'economic_check' },
  { code: 'no_need', zh: '无需救助', en: 'No need', to: 'no_need' },
  { code: 'unreachable', zh: '无法联系', en: 'Unreachable', to: 'unreachable' },
] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number]['code'];

export function ruleOf(action: string): ActionRule | undefined {
  return ACTION_RULES.find((r) => r.action === action);
}

/** The state an action leads to from `from` (the visit's outcome decides `record_visit`). */
export function targetState(rule: ActionRule, from: CaseState, outcome?: VisitOutcome): CaseState {
  if (rule.to === 'same') return from;
  if (rule.to === 'by_outcome') return from === 'under_review' ? from : VISIT_OUTCOMES.find((o) => o.code === outcome)?.to ?? from;
  return rule.to;
}

/** Whether a region code is at `level` or above (the province is above every level). */
export function atLevel(regionCode: string, level: Level): boolean {
  return regionCode.length <= LEVEL_DIGITS[level];
}

export function stateLabel(s: string): { zh: string; en: string } {
  const x = CASE_STATES.find((c) => c.code === s);
  return x ? { zh: x.zh, en: x.en } : { zh: s, en: s };
}

/**
 * Who answers for the current step: the township, except while a decision is awaited after
 * publicity (the county). An overdue step escalates to the level above that, then one level
 * further for every `stepDays` working days it stays overdue, up to the province.
 */
export function responsibleDigits(state: CaseState): number {
  return state === 'publicity' ? 6 : 9;
}

const LADDER = [12, 9, 6, 4, 2];

/** The region code an overdue step escalates to, or null when it is not overdue. */
export function escalationTarget(regionCode: string, state: CaseState, workingDaysOverdue: number, stepDays: number): string | null {
  if (workingDaysOverdue <= 0 || !isOpenState(state) || state === 'assisting') return null;
  const start = LADDER.indexOf(responsibleDigits(state));
  const rungs = 1 + Math.floor((workingDaysOverdue - 1) / Math.max(1, stepDays));
  const digits = LADDER[Math.min(LADDER.length - 1, start + rungs)];
  return regionCode.slice(0, digits);
}
