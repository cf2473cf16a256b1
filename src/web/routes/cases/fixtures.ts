/**
 * Cases, an inbox, recommendations and a household timeline for the component tests, in the
 * shapes of docs/cases.md (and, where it is silent, the shapes src/web/api/cases.ts assumes).
 */
import type { CaseActionOption, CaseDetail, Inbox, Recommendation, Timeline } from '../../api/cases';
import { sessionUser, type Handler, type RecordedCall } from '../../test-utils';
import { MARGINAL } from '../recognition/fixtures';

export const township = sessionUser({
  username: 'demo_township', display_name: '乡镇经办（演示）', role: 'township_officer', region_code: '220102001',
  permissions: ['registry.read', 'registry.write', 'authorization.manage', 'recognition.assess', 'alert.read', 'alert.handle', 'case.read', 'case.manage', 'case.visit', 'case.report'],
});
export const village = sessionUser({
  username: 'demo_village', display_name: '网格员（演示）', role: 'village_worker', region_code: '220102001001',
  permissions: ['registry.read', 'alert.read', 'case.read', 'case.visit', 'case.report'],
});
export const county = sessionUser({
  username: 'demo_county', display_name: '县级民政（演示）', role: 'civil_affairs_officer', region_code: '220102',
  permissions: ['registry.read', 'registry.write', 'recognition.assess', 'alert.read', 'case.read', 'case.manage', 'case.visit', 'case.decide'],
});
export const auditor = sessionUser({ username: 'demo_auditor', role: 'auditor', region_code: '22', permissions: ['audit.read', 'alert.read', 'case.read'] });

export const CODE = 'H2201020010010001';

const action = (a: CaseActionOption['action'], zh: string, en: string, permitted = true): CaseActionOption => ({ action: a, zh, en, permitted });

export const VERIFYING: CaseDetail = {
  id: '12', state: 'verifying', state_zh: '入户核查中', state_en: 'Verifying',
  household_code: CODE, region_code: '220102001001', region_name: '华阳社区',
  head: { name: '王建国', id_number_masked: '220102********0016' }, subject: null,
  source: { kind: 'alert', id: '881' },
  alerts: [{ id: '881', indicator: 'medical_oop_annual', indicator_zh: '年度自付医疗费用过高', indicator_en: 'High annual medical costs', level: 'red', status: 'verifying' }],
  deadlines: { step: { due: '2026-11-05', overdue: true }, total: { due: '2026-12-14', extended: false, overdue: false } },
  escalated_to: { code: '220102', name: '南关区' },
  assignee: { region_code: '220102001001', region_name: '华阳社区', username: null },
  proposed_category: null, assessment: null, decision: null, publicity: null,
  visits: [], checks: [], referrals: [], grants: [],
  history: [
    { at: '2026-10-20T01:00:00.000Z', actor: 'user:demo_township', action: 'open', from: null, to: 'discovered', note: null, data: {} },
    { at: '2026-10-21T02:00:00.000Z', actor: 'user:demo_township', action: 'assign', from: 'discovered', to: 'assigned', note: '请尽快入户', data: {} },
    { at: '2026-10-22T03:00:00.000Z', actor: 'user:demo_village', action: 'start_visit', from: 'assigned', to: 'verifying', note: null, data: {} },
  ],
  actions: [
    action('save_visit', '保存入户调查草稿', 'Save the visit draft'),
    action('record_visit', '提交入户调查', 'Submit the home visit'),
    action('fast_relief', '小额快救', 'Fast temporary relief'),
    action('extend', '延长办理时限', 'Extend the time limit', false),
  ],
  created_at: '2026-10-20T01:00:00.000Z', updated_at: '2026-10-22T03:00:00.000Z',
};

/** Assessed (低保边缘 by the engine), waiting for the county's decision. */
export const ASSESSED: CaseDetail = {
  ...VERIFYING,
  id: '13', state: 'assessed', state_zh: '已测算', state_en: 'Assessed', escalated_to: null,
  deadlines: { step: { due: '2026-11-20', overdue: false }, total: { due: '2026-12-14', extended: false, overdue: false } },
  assessment: { ...MARGINAL, household_code: CODE },
  visits: [{
    id: '5', visitor: 'user:demo_village', status: 'submitted', outcome: 'need_confirmed', visited_on: '2026-10-25', saved_at: '2026-10-25T02:00:00.000Z',
    submitted_at: '2026-10-25T03:00:00.000Z', form: { visited_on: '2026-10-25', needs: ['medical'], living_conditions: 'poor', recommendation: '建议纳入低保边缘' },
  }],
  checks: [{ id: '3', checked_on: '2026-10-28', scopes: ['banks', 'vehicles'], findings: '名下无车辆', recorded_by: 'user:demo_township', income_wage: 29988, vehicle_count: 0 }],
  history: [
    ...VERIFYING.history,
    { at: '2026-10-25T03:00:00.000Z', actor: 'user:demo_village', action: 'record_visit', from: 'verifying', to: 'economic_check', note: null, data: {} },
    { at: '2026-10-29T03:00:00.000Z', actor: 'user:demo_township', action: 'assess', from: 'economic_check', to: 'assessed', note: null, data: {} },
  ],
  actions: [
    action('start_publicity', '提出意见并公示', 'Propose and publish', false),
    action('decide', '审核确认', 'Decide'),
    action('fast_relief', '小额快救', 'Fast temporary relief'),
    action('grant_temporary', '临时救助', 'Temporary assistance'),
  ],
};

