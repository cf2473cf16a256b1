// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CSRF, mockFetch, renderAt, setupWebTest, type RecordedCall } from '../../test-utils';
import { passwordChecks } from './UserForms';

setupWebTest();

const user = (over: Record<string, unknown>) => ({
  id: '1', username: 'demo_admin', display_name: '省级管理员（演示）', role: 'province_admin', region_code: '22',
  department: null, status: 'active', locked: false, created_at: '2026-11-29T10:00:00Z', ...over,
});
const USERS = [
  user({}),
  user({ id: '2', username: 'demo_city', display_name: '市民政局（演示）', role: 'civil_affairs_officer', region_code: '2201' }),
  user({ id: '6', username: 'demo_medical', display_name: '医保局数据员（演示）', role: 'department_data_provider', department: '医保局', locked: true }),
  user({ id: '9', username: 'old_clerk', display_name: null, role: 'village_worker', status: 'disabled' }),
];
const list = ({ method, url }: RecordedCall) => (method === 'GET' && url === '/api/users' ? { body: { items: USERS } } : undefined);
const region2201 = ({ url }: RecordedCall) =>
  url === '/api/regions/2201'
    ? { body: { code: '2201', name: '长春市', level: 'prefecture', parent_code: '22', path: [{ code: '22', name: '吉林省', level: 'province' }, { code: '2201', name: '长春市', level: 'prefecture' }] } }
    : undefined;

const modal = () => document.querySelector<HTMLElement>('.ant-modal')!;
const field = (label: string) => within(modal()).getByLabelText(label) as HTMLInputElement;

