// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CSRF, mockFetch, renderAt, sessionUser, setupWebTest, setViewportWidth, signedInAs, type Handler, type RecordedCall } from '../test-utils';

setupWebTest();

const menuItems = () => [...document.querySelectorAll('.ant-layout-sider [role="menuitem"]')].map((el) => el.textContent);
const emptySearch: Handler = ({ method, url }) =>
  method === 'POST' && url === '/api/households/search' ? { body: { items: [], total: 0, page: 1, page_size: 20 } } : undefined;
const emptyAudit: Handler = ({ method, url }) =>
  method === 'GET' && url.startsWith('/api/audit?') ? { body: { items: [], total: 0, page: 1, page_size: 50 } } : undefined;

const auditor = sessionUser({ username: 'demo_auditor', display_name: '审计人员（演示）', role: 'auditor', permissions: ['audit.read', 'alert.read'] });
const township = sessionUser({
  username: 'demo_township', display_name: null, role: 'township_officer', region_code: '220113103',
  permissions: ['alert.handle', 'alert.read', 'authorization.manage', 'pii.reveal', 'recognition.assess', 'registry.read', 'registry.write'],
});
// 动态监测: the dashboard and the alerts for alert.read; the indicators and the calendar for everyone
const MONITORING = ['动态监测', '监测总览', '预警处置', '预警指标', '工作日历'];
const MONITORING_READING = ['动态监测', '预警指标', '工作日历'];
const dataProvider = sessionUser({ username: 'demo_medical', role: 'department_data_provider', department: '医保局', permissions: ['dataset.upload', 'dataset.read'] });

