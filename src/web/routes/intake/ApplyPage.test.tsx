// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, renderAt, setViewportWidth, setupWebTest, signedOut, type RecordedCall } from '../../test-utils';
import { choose, ID_HEAD, ID_SPOUSE, level, regionTree, type } from './fixtures';

setupWebTest();

const applications = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'POST' && c.url === '/api/public/applications');

/** Fill the whole form: the village, contact, the applicant, one member, needs, both consents. */
async function fillForm() {
  await choose(await level(2), '长春市');
  await choose(await level(4), '南关区');
  await choose(await level(6), '南岭街道');
  await choose(await level(9), '华阳社区');
  type('address', '3栋2单元101');
  type('phone', '138 1234 5678');
  type('applicant_name', '王建国');
  type('applicant_id_number', ID_HEAD);
  fireEvent.click(screen.getByTestId('add-member'));
  await waitFor(() => expect(screen.getAllByTestId('member-card')).toHaveLength(1));
  type('members_0_name', '李秀兰');
  type('members_0_id_number', ID_SPOUSE);
  fireEvent.click(screen.getByText('基本生活'));
  fireEvent.click(screen.getByText('医疗'));
  type('description', '老伴住院，家里没有收入');
  fireEvent.click(screen.getByTestId('authorize-check'));
  fireEvent.click(screen.getByTestId('declaration'));
}

