// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, mockFetch, renderAt, sessionUser, setViewportWidth, setupWebTest, signedInAs } from './test-utils';

setupWebTest();

const emptySearch = mockSearchHandler();
function mockSearchHandler() {
  return ({ method, url }: { method: string; url: string }) =>
    method === 'POST' && url === '/api/households/search' ? { body: { items: [], total: 0, page: 1, page_size: 20 } } : undefined;
}

describe('app shell', () => {
  it('redirects / to /registry and shows the Chinese product name', async () => {
    mockFetch(emptySearch);
    renderAt('/');
    await waitFor(() => expect(window.location.pathname).toBe('/registry'));
    expect(screen.getByText('低收入人口动态监测与分层分类救助平台')).toBeTruthy();
    expect(await screen.findByText('按行政区划、救助类别或姓名/身份证号查询在库家庭')).toBeTruthy();
  });

  it('shows an honest placeholder for areas of later releases', async () => {
    mockFetch(emptySearch);
    renderAt('/statistics');
    expect(await screen.findByText('统计 · 建设中')).toBeTruthy();
    expect(screen.getByText(/后续版本/)).toBeTruthy();
  });

  it('navigates through the side menu in the flow order', async () => {
    const admin = sessionUser({ permissions: [...ALL_PERMISSIONS, 'alert.read', 'alert.handle', 'monitor.manage', 'case.read', 'case.manage'] });
    const noCases = ({ method, url }: { method: string; url: string }) =>
      method === 'GET' && url.startsWith('/api/cases?') ? { body: { cases: [], total: 0 } } : undefined;
    mockFetch(signedInAs(admin), emptySearch, noCases);
    renderAt('/registry');
    await screen.findByText('按行政区划、救助类别或姓名/身份证号查询在库家庭');
    const labels = [
      '我的待办', '低收入人口库', '数据共享', '动态监测', '监测总览', '预警处置', '预警指标', '工作日历', '待受理', '救助案件', '认定测算', '救助帮扶', '统计',
      '系统管理', '用户管理', '审计日志', '政策参数',
    ];
    const items = [...document.querySelectorAll('[role="menuitem"]')].map((el) => el.textContent);
    expect(items).toEqual(labels);
    fireEvent.click(screen.getByText('救助案件'));
    await waitFor(() => expect(window.location.pathname).toBe('/cases'));
    expect(await screen.findByText('没有符合条件的案件')).toBeTruthy();
    fireEvent.click(screen.getByText('统计'));
    await waitFor(() => expect(window.location.pathname).toBe('/statistics'));
    expect(await screen.findByText('统计 · 建设中')).toBeTruthy();
  });

  it('switches to English and remembers the choice', async () => {
    mockFetch(emptySearch);
    const view = renderAt('/registry');
    fireEvent.click(await screen.findByTestId('lang-switch'));
    expect(await screen.findByText('Low-income population registry')).toBeTruthy();
    expect(localStorage.getItem('safetynet.lang')).toBe('en');
    view.unmount();
    renderAt('/statistics');
    expect(await screen.findByText('Statistics · under construction')).toBeTruthy();
  });

  it('uses a drawer menu and the short title on a phone', async () => {
    setViewportWidth(390);
    mockFetch(emptySearch);
    renderAt('/registry');
    expect(await screen.findByText('吉林省低收入人口监测平台')).toBeTruthy();
    expect(document.querySelector('[role="menuitem"]')).toBeNull();
    fireEvent.click(await screen.findByLabelText('菜单'));
    fireEvent.click(await screen.findByText('统计'));
    await waitFor(() => expect(window.location.pathname).toBe('/statistics'));
  });

  it('shows a not-found page for unknown paths', async () => {
    mockFetch(emptySearch);
    renderAt('/nowhere');
    expect(await screen.findByText('页面不存在')).toBeTruthy();
  });
});
