// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, renderAt, setViewportWidth, setupWebTest, signedInAs, type Handler } from '../../test-utils';
import { INBOX, VERIFYING, auditor, caseApi, county, township, village } from './fixtures';

setupWebTest();

const inbox: Handler = ({ method, url }) => (method === 'GET' && url === '/api/inbox' ? { body: INBOX } : undefined);
const emptyAudit: Handler = ({ method, url }) =>
  method === 'GET' && url.startsWith('/api/audit?') ? { body: { items: [], total: 0, page: 1, page_size: 50 } } : undefined;
const menuItems = () => [...document.querySelectorAll('.ant-layout-sider [role="menuitem"]')].map((el) => el.textContent);

describe('我的待办 (inbox)', () => {
  it('is where a township officer lands: overdue first and red, escalations marked, each opening its case', async () => {
    mockFetch(signedInAs(township), inbox, caseApi([VERIFYING]));
    renderAt('/');
    await waitFor(() => expect(window.location.pathname).toBe('/inbox'));
    await waitFor(() => expect(screen.getAllByTestId('inbox-item')).toHaveLength(3));
    expect(screen.getByTestId('inbox-counts').textContent).toBe('共 3 项，其中逾期 1 项');
    expect(menuItems().slice(0, 2)).toEqual(['我的待办', '低收入人口库']);
    expect(menuItems()).toContain('救助案件');

    const [first, second, third] = screen.getAllByTestId('inbox-item');
    // the overdue step comes first, whatever the server's order, with 县级督办
    expect(first.dataset.overdue).toBe('true');
    expect(within(first).getByTestId('inbox-title').textContent).toBe('入户核查');
    expect(within(first).getByTestId('overdue').textContent).toBe('2026-11-05 已逾期');
    expect(within(first).getByTestId('escalation').textContent).toBe('县级督办');
    expect(within(first).getByTestId('case-state').textContent).toBe('入户核查中');
    // then by due date
    expect(within(second).getByTestId('inbox-title').textContent).toBe('分派入户核查');
    expect(second.dataset.overdue).toBe('false');
    expect(within(third).getByTestId('inbox-title').textContent).toBe('低保定期复核');
    expect(third.textContent).toContain('复核任务');

    fireEvent.click(first);
    await waitFor(() => expect(window.location.pathname).toBe('/cases/12'));
    expect(await screen.findByTestId('case-title')).toBeTruthy();
  });

  it('opens a review task without a case at its household', async () => {
    mockFetch(signedInAs(village), inbox, ({ url }) => (url.startsWith('/api/households/H2201020010010009') ? { body: { error: {} }, status: 404 } : undefined));
    setViewportWidth(375);
    renderAt('/inbox');
    await waitFor(() => expect(screen.getAllByTestId('inbox-item')).toHaveLength(3));
    fireEvent.click(screen.getAllByTestId('inbox-item')[2]);
    await waitFor(() => expect(window.location.pathname).toBe('/households/H2201020010010009'));
  });

  it('lands a village worker on the inbox, but not the county or an auditor', async () => {
    mockFetch(signedInAs(village), inbox);
    const view = renderAt('/');
    await waitFor(() => expect(window.location.pathname).toBe('/inbox'));
    view.unmount();

    mockFetch(signedInAs(county), ({ method, url }) => (method === 'POST' && url === '/api/households/search' ? { body: { items: [], total: 0, page: 1, page_size: 20 } } : undefined));
    const again = renderAt('/');
    await waitFor(() => expect(window.location.pathname).toBe('/registry'));
    again.unmount();

    mockFetch(signedInAs(auditor), emptyAudit);
    renderAt('/');
    await waitFor(() => expect(window.location.pathname).toBe('/admin/audit'));
  });

  it('says so when there is nothing to do', async () => {
    mockFetch(signedInAs(township), ({ url }) => (url === '/api/inbox' ? { body: { items: [], counts: { total: 0, overdue: 0 } } } : undefined));
    renderAt('/inbox');
    expect(await screen.findByText('暂无待办事项')).toBeTruthy();
  });
});
