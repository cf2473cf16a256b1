// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, renderAt, sessionUser, setupWebTest, signedInAs, type Handler } from '../../test-utils';
import { availableDocuments } from '../cases/CaseDocuments';

setupWebTest();

const county = sessionUser({ username: 'demo_county', role: 'civil_affairs_officer', region_code: '220113', permissions: ['case.read', 'case.decide', 'registry.read'] });
const REGION_PATH = [
  { code: '22', name: '吉林省' }, { code: '2201', name: '长春市' }, { code: '220113', name: '九台区' }, { code: '220113103', name: '上河湾镇' }, { code: '220113103216', name: '套子里村委会' },
];
const HOUSEHOLD = {
  code: 'H2201131032160002', address: '九台区上河湾镇套子里村11组40号', hukou_type: 'rural', region_code: '220113103216',
  members: [
    { id: '26', name: '孙金玉', id_number_masked: '220113********5562', relation: 'head', sex: 'female', birth_date: '1942-06-26', health: 'chronic', disability_type: null, disability_grade: null, work_ability: 'none' },
    { id: '27', name: '孙小明', id_number_masked: '220113********0011', relation: 'child', sex: 'male', birth_date: '2012-01-02', health: null, disability_type: 'physical', disability_grade: 2, work_ability: null },
  ],
};
const base = { case_id: '2', generated_at: '2026-12-04T19:05:41.634Z', region_path: REGION_PATH, household: HOUSEHOLD, subject: null, state: 'decided' };
const decision = {
  outcome: 'approved', category: 'tekun', reasons: null, override_reason: null, valid_from: '2026-12-05', valid_to: null, monthly_amount: 627.9,
  decided_at: '2026-12-04T17:00:00.000Z', decided_by: 'user:demo_county', head: { name: '孙金玉', id_number_masked: '220113********5562' },
};
const documents = (answers: Record<string, unknown>): Handler => ({ method, url }) => {
  const m = method === 'GET' ? /^\/api\/cases\/2\/documents\/(\w+)$/.exec(url) : null;
  return m && answers[m[1]] ? { body: answers[m[1]] } : undefined;
};
const sheet = () => screen.getByTestId('print-sheet').textContent ?? '';
const noMenu = () => expect(document.querySelector('.ant-layout-sider')).toBeNull();