/** Choose the member's relation (the second 与户主关系 select). */
async function memberRelation(text: string) {
  const select = within(screen.getAllByTestId('member-card')[0]).getByRole('combobox');
  fireEvent.mouseDown(select);
  const option = await waitFor(() => {
    const hit = [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')].filter((el) => el.textContent === text).at(-1);
    if (!hit) throw new Error(`no option ${text}`);
    return hit as HTMLElement;
  });
  fireEvent.click(option);
}

describe('网上申请 (the public online application)', () => {
  it('opens without signing in and without the app menu, on a 375-px phone, and the login page links to it', async () => {
    setViewportWidth(375);
    mockFetch(signedOut, regionTree);
    renderAt('/login');
    fireEvent.click(await screen.findByTestId('apply-link'));
    await waitFor(() => expect(window.location.pathname).toBe('/apply'));
    expect(await screen.findByTestId('apply-title')).toBeTruthy();
    expect(screen.getByTestId('public-frame')).toBeTruthy();
    expect(document.querySelector('.ant-layout-sider')).toBeNull();
    expect(document.querySelector('[role="menuitem"]')).toBeNull();
    // the authorization names every kind of data the check may query, in plain words
    const auth = screen.getByTestId('authorization-text');
    for (const words of ['户籍', '纳税', '社会保险', '不动产', '市场主体', '住房公积金', '车辆船舶', '银行', '保险', '证券']) expect(auth.textContent).toContain(words);
  });

  it('sends the application and shows the reference big, to write down', async () => {
    const { calls } = mockFetch(signedOut, regionTree, ({ method, url }) =>
      method === 'POST' && url === '/api/public/applications' ? { status: 201, body: { reference: 'SQ20261101000123', received_at: '2026-11-01T02:00:00.000Z' } } : undefined,
    );
    renderAt('/apply');
    await screen.findByTestId('apply-title');
    await fillForm();
    await memberRelation('配偶');
    fireEvent.click(screen.getByTestId('apply-submit'));
    await waitFor(() => expect(applications(calls)).toHaveLength(1));
    expect(applications(calls)[0].body).toEqual({
      region_code: '220102001001', hukou_type: 'urban', address: '3栋2单元101', phone: '138 1234 5678',
      applicant: { name: '王建国', id_number: ID_HEAD, relation: 'head' },
      members: [{ name: '李秀兰', id_number: ID_SPOUSE, relation: 'spouse' }],
      needs: ['living', 'medical'], description: '老伴住院，家里没有收入',
      consent: { authorize_check: true, declaration: true, signer_name: '王建国' },
    });
    expect((await screen.findByTestId('reference')).textContent).toContain('SQ20261101000123');
    expect(screen.getByText('请记下申请编号')).toBeTruthy();
    // the status page starts with the reference; no ID number went into a URL
    fireEvent.click(screen.getByRole('button', { name: '查询办理进度' }));
    await waitFor(() => expect(window.location.pathname).toBe('/apply/status'));
    expect((document.getElementById('reference') as HTMLInputElement).value).toBe('SQ20261101000123');
    expect(calls.every((c) => !c.url.includes(ID_HEAD))).toBe(true);
  });

  it('refuses to send without the consents, and shows the server’s errors at the fields they name', async () => {
    const { calls } = mockFetch(signedOut, regionTree, ({ method, url }) =>
      method === 'POST' && url === '/api/public/applications'
        ? { status: 400, body: { error: { code: 'VALIDATION', message: 'members[0].id_number: 身份证号校验位错误 / check digit wrong', details: { field: 'members[0].id_number', errors: [{ field: 'members[0].id_number', message: 'members[0].id_number: 身份证号校验位错误 / check digit wrong' }, { field: 'consent.signer_name', message: 'consent.signer_name: 签署人应为申请人本人 / the signer must be the applicant' }] } } } }
        : undefined,
    );
    renderAt('/apply');
    await screen.findByTestId('apply-title');
    fireEvent.click(screen.getByTestId('apply-submit'));
    expect(await screen.findByText('须同意核对授权才能受理申请')).toBeTruthy();
    expect(screen.getByText('须作出声明承诺')).toBeTruthy();
    expect(screen.getByText('请选择到村（社区）')).toBeTruthy();
    expect(applications(calls)).toHaveLength(0);

    await fillForm();
    await memberRelation('配偶');
    fireEvent.click(screen.getByTestId('apply-submit'));
    await waitFor(() => expect(applications(calls)).toHaveLength(1));
    const card = screen.getAllByTestId('member-card')[0];
    await waitFor(() => expect(card.textContent).toContain('身份证号校验位错误'));
    const top = screen.getByTestId('apply-error');
    expect(top.textContent).toContain('请按标注修改后重新提交');
    expect(top.textContent).toContain('签署人应为申请人本人');
  });

  it('checks an ID number before sending', async () => {
    mockFetch(signedOut, regionTree);
    renderAt('/apply');
    await screen.findByTestId('apply-title');
    const id = document.getElementById('applicant_id_number')!;
    fireEvent.change(id, { target: { value: ID_HEAD.slice(0, 17) + (ID_HEAD[17] === '0' ? '1' : '0') } });
    fireEvent.blur(id);
    expect(await screen.findByText('身份证号校验未通过，请核对')).toBeTruthy();
    fireEvent.change(id, { target: { value: '220102580312001' } });
    fireEvent.blur(id);
    expect(await screen.findByText('请填写18位身份证号（15位旧号码已停用）')).toBeTruthy();
  });

  it('tells the applicant where it stands, in English too', async () => {
    const { calls } = mockFetch(signedOut, ({ method, url, body }) => {
      if (method !== 'POST' || url !== '/api/public/applications/status') return undefined;
      const b = body as { reference: string; id_number: string };
      return b.id_number === ID_HEAD
        ? { body: { reference: b.reference, status: 'accepted', status_zh: '已受理（立案）', status_en: 'Accepted (a case is open)', received_at: '2026-11-01T02:00:00.000Z', case: { state: 'verifying', state_zh: '入户核查中', state_en: 'Verifying' } } }
        : { status: 404, body: { error: { code: 'NOT_FOUND', message: '未找到该申请，请核对申请编号和申请人身份证号 / no application found for this reference and ID number' } } };
    });
    renderAt('/apply/status');
    type('reference', 'sq20261101000123');
    type('id_number', ID_SPOUSE);
    fireEvent.click(screen.getByTestId('status-submit'));
    expect((await screen.findByTestId('status-error')).textContent).toBe('未找到该申请，请核对申请编号和申请人身份证号');
    type('id_number', ID_HEAD);
    fireEvent.click(screen.getByTestId('status-submit'));
    const answer = await screen.findByTestId('status-answer');
    expect(answer.textContent).toContain('已受理（立案）');
    expect(answer.textContent).toContain('入户核查中');
    expect(calls.filter((c) => c.url === '/api/public/applications/status').at(-1)!.body).toEqual({ reference: 'SQ20261101000123', id_number: ID_HEAD });
    fireEvent.click(screen.getByTestId('lang-switch'));
    expect(await screen.findByText('Accepted (a case is open)')).toBeTruthy();
  });
});