/** Decided and approved: referrals next. */
export const DECIDED: CaseDetail = {
  ...ASSESSED,
  id: '14', state: 'decided', state_zh: '已审核确认', state_en: 'Decided',
  decision: {
    id: '2', kind: 'recognition', outcome: 'approved', category: 'marginal', engine_tier: 'marginal', override_reason: null, reasons: null,
    valid_from: '2026-11-01', valid_to: null, monthly_amount: null, decided_by: 'user:demo_county', decided_at: '2026-11-01T02:00:00.000Z',
  },
  actions: [action('refer', '转介部门救助', 'Refer to a department'), action('start_assistance', '落实救助帮扶', 'Start assistance'), action('close', '办结', 'Close')],
};

export const RECOMMENDATIONS: Recommendation[] = [
  {
    program: { code: 'medical_assistance', zh: '医疗救助', en: 'Medical assistance', type: 'special_medical', department: '医保局' },
    recommended: true, reasons: [{ zh: '低保边缘家庭成员可享受医疗救助', en: 'marginal families qualify for medical assistance' }], amount_estimate: 5000,
  },
  {
    program: { code: 'heating_jilin', zh: '取暖救助', en: 'Heating assistance', type: 'special_housing', department: '民政局' },
    recommended: false, reasons: [], amount_estimate: null,
  },
];

export const INBOX: Inbox = {
  items: [
    { kind: 'review', review_task_id: '7', case_id: null, household_code: 'H2201020010010009', head_name: '赵六', title: { zh: '低保定期复核', en: 'Periodic dibao review' }, due: '2026-12-30', overdue: false },
    { kind: 'case_step', case_id: '12', household_code: CODE, head_name: '王建国', title: { zh: '入户核查', en: 'Home visit' }, state: 'verifying', due: '2026-11-05', overdue: true, escalated_to: '220102' },
    { kind: 'case_step', case_id: '15', household_code: 'H2201020010010002', head_name: '李四', title: { zh: '分派入户核查', en: 'Assign the visit' }, state: 'discovered', due: '2026-12-01', overdue: false },
  ],
  counts: { total: 3, overdue: 1 },
};

export const TIMELINE: Timeline = {
  household_code: CODE,
  events: [
    { at: '2026-10-20T01:00:00.000Z', kind: 'alert', zh: '红色预警：年度自付医疗费用过高', en: 'Red alert: high annual medical costs', actor: 'system:monitor', department: null, case_id: null, ref: 'alert:881' },
    { at: '2026-11-02T01:00:00.000Z', kind: 'referral_answer', zh: '医保局受理医疗救助，支付 ¥5,000', en: 'Medical insurance bureau paid ¥5,000', actor: 'user:demo_handler', department: '医保局', case_id: '12', ref: 'referral:4' },
    { at: '2026-10-21T02:00:00.000Z', kind: 'case_step', zh: '分派入户核查', en: 'Assigned the home visit', actor: 'user:demo_township', department: null, case_id: '12', ref: null },
  ],
};

export const HOUSEHOLD = {
  code: CODE, region_code: '220102001001', region_path: [{ code: '22', name: '吉林省', level: 'province' }], hukou_type: 'urban', address: '华阳社区3栋', hukou_booklet_no: null,
  status: 'active', snapshots: [], history: [],
  members: [
    { id: 31, id_number: '220102********0016', name: '王建国', relation: 'head', sex: 'male', birth_date: '1958-03-12', age: 68, disability_type: null, disability_grade: null, work_ability: 'none', health: 'serious', school_stage: null, employment: null, phone: null, categories: [] },
    { id: 32, id_number: '220102********0021', name: '李秀兰', relation: 'spouse', sex: 'female', birth_date: '1960-01-01', age: 66, disability_type: null, disability_grade: null, work_ability: 'partial', health: null, school_stage: null, employment: null, phone: null, categories: [] },
  ],
};

/** GET /api/cases/{id} from `cases`; POST …/transitions answered by `answer` (default: the case unchanged). */
export function caseApi(cases: CaseDetail[], answer?: (call: RecordedCall) => { status?: number; body: unknown } | undefined): Handler {
  return (call) => {
    const m = /^\/api\/cases\/([^/?]+)(\/transitions|\/recommendations)?$/.exec(call.url);
    if (!m) return undefined;
    const c = cases.find((x) => x.id === m[1]);
    if (!c) return { status: 404, body: { error: { code: 'NOT_FOUND', message: `案件 ${m[1]} 不存在 / case ${m[1]} not found` } } };
    if (call.method === 'GET' && !m[2]) return { body: c };
    if (call.method === 'GET' && m[2] === '/recommendations') return { body: RECOMMENDATIONS };
    if (call.method === 'POST' && m[2] === '/transitions') return answer?.(call) ?? { body: c };
    return undefined;
  };
}

export const householdApi: Handler = ({ method, url }) => {
  if (method === 'GET' && url === `/api/households/${CODE}`) return { body: HOUSEHOLD };
  if (method === 'GET' && url === `/api/households/${CODE}/authorizations`) return { body: { items: [] } };
  return undefined;
};

export const transitions = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'POST' && c.url.endsWith('/transitions'));
