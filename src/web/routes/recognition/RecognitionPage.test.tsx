// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CSRF, mockFetch, renderAt, sessionUser, setupWebTest, signedInAs, type Handler } from '../../test-utils';
import { checkCharacter, EXAMPLE_DESCRIPTION } from './example';
import { MARGINAL } from './fixtures';

setupWebTest();

const DESCRIBED = { ...MARGINAL, id: null, household_code: null, snapshot: null, created_by: undefined, created_at: undefined, notes: [] };
const assess = (answer: { status?: number; body: unknown }): Handler => ({ method, url }) =>
  method === 'POST' && url === '/api/assessments' ? answer : undefined;
const input = () => screen.getByTestId('assess-input') as HTMLTextAreaElement;

describe('/recognition: 认定测算 of a household description', () => {
  it('has a valid example: 18-character ID numbers with their check character, 220102, 2025, ¥833 a head', () => {
    for (const m of EXAMPLE_DESCRIPTION.members) {
      expect(m.id_number).toMatch(/^220102\d{11}[\dX]$/);
      expect(m.id_number[17]).toBe(checkCharacter(m.id_number.slice(0, 17)));
    }
    expect(checkCharacter('11010519491231002')).toBe('X'); // the GB 11643 sample number
    expect(EXAMPLE_DESCRIPTION.as_of.startsWith('2025-')).toBe(true);
    expect(EXAMPLE_DESCRIPTION.annual_income / 12 / EXAMPLE_DESCRIPTION.members.length).toBe(833);
  });

  it('puts the example in the officer\'s own region when 220102 is outside it', async () => {
    mockFetch(signedInAs(sessionUser({ username: 'demo_township', role: 'township_officer', region_code: '220113103', permissions: ['registry.read', 'recognition.assess'] })));
    renderAt('/recognition');
    fireEvent.click(await screen.findByTestId('assess-example'));
    expect(JSON.parse(input().value)).toEqual({ ...EXAMPLE_DESCRIPTION, region_code: '220113103' });
  });

  it('loads the example, assesses it and shows the result', async () => {
    const { calls } = mockFetch(assess({ body: DESCRIBED }));
    renderAt('/recognition');
    expect(await screen.findByText('粘贴或上传一户的家庭情况描述（JSON），按所在区划在测算日期有效的政策参数测算；结果只显示、不保存。')).toBeTruthy();
    expect([...document.querySelectorAll('.ant-layout-sider [role="menuitem"]')].map((el) => el.textContent)).toContain('认定测算');
    fireEvent.click(screen.getByTestId('assess-example'));
    expect(JSON.parse(input().value)).toEqual(EXAMPLE_DESCRIPTION);
    expect(screen.getByTestId('assess-run').textContent).toMatch(/测\s*算/);
    fireEvent.click(screen.getByTestId('assess-run'));
    expect((await screen.findByTestId('assessment-summary')).textContent).toBe(MARGINAL.summary.zh);
    expect(screen.getByTestId('assessment-tier').textContent).toBe('低保边缘');
    const post = calls.find((c) => c.method === 'POST' && c.url === '/api/assessments')!;
    expect(post.body).toEqual(EXAMPLE_DESCRIPTION);
    expect(post.headers['x-csrf-token']).toBe(CSRF);
  });

  it("shows the server's message naming the wrong field", async () => {
    const message = 'members[0].id_number：值「(已隐去 / withheld)」无效，身份证号无效：校验码错误 / members[0].id_number: value "(已隐去 / withheld)" is invalid';
    mockFetch(assess({ status: 400, body: { error: { code: 'VALIDATION', message, details: { field: 'members[0].id_number' } } } }));
    renderAt('/recognition');
    fireEvent.change(await screen.findByTestId('assess-input'), {
      target: { value: JSON.stringify({ ...EXAMPLE_DESCRIPTION, members: [{ id_number: '220102198003120000', relation: 'head' }] }) },
    });
    fireEvent.click(screen.getByTestId('assess-run'));
    expect((await screen.findByTestId('assess-error')).textContent).toContain(message);
    expect(screen.queryByTestId('assessment-view')).toBeNull();
  });

  it('says so before sending when the text is empty or not JSON', async () => {
    const { calls } = mockFetch(assess({ body: DESCRIBED }));
    renderAt('/recognition');
    fireEvent.click(await screen.findByTestId('assess-run'));
    expect((await screen.findByTestId('assess-error')).textContent).toContain('请先粘贴或上传家庭情况描述');
    fireEvent.change(input(), { target: { value: '{"region_code": ' } });
    fireEvent.click(screen.getByTestId('assess-run'));
    await waitFor(() => expect(screen.getByTestId('assess-error').textContent).toContain('不是有效的 JSON'));
    expect(calls.some((c) => c.url === '/api/assessments')).toBe(false);
  });

  it('reads an uploaded file in the browser', async () => {
    mockFetch(assess({ body: DESCRIBED }));
    renderAt('/recognition');
    await screen.findByTestId('assess-upload');
    const file = new File([JSON.stringify(EXAMPLE_DESCRIPTION)], 'family.json', { type: 'application/json' });
    fireEvent.change(document.querySelector('input[type="file"]')!, { target: { files: [file] } });
    await waitFor(() => expect(JSON.parse(input().value)).toEqual(EXAMPLE_DESCRIPTION));
    expect(screen.getByText('已读取文件 family.json')).toBeTruthy();
  });

  it('is not offered without recognition.assess', async () => {
    mockFetch(signedInAs(sessionUser({ username: 'demo_village', role: 'village_worker', permissions: ['registry.read'] })));
    renderAt('/recognition');
    expect(await screen.findByText('无权访问')).toBeTruthy();
    expect([...document.querySelectorAll('.ant-layout-sider [role="menuitem"]')].map((el) => el.textContent)).not.toContain('认定测算');
  });
});