describe('users page', () => {
  it('lists the users with Chinese roles, regions and status', async () => {
    mockFetch(list, region2201);
    renderAt('/admin/users');
    expect(await screen.findByText('demo_city')).toBeTruthy();
    expect(screen.getByText('民政工作人员（市/县）')).toBeTruthy();
    expect(screen.getByText('部门数据报送员')).toBeTruthy();
    expect(await screen.findByText('长春市')).toBeTruthy();
    expect(screen.getByText('医保局')).toBeTruthy();
    expect(screen.getByText('已锁定')).toBeTruthy();
    expect(screen.getByText('已停用')).toBeTruthy();
    expect(screen.getByText('本人')).toBeTruthy();
    // no 停用 for oneself or for a disabled user
    expect(screen.queryByTestId('disable-demo_admin')).toBeNull();
    expect(screen.queryByTestId('disable-old_clerk')).toBeNull();
    expect(screen.getByTestId('disable-demo_city')).toBeTruthy();
  });

  it('creates a user through the form, with the CSRF header, and shows the server rules', async () => {
    let attempts = 0;
    const { calls } = mockFetch(list, ({ method, url, body }) => {
      if (method !== 'POST' || url !== '/api/users') return undefined;
      attempts += 1;
      if (attempts === 1)
        return { status: 409, body: { error: { code: 'CONFLICT', message: '用户名「zhang_ming」已存在 / user "zhang_ming" already exists' } } };
      return { status: 201, body: user({ id: '20', ...(body as object), region_code: '22' }) };
    });
    renderAt('/admin/users');
    await screen.findByText('demo_city');
    fireEvent.click(screen.getByTestId('new-user'));
    await screen.findByText('密码要求');

    fireEvent.change(field('用户名'), { target: { value: 'zhang_ming' } });
    fireEvent.change(field('姓名'), { target: { value: '张明' } });
    fireEvent.change(field('部门'), { target: { value: '民政厅' } });
    // role select: Chinese labels
    fireEvent.mouseDown(within(modal()).getByLabelText('角色'));
    fireEvent.click(await screen.findByTitle('乡镇（街道）经办人员'));
    // a weak password is refused before anything is sent
    fireEvent.change(field('初始密码'), { target: { value: 'zhang_ming1' } });
    fireEvent.change(field('确认密码'), { target: { value: 'zhang_ming1' } });
    fireEvent.click(within(modal()).getByText(/^创\s*建$/).closest('button')!);
    await waitFor(() => expect(within(modal()).getAllByText('密码要求')).toHaveLength(2));
    expect(calls.some((c) => c.url === '/api/users' && c.method === 'POST')).toBe(false);

    fireEvent.change(field('初始密码'), { target: { value: 'Jilin#2026-safe' } });
    fireEvent.change(field('确认密码'), { target: { value: 'Jilin#2026-safe' } });
    fireEvent.click(within(modal()).getByText(/^创\s*建$/).closest('button')!);
    // the server's bilingual message stays in the dialog
    expect(await screen.findByText('用户名「zhang_ming」已存在 / user "zhang_ming" already exists')).toBeTruthy();

    fireEvent.click(within(modal()).getByText(/^创\s*建$/).closest('button')!);
    expect(await screen.findByText('已创建用户 zhang_ming')).toBeTruthy();
    const post = calls.filter((c) => c.url === '/api/users' && c.method === 'POST').at(-1)!;
    expect(post.body).toEqual({
      username: 'zhang_ming', password: 'Jilin#2026-safe', role: 'township_officer', region: '22', display_name: '张明', department: '民政厅',
    });
    expect(post.headers['x-csrf-token']).toBe(CSRF);
    // the list is fetched again
    await waitFor(() => expect(calls.filter((c) => c.url === '/api/users' && c.method === 'GET').length).toBeGreaterThan(1));
  });

  it('disables a user after a confirmation', async () => {
    const { calls } = mockFetch(list, ({ method, url }) =>
      method === 'POST' && url === '/api/users/demo_city/disable' ? { body: user({ id: '2', username: 'demo_city', status: 'disabled' }) } : undefined,
    );
    renderAt('/admin/users');
    fireEvent.click(await screen.findByTestId('disable-demo_city'));
    expect(await screen.findByText('确定停用用户“市民政局（演示）（demo_city）”？')).toBeTruthy();
    expect(calls.some((c) => c.url.endsWith('/disable'))).toBe(false);
    fireEvent.click(document.querySelector('.ant-popconfirm .ant-btn-dangerous')!);
    expect(await screen.findByText('已停用用户 demo_city')).toBeTruthy();
    const post = calls.find((c) => c.url === '/api/users/demo_city/disable')!;
    expect(post.method).toBe('POST');
    expect(post.headers['x-csrf-token']).toBe(CSRF);
  });

  it('creates an API token and shows it once with a copy button', async () => {
    const { calls } = mockFetch(list, ({ method, url }) =>
      method === 'POST' && url === '/api/tokens' ? { status: 201, body: { token: 'snt_SECRET123', id: '5' } } : undefined,
    );
    let copied = '';
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (s: string) => void (copied = s) } });
    renderAt('/admin/users');
    fireEvent.click(await screen.findByTestId('token-demo_medical'));
    expect(await screen.findByText('为“医保局数据员（演示）”创建接口令牌')).toBeTruthy();
    fireEvent.change(within(modal()).getByPlaceholderText('如：医保局数据对接'), { target: { value: '医保局数据对接' } });
    fireEvent.click(screen.getByTestId('token-submit'));

    const value = (await screen.findByTestId('token-value')) as HTMLInputElement;
    expect(value.value).toBe('snt_SECRET123');
    expect(screen.getByText(/关闭此窗口后令牌不会再次显示/)).toBeTruthy();
    expect(calls.find((c) => c.url === '/api/tokens')!.body).toEqual({ username: 'demo_medical', name: '医保局数据对接' });
    fireEvent.click(screen.getByTestId('token-copy'));
    await waitFor(() => expect(copied).toBe('snt_SECRET123'));

    fireEvent.click(screen.getByTestId('token-close'));
    await waitFor(() => expect(screen.queryByTestId('token-value')).toBeNull());
    // opening the dialog again starts afresh: the token is not kept anywhere
    fireEvent.click(screen.getByTestId('token-demo_medical'));
    await screen.findByTestId('token-submit');
    expect(document.body.textContent).not.toContain('snt_SECRET123');
  });

  it('checks passwords by the server rules', () => {
    expect(passwordChecks('short', 'u')).toEqual({ length: false, classes: false, username: true });
    expect(passwordChecks('Jilin#2026-safe', 'zhang')).toEqual({ length: true, classes: true, username: true });
    expect(passwordChecks('ZHANG-abc-123', 'zhang')).toMatchObject({ username: false });
  });
});
