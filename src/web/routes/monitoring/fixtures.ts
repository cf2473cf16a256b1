/** Indicators, alerts, a summary and a calendar for the monitoring component tests (shapes of the agreed API). */
import type { Alert, AlertSummary, Indicator, IndicatorCatalog } from '../../api/monitoring';
import type { CalendarYear } from '../../api/calendar';
import { ALL_PERMISSIONS, sessionUser, type Handler } from '../../test-utils';

export const MONITOR_PERMISSIONS = ['alert.read', 'alert.handle', 'monitor.manage'] as const;
/** The province administrator with the monitoring permissions. */
export const admin = sessionUser({ permissions: [...ALL_PERMISSIONS, ...MONITOR_PERMISSIONS] });
/** A village grid worker: reads the registry and the alerts, handles nothing. */
export const gridWorker = sessionUser({ username: 'demo_village', display_name: '网格员（演示）', role: 'village_worker', region_code: '22', permissions: ['registry.read', 'alert.read'] });
/** A township officer: handles alerts, cannot change indicators or the calendar. */
export const handler = sessionUser({ username: 'demo_township', role: 'township_officer', region_code: '22', permissions: ['registry.read', 'alert.read', 'alert.handle'] });

const indicator = (over: Partial<Indicator> & { definition: Indicator['definition'] }): Indicator => ({
  code: over.definition.code, version: 1, active: true, updated_by: 'system:defaults', updated_at: '2026-11-29T00:00:00.000Z', ...over,
});

export const MEDICAL = indicator({
  version: 3,
  updated_by: 'user:demo_admin',
  definition: {
    code: 'medical_burden', zh: '因病支出型困难', en: 'Medical expense hardship', kind: 'hardship', subject: 'person', level: 'orange',
    population: { kind: 'registered' },
    facts: { oop_12m: { dataset: 'medical_settlement', agg: 'sum', field: 'oop_cost', months: 12, zh: '近12个月个人自付医疗费用', en: 'Out-of-pocket medical costs, 12 months' } },
    condition: { all: [{ fact: 'oop_12m', operator: 'gte', value: { param: 'medical_oop_threshold' } }] },
    suppress_days: 90, action: 'medical_assistance_referral',
    description: { zh: '个人自付医疗费用超过当地标准', en: 'Out-of-pocket costs above the local threshold' },
  },
});
export const DEATH = indicator({
  definition: {
    code: 'death_stop', zh: '救助对象死亡', en: 'Recipient deceased', kind: 'reverse', subject: 'person', level: 'red',
    population: { kind: 'categories', categories: ['dibao', 'tekun'], of: 'person' },
    facts: { died: { dataset: 'death_record', agg: 'exists', months: 3 } },
    condition: { fact: 'died', operator: 'eq', value: true },
    suppress_days: 365, action: 'eligibility_review',
  },
});
export const JOBLESS = indicator({
  active: false,
  definition: {
    code: 'unemployment_new', zh: '新增失业人员', en: 'Newly unemployed', kind: 'hardship', subject: 'household', level: 'yellow',
    population: { kind: 'everyone' },
    facts: { jobless: { dataset: 'unemployment', agg: 'exists', months: 6 } },
    condition: { fact: 'jobless', operator: 'eq', value: true },
    suppress_days: 180, action: 'employment_assistance_referral',
  },
});

export const CATALOG: IndicatorCatalog = {
  indicators: [DEATH, MEDICAL, JOBLESS],
  operators: [
    { code: 'eq', zh: '等于', en: 'equals' },
    { code: 'gte', zh: '大于等于', en: 'at least' },
    { code: 'gt', zh: '大于', en: 'greater than' },
  ],
  actions: [
    { code: 'medical_assistance_referral', zh: '医疗救助转介', en: 'Medical assistance referral' },
    { code: 'eligibility_review', zh: '救助资格复核', en: 'Eligibility review' },
    { code: 'employment_assistance_referral', zh: '就业帮扶转介', en: 'Employment assistance referral' },
    { code: 'home_visit', zh: '入户核实', en: 'Home visit' },
  ],
  registry_facts: [{ code: 'age', zh: '年龄', en: 'Age', type: 'number' }],
};

