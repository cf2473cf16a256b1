// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, renderAt, setupWebTest, setViewportWidth, type Handler } from '../../test-utils';
import { catalog } from './fixtures';

setupWebTest();

const CODE = '220102001001000001';
const member = (id: number, name: string, id_number: string) => ({
  id, id_number, name, relation: 'head', sex: 'male', birth_date: '1960-05-01', age: 66, disability_type: null, disability_grade: null,
  work_ability: 'none', health: 'chronic', school_stage: null, employment: 'unemployed', phone: '138****1234', categories: [],
});
const HOUSEHOLD = {
  code: CODE, region_code: '220102001001', region_path: [{ code: '22', name: '吉林省', level: 'province' }], hukou_type: 'urban',
  address: '华阳街1号', hukou_booklet_no: 'HK0001', status: 'active', snapshots: [], history: [],
  members: [member(1, '张三', '220102********123X'), member(2, '李四', '220102********2025')],
};
const household: Handler = ({ method, url }) => (method === 'GET' && url === `/api/households/${CODE}` ? { body: HOUSEHOLD } : undefined);

const field = (code: string, zh: string, type: string, hidden = false, unit?: string) => ({ code, zh, en: code, type, hidden, ...(unit ? { unit } : {}) });
const FACTS = {
  household_code: CODE,
  datasets: [
    {
      code: 'medical_settlement', zh: '医疗费用结算', en: 'Medical settlements', department: { zh: '医保局', en: 'Healthcare Security Administration' },
      event_field: 'settle_date',
      fields: [field('visit_type', '就诊类型', 'enum'), field('settle_date', '结算日期', 'date'), field('oop_cost', '个人自付费用', 'amount'), field('diagnosis_code', '诊断编码', 'text', true)],
      rows: [
        { person_id: '2', id_number_masked: '220102********2025', batch_id: '7', values: { settle_date: '2026-10-20', visit_type: 'inpatient', oop_cost: '3840.00', diagnosis_code: null } },
        { person_id: '1', id_number_masked: '220102********123X', batch_id: '7', values: { settle_date: '2026-10-15', visit_type: 'outpatient', oop_cost: '210.25', diagnosis_code: null } },
      ],
    },
    {
      code: 'utility_usage', zh: '水电使用', en: 'Water and electricity use', department: { zh: '住建厅', en: 'Housing' }, event_field: 'month',
      fields: [field('month', '所属月份', 'month'), field('electricity_kwh', '用电量', 'number', false, 'kWh'), field('house_damaged', '房屋受损', 'boolean')],
      rows: [{ person_id: '1', id_number_masked: '220102********123X', batch_id: '9', values: { month: '2026-10-01', electricity_kwh: '35', house_damaged: false } }],
    },
  ],
};
const facts: Handler = ({ url }) => (url === `/api/households/${CODE}/facts` ? { body: FACTS } : undefined);

describe("household page: departments' data", () => {
  it('shows each dataset with the member, the event date first, values with units and hidden fields muted', async () => {
    mockFetch(household, catalog, facts);
    renderAt(`/households/${CODE}`);
    const medical = await screen.findByTestId('facts-medical_settlement');
    expect(medical.textContent).toContain('医疗费用结算 · 医保局 · 2 条');
    const headers = [...medical.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(headers).toEqual(['成员', '结算日期', '就诊类型', '个人自付费用（元）', '诊断编码', '批次']);
    const rows = medical.querySelectorAll('tbody tr.ant-table-row');
    expect(rows[0].textContent).toContain('李四');
    expect(rows[0].textContent).toContain('220102********2025');
    expect(rows[0].textContent).toContain('2026-10-20');
    expect(rows[0].textContent).toContain('3,840.00');
    expect(await within(rows[0] as HTMLElement).findByText('住院')).toBeTruthy();
    expect(within(medical).getAllByTestId('fact-hidden').map((e) => e.textContent)).toEqual(['需授权查看', '需授权查看']);
    const utility = screen.getByTestId('facts-utility_usage');
    expect(utility.textContent).toContain('用电量（kWh）');
    expect(utility.textContent).toContain('2026-10');
    expect(utility.textContent).not.toContain('2026-10-01');
    expect(utility.textContent).toContain('张三');
    expect(within(utility).getByText('否')).toBeTruthy();
  });

  it('uses cards on a phone', async () => {
    setViewportWidth(390);
    mockFetch(household, catalog, facts);
    renderAt(`/households/${CODE}`);
    expect(await screen.findAllByTestId('fact-card')).toHaveLength(3);
    expect(screen.getByTestId('facts-medical_settlement').textContent).toContain('个人自付费用（元）3,840.00');
  });

  it('says when the departments have no data about the household', async () => {
    mockFetch(household, catalog);
    renderAt(`/households/${CODE}`);
    const card = await screen.findByTestId('household-facts');
    expect(await within(card).findByText('暂无部门数据')).toBeTruthy();
  });
});
