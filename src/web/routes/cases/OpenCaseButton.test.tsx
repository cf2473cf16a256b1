// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, renderAt, setupWebTest, signedInAs, type Handler } from '../../test-utils';
import { ALERT_MEDICAL, gridWorker, monitoring } from '../monitoring/fixtures';
import { VERIFYING, caseApi, township } from './fixtures';

setupWebTest();

const opened = (status: number, body: unknown): Handler => ({ method, url }) => (method === 'POST' && url === '/api/cases' ? { status, body } : undefined);

describe('立案 from an alert', () => {
  it('opens a case from the alert and goes to it', async () => {
    const { calls } = mockFetch(signedInAs(township), monitoring, opened(201, { ...VERIFYING, state: 'discovered' }), caseApi([VERIFYING]));
    renderAt('/alerts/101');
    fireEvent.click(await screen.findByTestId('open-case'));
    await waitFor(() => expect(window.location.pathname).toBe('/cases/12'));
    expect(calls.find((c) => c.method === 'POST' && c.url === '/api/cases')!.body).toEqual({ alert_id: '101' });
    expect(await screen.findByText('已立案：案件 12')).toBeTruthy();
  });

  it("says so when the alert joined the household's open case", async () => {
    mockFetch(signedInAs(township), monitoring, opened(200, { ...VERIFYING, attached: true }), caseApi([VERIFYING]));
    renderAt('/alerts/101');
    fireEvent.click(await screen.findByTestId('open-case'));
    expect(await screen.findByText('已并入本户在办案件 12')).toBeTruthy();
    await waitFor(() => expect(window.location.pathname).toBe('/cases/12'));
  });

  it('shows the refusal with a link to the case it names', async () => {
    mockFetch(signedInAs(township), monitoring, opened(409, { error: { code: 'CONFLICT', message: '该预警已在案件 12 中 / the alert is in case 12', details: { case_id: '12' } } }));
    renderAt('/alerts/101');
    fireEvent.click(await screen.findByTestId('open-case'));
    expect((await screen.findByTestId('open-case-error')).textContent).toContain('该预警已在案件 12 中 / the alert is in case 12');
    expect(screen.getByText('查看案件 12').closest('a')!.getAttribute('href')).toBe('/cases/12');
  });

  it('links to the case instead when the alert is in one, and offers nothing without case.manage', async () => {
    mockFetch(signedInAs(township), ({ url }) => (url === '/api/alerts/101' ? { body: { ...ALERT_MEDICAL, case_id: '12' } } : undefined), monitoring);
    const view = renderAt('/alerts/101');
    expect((await screen.findByTestId('alert-case-link')).getAttribute('href')).toBe('/cases/12');
    expect(screen.queryByTestId('open-case')).toBeNull();
    view.unmount();

    mockFetch(signedInAs(gridWorker), monitoring);
    renderAt('/alerts/101');
    await screen.findByTestId('alert-title');
    expect(screen.queryByTestId('open-case')).toBeNull();
  });
});
