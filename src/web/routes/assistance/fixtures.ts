/** Server answers for the assistance page tests (shapes of src/modules/assistance). */
import type { Handler } from '../../test-utils';
import { sessionUser } from '../../test-utils';
import type { Program, ProgramCatalog, Referral } from '../../api/assistance';

export const admin = sessionUser({ permissions: ['registry.read', 'case.read', 'program.manage', 'referral.handle'] });
export const medicalHandler = sessionUser({ username: 'demo_medical_handler', role: 'department_handler', region_code: '220102', department: '医保局', permissions: ['referral.handle'] });

const at = '2026-11-01T02:00:00.000Z';

export const MEDICAL: Program = {
  code: 'medical_assistance', version: 2, active: true, updated_by: 'user:demo_admin', updated_at: at,
  department: { code: 'medical_insurance', zh: '医保局', en: 'Healthcare Security Administration' },
  definition: {
    code: 'medical_assistance', zh: '医疗救助', en: 'Medical assistance', type: 'special_medical', department: 'medical_insurance',
    tiers: ['tekun', 'dibao', 'marginal', 'rigid_expense'],
    condition: { any: [{ fact: 'has_serious_illness', operator: 'eq', value: true }] },
    amount: { kind: 'none' }, description: { zh: '一站式结算', en: 'One-step settlement' }, legal_basis: '《社会救助暂行办法》第五章',
  },
};

export const HEATING: Program = {
  code: 'heating', version: 1, active: true, updated_by: 'system:defaults', updated_at: at,
  department: { code: 'civil_affairs', zh: '民政厅', en: 'Civil Affairs' },
  definition: {
    code: 'heating', zh: '取暖救助', en: 'Heating assistance', type: 'basic_living', department: 'civil_affairs', tiers: ['dibao', 'tekun'],
    amount: { kind: 'fixed', amount: 800, per: 'household', period: 'season' }, description: { zh: '采暖季', en: 'Heating season' }, legal_basis: '吉林省',
  },
};

const term = (code: string, zh: string, en = code) => ({ code, zh, en });

export const CATALOG: ProgramCatalog = {
  programs: [HEATING, MEDICAL],
  departments: [term('civil_affairs', '民政厅'), term('medical_insurance', '医保局')],
  types: [term('basic_living', '基本生活救助'), term('special_medical', '医疗救助')],
  tiers: [term('tekun', '特困人员'), term('dibao', '低保'), term('marginal', '低保边缘'), term('rigid_expense', '刚性支出困难'), term('none', '未认定（发现有困难）')],
  facts: [{ ...term('has_serious_illness', '有大病患者'), type: 'boolean' }],
  amount_kinds: [term('none', '不涉及金额'), term('fixed', '固定金额'), term('months_of_standard', '低保标准月数'), term('assessed', '按认定测算')],
  periods: [term('once', '一次性'), term('month', '每月'), term('season', '每季（采暖季）')],
  assessed_fields: [term('dibao_allowance', '低保金（月）')],
  operators: [term('eq', '等于')],
};

export const REFERRAL: Referral = {
  id: '12', case_id: '5', household_code: 'H2201020010010001', region_code: '220102001001', region_name: '华阳社区',
  head: { name: '王建国', id_number_masked: '220102********0016' },
  program: { code: 'medical_assistance', version: 2, zh: '医疗救助', en: 'Medical assistance', type: 'special_medical' },
  department: { code: 'medical_insurance', zh: '医保局', en: 'Healthcare Security Administration' },
  status: 'pending', reason: '有大病患者：是 / seriously ill: yes', note: '户主住院', requested_by: 'user:demo_township', requested_at: at,
  due: '2026-10-20', overdue: true, responded_by: null, responded_at: null, result: null, amount: null, granted_on: null, period_from: null, period_to: null, grant_id: null,
};

export const ON_TIME: Referral = { ...REFERRAL, id: '13', household_code: 'H2201020010010002', head: { name: '李秀兰', id_number_masked: '220102********0021' }, due: '2026-11-20', overdue: false };

/** GET /api/programs, /api/programs/{code} and /api/referrals… */
export const assistance: Handler = ({ method, url }) => {
  if (method === 'GET' && url === '/api/programs') return { body: CATALOG };
  if (method === 'GET' && url === '/api/programs/medical_assistance') {
    return { body: { ...MEDICAL, versions: [{ version: 2, active: true, updated_by: 'user:demo_admin', updated_at: at, definition: MEDICAL.definition }, { version: 1, active: true, updated_by: 'system:defaults', updated_at: at, definition: MEDICAL.definition }] } };
  }
  if (method === 'GET' && url.startsWith('/api/referrals?')) return { body: { referrals: [REFERRAL, ON_TIME], total: 2 } };
  return undefined;
};