describe('print views (文书打印)', () => {
  it('prints the recognition notice on its own page: the category, from when, how much, and how to challenge it', async () => {
    mockFetch(signedInAs(county), documents({ notice: { ...base, kind: 'notice', notice: decision, issued_by: '九台区' } }));
    renderAt('/print/cases/2/notice');
    expect((await screen.findByTestId('paper-title')).textContent).toBe('社会救助审核确认通知书');
    noMenu();
    expect(screen.getByTestId('paper-addressee').textContent).toContain('孙金玉（身份证号 220113********5562）');
    expect(screen.getByTestId('paper-body').textContent).toContain('确认你家为特困人员，自 2026年12月5日 起享受救助，月救助金额 627.90 元。');
    // decided at 01:00 China time on 5 December: the date on the paper is China's
    expect(sheet()).toContain('九台区民救〔2026〕第 2 号');
    expect(sheet()).toContain('九台区民政局（盖章）2026年12月5日');
    expect(screen.getByTestId('paper-remedy').textContent).toContain('六十日内依法申请行政复议');
    expect(screen.getByTestId('print-back').getAttribute('href')).toBe('/cases/2');
  });

  it('gives a refusal its written reasons', async () => {
    mockFetch(signedInAs(county), documents({ notice: { ...base, kind: 'notice', notice: { ...decision, outcome: 'refused', category: null, monthly_amount: null, reasons: '家庭人均收入高于低保边缘标准' }, issued_by: '九台区' } }));
    renderAt('/print/cases/2/notice');
    expect((await screen.findByTestId('paper-title')).textContent).toBe('社会救助不予确认通知书');
    expect(screen.getByTestId('paper-reasons').textContent).toBe('家庭人均收入高于低保边缘标准');
    expect(sheet()).not.toContain('月救助金额');
  });

  it('prints the home-visit survey with the family (ID numbers masked), who was present and what the visitor saw', async () => {
    const visit = {
      id: '2', status: 'submitted', outcome: 'need_confirmed', visited_on: '2026-11-25', visitor: 'user:demo_village', saved_at: '2026-11-25T01:00:00Z', submitted_at: '2026-11-25T01:00:00Z',
      form: { visited_on: '2026-11-25', members_present: ['26'], living_conditions: 'poor', housing_type: 'own', housing_condition: 'C', income_sources: ['support', 'pension'], needs: ['living', 'medical'], health_notes: '户主长期卧床', recommendation: '建议认定特困' },
    };
    mockFetch(signedInAs(county), documents({ visit: { ...base, kind: 'visit', visit } }));
    renderAt('/print/cases/2/visit');
    expect((await screen.findByTestId('paper-title')).textContent).toBe('困难家庭入户调查表');
    const members = screen.getByTestId('paper-members');
    await waitFor(() => expect(members.textContent).toContain('户主'));
    const rows = [...members.querySelectorAll('tbody tr')].map((r) => r.textContent);
    expect(rows[0]).toContain('孙金玉');
    expect(rows[0]).toContain('220113********5562');
    expect(rows[0]).toContain('✓');
    expect(rows[1]).not.toContain('✓');
    expect(rows[1]).toContain('肢体残疾 2 级');
    const v = screen.getByTestId('paper-visit').textContent;
    for (const s of ['2026年11月25日', 'demo_village', '困难', 'C 级危房', '亲属赡养扶养、养老金', '基本生活、医疗', '确有困难', '建议认定特困']) expect(v).toContain(s);
    expect(screen.getByTestId('paper-signatures').textContent).toContain('被调查人（签字或按手印）');
  });

  it('prints the economic-check report with its totals', async () => {
    const check = {
      id: '2', checked_on: '2026-11-26', scopes: ['tax', 'banks'], findings: '核对结果与申报一致', recorded_by: 'user:demo_township', authorization_id: '5',
      figures: { income_wage: 1000, income_business: 0, income_property: 9.23, income_transfer: 496.17, income_other: 31.6, financial_assets: 2000, vehicle_count: 0, vehicle_value: 0, property_count: 1, rigid_medical: 1200.5, rigid_education: 0, rigid_rehab: 0, rigid_other: 0 },
    };
    mockFetch(signedInAs(county), documents({ check: { ...base, kind: 'check', check } }));
    renderAt('/print/cases/2/check');
    expect((await screen.findByTestId('paper-title')).textContent).toBe('家庭经济状况核对报告');
    expect(screen.getByTestId('paper-check').textContent).toContain('税务、银行存款');
    const f = screen.getByTestId('paper-figures').textContent;
    expect(f).toContain('家庭年收入合计1,537.00 元');
    expect(f).toContain('刚性支出合计1,200.50 元');
    expect(f).toContain('金融资产2,000.00 元');
  });

  it('prints the approval form with each level\'s opinion in order', async () => {
    const history = [
      { at: '2026-11-25T01:00:00Z', actor: 'user:demo_village', action: 'record_visit', from: 'assigned', to: 'economic_check', note: null, data: { outcome: 'need_confirmed' } },
      { at: '2026-11-26T01:00:00Z', actor: 'user:demo_township', action: 'record_check', from: 'economic_check', to: 'economic_check', note: null, data: { checked_on: '2026-11-26' } },
      { at: '2026-11-26T02:00:00Z', actor: 'user:demo_township', action: 'assess', from: 'economic_check', to: 'assessed', note: null, data: { tier: 'dibao' } },
      { at: '2026-11-27T01:00:00Z', actor: 'user:demo_township', action: 'start_publicity', from: 'assessed', to: 'publicity', note: null, data: { category: 'dibao', override_reason: null } },
      { at: '2026-11-29T01:00:00Z', actor: 'user:demo_township', action: 'object', from: 'publicity', to: 'publicity', note: '邻居反映其子女在外务工，经核实收入已计入', data: {} },
      { at: '2026-12-04T01:00:00Z', actor: 'user:demo_county', action: 'decide', from: 'publicity', to: 'decided', note: null, data: { outcome: 'approved' } },
    ];
    const assessment = { tier: 'dibao', as_of: '2026-11-26', figures: { per_capita_monthly_income: 120.5, dibao_standard: 483 }, summary: { zh: '人均月收入低于低保标准', en: 'below the standard' } };
    mockFetch(signedInAs(county), documents({
      approval: { ...base, kind: 'approval', assessment, proposal: 'dibao', publicity: { from: '2026-11-27', until: '2026-12-03', over: true }, decision: { ...decision, id: '3', kind: 'recognition', category: 'dibao', monthly_amount: 725, valid_from: '2026-12-04', engine_tier: 'dibao' }, history },
    }));
    renderAt('/print/cases/2/approval');
    expect((await screen.findByTestId('paper-title')).textContent).toBe('低保审核确认审批表');
    expect(screen.getByTestId('paper-assessment').textContent).toContain('120.50 元');
    const rows = [...screen.getByTestId('paper-opinions').querySelectorAll('tr')].map((r) => r.textContent ?? '');
    expect(rows.map((r) => r.slice(0, 4))).toEqual(['入户调查', '经济状况', '乡镇（街', '公示情况', '县级民政']);
    expect(rows[2]).toContain('经审核，拟认定为低保');
    expect(rows[3]).toContain('公示期 2026年11月27日 至 2026年12月3日；邻居反映其子女在外务工，经核实收入已计入');
    expect(rows[4]).toContain('确认：低保；月救助金额 725.00 元；自 2026年12月4日 起，至 下次复核');
    expect(rows[4]).toContain('demo_county');
  });

  it('prints the publicity list with masked names and no ID number', async () => {
    const items = [{ case_id: '5', name: '王*国', village: '套子里村委会', household_size: 3, category: 'dibao', monthly_amount: 980, publicity_from: '2026-11-30', publicity_until: '2026-12-06' }];
    const { calls } = mockFetch(signedInAs(county), ({ method, url }) =>
      method === 'GET' && url === '/api/publicity?region=220113103' ? { body: { region: '220113103', region_path: REGION_PATH.slice(0, 4), generated_at: '2026-12-04T10:00:00Z', items } } : undefined,
    );
    renderAt('/print/publicity?region=220113103');
    expect((await screen.findByTestId('paper-title')).textContent).toBe('上河湾镇社会救助审核确认公示');
    const row = screen.getByTestId('publicity-row').textContent;
    for (const s of ['1', '王*国', '套子里村委会', '3', '低保', '980.00 元', '2026年11月30日 – 2026年12月6日']) expect(row).toContain(s);
    expect(sheet()).not.toMatch(/\d{6}\*{8}/);
    expect(calls.some((c) => c.url === '/api/publicity?region=220113103')).toBe(true);
  });

  it('keeps the papers from a user who may not read cases', async () => {
    const { calls } = mockFetch(signedInAs(sessionUser({ username: 'demo_medical', role: 'department_data_provider', permissions: ['dataset.upload'] })));
    renderAt('/print/cases/2/notice');
    expect(await screen.findByText('无权访问')).toBeTruthy();
    expect(calls.some((c) => c.url.startsWith('/api/cases/'))).toBe(false);
  });

  it('offers each paper once the case has it', () => {
    const none = { visits: [], checks: [], assessment: null, decision: null };
    expect(availableDocuments(none)).toEqual([]);
    const draft = { ...none, visits: [{ status: 'draft' }] } as unknown as Parameters<typeof availableDocuments>[0];
    expect(availableDocuments(draft)).toEqual([]);
    const decided = { visits: [{ status: 'submitted' }], checks: [{}], assessment: {}, decision: {} } as unknown as Parameters<typeof availableDocuments>[0];
    expect(availableDocuments(decided)).toEqual(['visit', 'check', 'approval', 'notice']);
  });
});
