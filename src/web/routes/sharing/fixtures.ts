/** Catalog, batches and users for the data-sharing component tests (shapes of the real API). */
import { sessionUser, type Handler } from '../../test-utils';

const idField = { code: 'id_number', zh: '身份证号', en: 'ID number', type: 'id_number', required: true, pii: 'identifier', aliases: ['公民身份号码', '身份证号码', '证件号码'] };

export const MEDICAL = {
  code: 'medical_settlement', department: 'medical_insurance', department_name: { zh: '医保局', en: 'Healthcare Security Administration' },
  zh: '医疗费用结算', en: 'Medical settlements', frequency: 'monthly',
  legal_basis: '《社会救助暂行办法》第五十八条（家庭经济状况核对）', purpose: '发现因病支出型困难：个人自付医疗费用预警',
  retention_days: 400, responsible_unit: '省医保局信息中心', key_field: 'id_number', event_field: 'settle_date',
  fields: [
    idField,
    { code: 'settle_date', zh: '结算日期', en: 'Settlement date', type: 'date', required: true, pii: 'none', aliases: ['结算时间'] },
    { code: 'visit_type', zh: '就诊类型', en: 'Visit type', type: 'enum', pii: 'none', values: [{ code: 'inpatient', zh: '住院' }, { code: 'outpatient', zh: '门诊' }] },
    { code: 'oop_cost', zh: '个人自付费用', en: 'Out-of-pocket cost', type: 'amount', required: true, pii: 'sensitive', aliases: ['个人自付', '个人负担'] },
    { code: 'diagnosis_code', zh: '诊断编码', en: 'Diagnosis code', type: 'text', pii: 'sensitive', aliases: ['疾病编码'] },
  ],
  version: 1, updated_by: 'system:defaults', updated_at: '2026-11-29T00:00:00.000Z',
};

export const DEATH = {
  code: 'death_record', department: 'public_security', department_name: { zh: '公安厅', en: 'Public Security' },
  zh: '死亡注销', en: 'Deaths', frequency: 'monthly', legal_basis: '《社会救助暂行办法》第五十八条', purpose: '死亡人员及时停发救助金',
  retention_days: 365, responsible_unit: '省公安厅人口管理总队', key_field: 'id_number', event_field: 'death_date',
  fields: [idField, { code: 'death_date', zh: '死亡日期', en: 'Date of death', type: 'date', required: true, pii: 'none' }],
  version: 2, updated_by: 'user:demo_admin', updated_at: '2026-11-30T02:00:00.000Z',
};

export const CATALOG = {
  departments: [
    { code: 'medical_insurance', zh: '医保局', en: 'Healthcare Security Administration', full_name: '吉林省医疗保障局' },
    { code: 'public_security', zh: '公安厅', en: 'Public Security', full_name: '吉林省公安厅' },
    { code: 'education', zh: '教育厅', en: 'Education', full_name: '吉林省教育厅' },
  ],
  datasets: [MEDICAL, DEATH],
};

export const catalog: Handler = ({ method, url }) => {
  if (method !== 'GET') return undefined;
  if (url === '/api/catalog') return { body: CATALOG };
  const m = /^\/api\/catalog\/datasets\/([^/]+)$/.exec(url);
  if (!m) return undefined;
  const d = CATALOG.datasets.find((x) => x.code === m[1]);
  return d
    ? { body: { ...d, versions: Array.from({ length: d.version }, (_, i) => ({ dataset_code: d.code, version: d.version - i, updated_by: d.updated_by, updated_at: d.updated_at })) } }
    : { status: 400, body: { error: { code: 'VALIDATION', message: `未知的数据集「${m[1]}」 / unknown dataset "${m[1]}"` } } };
};

export const medicalProvider = sessionUser({
  username: 'demo_medical', display_name: '医保局数据员（演示）', role: 'department_data_provider', department: '医保局',
  permissions: ['dataset.upload', 'dataset.read'],
});
export const township = sessionUser({ username: 'demo_township', role: 'township_officer', region_code: '220113103', permissions: ['registry.read'] });
