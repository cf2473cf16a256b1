// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../api/cases';
import { mockFetch, renderAt, setViewportWidth, setupWebTest, signedInAs, type RecordedCall } from '../../test-utils';
import { ASSESSED, VERIFYING, caseApi, township } from './fixtures';

setupWebTest();

const UNREGISTERED: CaseSummary = {
  ...VERIFYING, id: '20', state: 'discovered', household_code: null, head: null, subject: { name: '刘某', id_number_masked: '220104********5678' },
  source: { kind: 'report', id: '3' }, escalated_to: null,
  deadlines: { step: { due: '2026-12-02', overdue: false }, total: { due: '2027-01-10', extended: false, overdue: false } },
};
const LIST: CaseSummary[] = [VERIFYING, ASSESSED, UNREGISTERED];

const caseList = ({ method, url }: RecordedCall) => {
  if (method !== 'GET' || !url.startsWith('/api/cases?')) return undefined;
  const q = new URL(url, 'http://x').searchParams;
  const cases = LIST.filter((c) => (!q.get('state') || c.state === q.get('state')) && (!q.get('overdue') || c.deadlines.step?.overdue));
  return { body: { cases, total: cases.length } };
};
const listCalls = (calls: RecordedCall[]) => calls.filter((c) => c.url.startsWith('/api/cases?')).map((c) => c.url);
const rows = () => [...document.querySelectorAll('[data-testid="cases-table"] tbody tr.ant-table-row')] as HTMLElement[];

describe('救助案件 (case list)', () => {
  it('lists cases with state, person, household, deadlines and escalation; filters go in the URL and to the server', async () => {
    const { calls } = mockFetch(signedInAs(township), caseList, caseApi([VERIFYING]));
    renderAt('/cases');
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(listCalls(calls)[0]).toBe('/api/cases?limit=20&offset=0');
    const [verifying, , unregistered] = rows();
    expect(within(verifying).getByTestId('case-state').textContent).toBe('入户核查中');
    expect(verifying.textContent).toContain('王建国');
    expect(verifying.textContent).toContain('220102********0016');
    expect(within(verifying).getByTestId('household-link').getAttribute('href')).toBe('/households/H2201020010010001');
    expect(within(verifying).getAllByTestId('overdue')[0].textContent).toBe('2026-11-05 已逾期');
    expect(within(verifying).getByTestId('escalation').textContent).toBe('县级督办');
    expect(verifying.textContent).toContain('大数据预警');
    // not registered yet: the subject with the masked ID number, no household link
    expect(within(unregistered).getByTestId('unregistered-tag').textContent).toBe('未登记');
    expect(unregistered.textContent).toContain('220104********5678');
    expect(unregistered.textContent).toContain('网格员上报');

    fireEvent.click(screen.getByTestId('f-overdue'));
    await waitFor(() => expect(window.location.search).toBe('?overdue=true'));
    await waitFor(() => expect(listCalls(calls).at(-1)).toBe('/api/cases?overdue=true&limit=20&offset=0'));
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(screen.getByTestId('f-escalated'));
    await waitFor(() => expect(listCalls(calls).at(-1)).toBe('/api/cases?overdue=true&escalated=true&limit=20&offset=0'));
    // no name or ID number ever in a URL
    expect(calls.every((c) => !/王建国|0016/.test(c.url))).toBe(true);

    fireEvent.click(rows()[0]);
    await waitFor(() => expect(window.location.pathname).toBe('/cases/12'));
    // the case page's way back keeps the filters
    expect((await screen.findByTestId('case-back')).getAttribute('href')).toBe('/cases?overdue=true&escalated=true');
  });

  it('reads the state filter from the URL', async () => {
    const { calls } = mockFetch(signedInAs(township), caseList);
    renderAt('/cases?state=assessed&page=2');
    await waitFor(() => expect(listCalls(calls).at(-1)).toBe('/api/cases?state=assessed&limit=20&offset=20'));
  });

  it('shows one card per case on a phone', async () => {
    setViewportWidth(375);
    mockFetch(signedInAs(township), caseList, caseApi([VERIFYING]));
    renderAt('/cases');
    await waitFor(() => expect(screen.getAllByTestId('case-card')).toHaveLength(3));
    expect(document.querySelector('[data-testid="cases-table"]')).toBeNull();
    const card = screen.getAllByTestId('case-card')[0];
    expect(card.textContent).toContain('县级督办');
    expect(card.textContent).toContain('已逾期');
    fireEvent.click(card);
    await waitFor(() => expect(window.location.pathname).toBe('/cases/12'));
  });
});
