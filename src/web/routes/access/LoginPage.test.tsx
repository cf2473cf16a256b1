// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CSRF, mockFetch, renderAt, sessionUser, setupWebTest, signedOut, type RecordedCall } from '../../test-utils';

setupWebTest();

const DEMO = {
  password: 'Demo-2026-jilin',
  items: [
    { username: 'demo_admin', role: 'province_admin', region_code: '22', display_name: '省级管理员（演示）' },
    { username: 'demo_township', role: 'township_officer', region_code: '220113103', display_name: '乡镇经办（演示）' },
    { username: 'demo_auditor', role: 'auditor', region_code: '22', display_name: '审计人员（演示）' },
  ],
};
const demoAccounts = ({ method, url }: RecordedCall) =>
  method === 'GET' && url === '/api/auth/demo-accounts' ? { body: DEMO } : undefined;
const emptySearch = ({ method, url }: RecordedCall) =>
  method === 'POST' && url === '/api/households/search' ? { body: { items: [], total: 0, page: 1, page_size: 20 } } : undefined;

const township = sessionUser({
  username: 'demo_township', display_name: '乡镇经办（演示）', role: 'township_officer', region_code: '220113103',
  permissions: ['authorization.manage', 'pii.reveal', 'registry.read', 'registry.write'],
});
/** POST /api/auth/login: the demo password signs in as the township officer, anything else is refused. */
const login = ({ method, url, body }: RecordedCall) => {
  if (method !== 'POST' || url !== '/api/auth/login') return undefined;
  const { password } = body as { username: string; password: string };
  return password === DEMO.password
    ? { body: { user: township, csrf_token: CSRF } }
    : { status: 401, body: { error: { code: 'UNAUTHORIZED', message: '用户名或密码错误 / wrong user name or password' } } };
};

const usernameBox = () => document.querySelector<HTMLInputElement>('#login-username')!;
const passwordBox = () => document.querySelector<HTMLInputElement>('#login-password')!;
const submit = () => screen.getByTestId('login-submit');

describe('login page', () => {
  it('is shown without a session and remembers the page asked for', async () => {
    mockFetch(signedOut, demoAccounts);
    renderAt('/households/H1?x=1');
    expect(await screen.findByText('用户登录')).toBeTruthy();
    expect(window.location.pathname).toBe('/login');
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/households/H1?x=1');
    // no app menu or data behind the login page
    expect(document.querySelector('[role="menuitem"]')).toBeNull();
  });

  it('fills the form from the demo accounts panel and signs in to the remembered page', async () => {
    const { calls } = mockFetch(signedOut, demoAccounts, login, emptySearch);
    renderAt('/registry?category=dibao');
    const panel = await screen.findByTestId('demo-accounts');
    expect(panel.textContent).toContain('演示账号');
    expect(panel.textContent).toContain('Demo-2026-jilin');
    expect(panel.textContent).toContain('乡镇（街道）经办人员');
    fireEvent.click(screen.getByText('乡镇经办（演示）'));
    await waitFor(() => expect(usernameBox().value).toBe('demo_township'));
    expect(passwordBox().value).toBe('Demo-2026-jilin');

    fireEvent.click(submit());
    await waitFor(() => expect(window.location.pathname + window.location.search).toBe('/registry?category=dibao'));
    const req = calls.find((c) => c.url === '/api/auth/login')!;
    expect(req.body).toEqual({ username: 'demo_township', password: 'Demo-2026-jilin' });
    expect(await screen.findByText('乡镇经办（演示）')).toBeTruthy();
    expect(screen.getByText('乡镇（街道）经办人员')).toBeTruthy();
    // the next POST carries the CSRF token from the login answer
    await waitFor(() => expect(calls.some((c) => c.url === '/api/households/search')).toBe(true));
    expect(calls.find((c) => c.url === '/api/households/search')!.headers['x-csrf-token']).toBe(CSRF);
  });

  it("shows the server's message for a wrong password and clears the password", async () => {
    mockFetch(signedOut, demoAccounts, login);
    renderAt('/login');
    await screen.findByText('用户登录');
    fireEvent.change(usernameBox(), { target: { value: 'demo_admin' } });
    fireEvent.change(passwordBox(), { target: { value: 'wrong-password' } });
    fireEvent.click(submit());
    expect(await screen.findByText('用户名或密码错误 / wrong user name or password')).toBeTruthy();
    expect(window.location.pathname).toBe('/login');
    await waitFor(() => expect(passwordBox().value).toBe(''));
  });

  it('asks for the user name and password before calling the server', async () => {
    const { calls } = mockFetch(signedOut, demoAccounts, login);
    renderAt('/login');
    await screen.findByText('用户登录');
    fireEvent.click(submit());
    expect(await screen.findByText('请输入用户名')).toBeTruthy();
    expect(screen.getByText('请输入密码')).toBeTruthy();
    expect(calls.some((c) => c.url === '/api/auth/login')).toBe(false);
  });

  it('hides the demo panel when the server has no demo accounts', async () => {
    mockFetch(signedOut);
    renderAt('/login');
    await screen.findByText('用户登录');
    await waitFor(() => expect(screen.queryByTestId('demo-accounts')).toBeNull());
    expect(screen.getByText(/仅限授权工作人员使用/)).toBeTruthy();
  });

  it('switches to English', async () => {
    mockFetch(signedOut, demoAccounts);
    renderAt('/login');
    fireEvent.click(await screen.findByTestId('lang-switch'));
    expect(await screen.findByText('Demo accounts')).toBeTruthy();
    expect(screen.getByText('Township officer · 220113103')).toBeTruthy();
  });
});