describe('navigation by permission', () => {
  it('shows an auditor the audit log, where it lands, and the alerts to read', async () => {
    mockFetch(signedInAs(auditor), emptyAudit);
    renderAt('/');
    await waitFor(() => expect(window.location.pathname).toBe('/admin/audit'));
    expect(await screen.findByText('校验审计链')).toBeTruthy();
    expect(menuItems()).toEqual([...MONITORING, '系统管理', '审计日志', '政策参数']);
    // header: display name, role in Chinese, 退出
    const who = screen.getByTestId('current-user');
    expect(who.textContent).toContain('审计人员（演示）');
    expect(who.textContent).toContain('审计人员');
    expect(who.textContent).toMatch(/退\s*出/);
  });

  it('tells a user without registry.read politely that /registry is not for them', async () => {
    const { calls } = mockFetch(signedInAs(auditor), emptyAudit);
    renderAt('/registry');
    expect(await screen.findByText('无权访问')).toBeTruthy();
    expect(screen.getByText(/您的账号（审计人员）没有访问此页面的权限/)).toBeTruthy();
    expect(calls.some((c) => c.url === '/api/households/search')).toBe(false);
    fireEvent.click(screen.getByText('返回首页'));
    await waitFor(() => expect(window.location.pathname).toBe('/admin/audit'));
  });

  it('gives a township officer the registry and the flow, and of administration only the policy parameters', async () => {
    mockFetch(signedInAs(township), emptySearch);
    renderAt('/');
    await waitFor(() => expect(window.location.pathname).toBe('/registry'));
    await screen.findByText('按行政区划、救助类别或姓名/身份证号查询在库家庭');
    expect(menuItems()).toEqual(['低收入人口库', '数据共享', ...MONITORING, '认定测算', '救助帮扶', '统计', '系统管理', '政策参数']);
    // no display name: the user name stands in
    expect(screen.getByTestId('current-user').textContent).toContain('demo_township');
    expect(screen.getByTestId('current-user').textContent).toContain('乡镇（街道）经办人员');
  });

  it('keeps a township officer out of the audit log and user pages', async () => {
    const { calls } = mockFetch(signedInAs(township), emptySearch);
    renderAt('/admin/audit');
    expect(await screen.findByText('无权访问')).toBeTruthy();
    expect(calls.some((c) => c.url.startsWith('/api/audit'))).toBe(false);
  });

  it('shows a department data provider its one area, landing on the upload form, and the policy parameters', async () => {
    mockFetch(signedInAs(dataProvider), ({ url }) => (url === '/api/catalog' ? { body: { departments: [], datasets: [] } } : undefined));
    renderAt('/');
    await waitFor(() => expect(window.location.pathname).toBe('/sharing/upload'));
    expect(await screen.findByText('目录中没有您所在部门（医保局）可上传的数据集。')).toBeTruthy();
    expect(menuItems()).toEqual(['数据共享', ...MONITORING_READING, '系统管理', '政策参数']);
    expect(document.querySelector('.ant-menu-item-selected')!.textContent).toBe('数据共享');
    expect(screen.queryByText('前往低收入人口库')).toBeNull();
  });

  it('lands a department handler on its referrals', async () => {
    const handler = sessionUser({ username: 'demo_medical_handler', role: 'department_handler', department: '医保局', permissions: ['referral.handle'] });
    mockFetch(signedInAs(handler), ({ url }) => (url.startsWith('/api/referrals') ? { body: { referrals: [], total: 0 } } : url === '/api/programs' ? { body: { programs: [], departments: [], types: [], tiers: [], facts: [], amount_kinds: [], periods: [], assessed_fields: [], operators: [] } } : undefined));
    renderAt('/');
    await waitFor(() => expect(window.location.pathname).toBe('/assistance/referrals'));
    expect(menuItems()).toEqual(['我的待办', ...MONITORING_READING, '救助帮扶', '系统管理', '政策参数']);
  });

  it('keeps an auditor who reads cases landing on the audit log, with the cases in the menu but no 我的待办', async () => {
    mockFetch(signedInAs(sessionUser({ ...auditor, permissions: ['audit.read', 'alert.read', 'case.read'] })), emptyAudit);
    renderAt('/');
    await waitFor(() => expect(window.location.pathname).toBe('/admin/audit'));
    expect(menuItems()).toEqual([...MONITORING, '待受理', '救助案件', '救助帮扶', '系统管理', '审计日志', '政策参数']);
  });

  it('signs out with the CSRF header and returns to the login page', async () => {
    const { calls } = mockFetch(signedInAs(auditor), emptyAudit, ({ method, url }: RecordedCall) =>
      method === 'POST' && url === '/api/auth/logout' ? { body: { ok: true } } : undefined,
    );
    renderAt('/admin/audit');
    fireEvent.click(await screen.findByTestId('logout'));
    await waitFor(() => expect(window.location.pathname).toBe('/login'));
    expect(window.location.search).toBe('');
    const logout = calls.find((c) => c.url === '/api/auth/logout')!;
    expect(logout.method).toBe('POST');
    expect(logout.headers['x-csrf-token']).toBe(CSRF);
    expect(await screen.findByText('用户登录')).toBeTruthy();
  });

  it('sends the user to the login page with "登录已过期" when the session ends, then back', async () => {
    let expired = false;
    const { calls } = mockFetch(
      ({ method, url }) => {
        if (!expired) return undefined;
        if (url === '/api/auth/me' || url === '/api/households/search')
          return { status: 401, body: { error: { code: 'UNAUTHORIZED', message: '未登录或登录已过期，请重新登录 / not signed in, or the session has expired' } } };
        return undefined;
      },
      emptySearch,
      ({ method, url }) =>
        method === 'POST' && url === '/api/auth/login' ? { body: { user: sessionUser(), csrf_token: 'csrf_new' } } : undefined,
    );
    renderAt('/registry?category=tekun');
    await screen.findByText('按行政区划、救助类别或姓名/身份证号查询在库家庭');
    expired = true;
    fireEvent.click(screen.getByText(/^查\s*询$/).closest('button')!);
    expect(await screen.findByText('登录已过期，请重新登录')).toBeTruthy();
    expect(window.location.pathname).toBe('/login');
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/registry?category=tekun');

    expired = false;
    fireEvent.change(document.querySelector('#login-username')!, { target: { value: 'demo_admin' } });
    fireEvent.change(document.querySelector('#login-password')!, { target: { value: 'Demo-2026-jilin' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(window.location.pathname + window.location.search).toBe('/registry?category=tekun'));
    await waitFor(() => expect(calls.filter((c) => c.url === '/api/households/search').at(-1)!.headers['x-csrf-token']).toBe('csrf_new'));
  });

  it('puts the user and 退出 in a header menu on a phone', async () => {
    setViewportWidth(390);
    const { calls } = mockFetch(signedInAs(township), emptySearch, ({ method, url }) =>
      method === 'POST' && url === '/api/auth/logout' ? { body: { ok: true } } : undefined,
    );
    renderAt('/registry');
    fireEvent.click(await screen.findByTestId('user-menu'));
    expect(await screen.findByText('乡镇（街道）经办人员')).toBeTruthy();
    fireEvent.click(screen.getByText('退出'));
    await waitFor(() => expect(window.location.pathname).toBe('/login'));
    expect(calls.some((c) => c.url === '/api/auth/logout')).toBe(true);
  });
});