const base: Alert = {
  id: '101', indicator: 'medical_burden', indicator_zh: '因病支出型困难', indicator_en: 'Medical expense hardship', level: 'orange', status: 'open',
  outcome: null, household_code: 'HH220102000001', person: { name: '张三', id_number_masked: '220102********1234' }, id_masked: null, lead: false,
  region_code: '220102001001', region_name: '长春市 / 南关区 / 永吉街道', deadline: '2026-12-08', overdue: false,
  action: 'medical_assistance_referral', action_zh: '医疗救助转介', action_en: 'Medical assistance referral', as_of: '2026-11-30',
  evidence: [
    {
      fact: 'oop_12m', zh: '近12个月个人自付医疗费用', en: 'Out-of-pocket medical costs, 12 months', operator: 'gte', threshold: 20000, value: 35210.5, passed: true,
      source: { dataset: 'medical_settlement', dataset_zh: '医疗费用结算', field: 'oop_cost', agg: 'sum', months: 12, from: '2025-12-01', to: '2026-11-30', batches: ['12', '15'], rows: 7 },
    },
    { fact: 'age', zh: '年龄', en: 'Age', operator: 'gt', threshold: 60, value: 58, passed: false },
  ],
  created_at: '2026-11-30T01:00:00.000Z',
};
export const ALERT_MEDICAL = base;
export const ALERT_LEAD: Alert = {
  ...base, id: '102', indicator: 'unemployment_new', indicator_zh: '新增失业人员', indicator_en: 'Newly unemployed', level: 'yellow', status: 'verifying',
  household_code: null, person: null, id_masked: '220104********5678', lead: true, region_code: '2201', region_name: '长春市', deadline: '2026-11-20', overdue: true,
  action: 'employment_assistance_referral', action_zh: '就业帮扶转介', action_en: 'Employment assistance referral', evidence: [],
};
export const ALERT_CLOSED: Alert = {
  ...base, id: '103', indicator: 'death_stop', indicator_zh: '救助对象死亡', indicator_en: 'Recipient deceased', level: 'red', status: 'closed', outcome: 'no_need',
  person: { name: '李四', id_number_masked: '220203********0021' }, household_code: 'HH220203000007', region_name: '吉林市 / 龙潭区', note: '已核实，停发',
  handled_by: 'user:demo_township', handled_at: '2026-12-01T02:00:00.000Z',
};
export const ALERTS = [ALERT_MEDICAL, ALERT_LEAD, ALERT_CLOSED];

/** GET /api/monitoring/indicators and /api/alerts/{id}. */
export const monitoring: Handler = ({ method, url }) => {
  if (method !== 'GET') return undefined;
  if (url === '/api/monitoring/indicators') return { body: CATALOG };
  const a = /^\/api\/alerts\/(\d+)$/.exec(url);
  if (a) {
    const hit = ALERTS.find((x) => x.id === a[1]);
    return hit ? { body: hit } : { status: 404, body: { error: { code: 'NOT_FOUND', message: `预警 ${a[1]} 不存在 / alert ${a[1]} not found` } } };
  }
  const m = /^\/api\/monitoring\/indicators\/([^/]+)$/.exec(url);
  if (m) {
    const ind = CATALOG.indicators.find((i) => i.code === m[1]);
    if (!ind) return { status: 404, body: { error: { code: 'NOT_FOUND', message: `指标「${m[1]}」不存在 / unknown indicator "${m[1]}"` } } };
    const versions = Array.from({ length: ind.version }, (_, i) => ({ version: ind.version - i, active: true, updated_by: ind.updated_by, updated_at: ind.updated_at }));
    return { body: { ...ind, versions } };
  }
  return undefined;
};

export const SUMMARY: AlertSummary = {
  by_level: { red: 3, orange: 12, yellow: 20, blue: 5 },
  by_region: [
    { region_code: '2201', region_name: '长春市', red: 2, orange: 8, yellow: 10, blue: 3, total: 23 },
    { region_code: '2202', region_name: '吉林市', red: 1, orange: 4, yellow: 6, blue: 2, total: 13 },
    { region_code: '2224', region_name: '延边朝鲜族自治州', red: 0, orange: 0, yellow: 4, blue: 0, total: 4 },
  ],
  by_month: [
    { month: '2026-10', created: 15, handled: 9 },
    { month: '2026-11', created: 25, handled: 26 },
  ],
  open: 5,
  closed: 35,
  handling_rate: 0.875,
};

export const CALENDAR_2026: CalendarYear = {
  year: 2026,
  days: [
    { day: '2026-01-01', kind: 'holiday', name: '元旦', source: '国办发明电〔2025〕7号', updated_by: 'system:defaults', updated_at: '2026-11-29T00:00:00.000Z' },
    { day: '2026-01-04', kind: 'workday', name: '元旦调休上班', source: '国办发明电〔2025〕7号', updated_by: 'system:defaults', updated_at: '2026-11-29T00:00:00.000Z' },
    { day: '2026-02-16', kind: 'holiday', name: '春节', source: null, updated_by: 'user:demo_admin', updated_at: '2026-11-30T00:00:00.000Z' },
  ],
};
