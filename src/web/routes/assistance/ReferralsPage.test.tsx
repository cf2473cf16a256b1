// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CSRF, mockFetch, renderAt, setupWebTest, setViewportWidth, signedInAs, type RecordedCall } from '../../test-utils';
import { REFERRAL, assistance, medicalHandler } from './fixtures';

setupWebTest();

const rows = () => [...document.querySelectorAll('[data-testid="referrals-table"] tbody tr.ant-table-row')] as HTMLElement[];
const answers = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'POST' && c.url === '/api/referrals/12/respond');
const WARNING = '该户 2026-10 已获得医疗救助 ¥500（转介 #9）；确需再次发放请确认并说明理由 / the household already received Medical assistance ¥500 for 2026-10 (referral #9); to pay again, confirm and give the reason';

describe('referrals inbox (转介办理)', () => {
  it('lands a department handler on its pending referrals, overdue ones in red', async () => {
    const { calls } = mockFetch(signedInAs(medicalHandler), assistance);
    renderAt('/');
    await waitFor(() => expect(window.location.pathname).toBe('/assistance/referrals'));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(calls.some((c) => c.url === '/api/referrals?status=pending&limit=20&offset=0')).toBe(true);
    expect(screen.getByText('转介到医保局的救助，请在办理期限内答复')).toBeTruthy();
    const [late, onTime] = rows();
    expect(late.textContent).toContain('H2201020010010001');
    expect(late.textContent).toContain('王建国 220102********0016');
    expect(late.textContent).toContain('医疗救助');
    expect(late.textContent).toContain('有大病患者：是');
    expect(late.textContent).not.toContain('seriously ill');
    const due = within(late).getByTestId('due-overdue');
    expect(due.textContent).toBe('2026-10-20 已逾期');
    expect(due.style.color).toBe('rgb(207, 19, 34)');
    expect(within(onTime).getByTestId('due').textContent).toBe('2026-11-20');
    // no ID number or name in any URL
    expect(calls.every((c) => !c.url.includes('王建国') && !/\d{17}[\dX]/.test(c.url))).toBe(true);
  });

  it('needs the reason to decline', async () => {
    const { calls } = mockFetch(signedInAs(medicalHandler), assistance);
    renderAt('/assistance/referrals');
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.click(within(rows()[0]).getByRole('button'));
    fireEvent.click(await screen.findByRole('radio', { name: '不予救助' }));
    await waitFor(() => expect(screen.queryByLabelText('发放金额（元，无金额可留空）')).toBeNull());
    fireEvent.click(screen.getByText('提交答复'));
    expect(await screen.findByText('不予救助须写明理由')).toBeTruthy();
    expect(answers(calls)).toHaveLength(0);
  });

  it('accepts with an amount, and asks for the reason before paying twice', async () => {
    let n = 0;
    const { calls } = mockFetch(signedInAs(medicalHandler), assistance, ({ method, url, body }) => {
      if (method !== 'POST' || url !== '/api/referrals/12/respond') return undefined;
      n++;
      if (!(body as { confirm_duplicate?: boolean }).confirm_duplicate) {
        return { status: 409, body: { error: { code: 'CONFLICT', message: WARNING, details: { field: 'confirm_duplicate', duplicate_of: '31' } } } };
      }
      return { body: { ...REFERRAL, status: 'accepted', amount: 200, grant: { id: '32', amount: 200, period_from: '2026-11-01', period_to: '2026-11-30', duplicate_of: '31', warning: { zh: '该户 2026-10 已获得医疗救助 ¥500', en: '…' } } } };
    });
    renderAt('/assistance/referrals');
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.click(within(rows()[0]).getByRole('button'));
    const facts = await screen.findByTestId('referral-facts');
    expect(facts.textContent).toContain('户主住院');
    fireEvent.change(screen.getByLabelText('办理情况'), { target: { value: '再次住院救助' } });
    fireEvent.change(screen.getByLabelText('发放金额（元，无金额可留空）'), { target: { value: '200' } });
    fireEvent.click(screen.getByText('提交答复'));

    expect((await screen.findByTestId('duplicate-warning')).textContent).toContain('该户 2026-10 已获得医疗救助 ¥500（转介 #9）');
    const first = answers(calls)[0];
    expect(first.headers['x-csrf-token']).toBe(CSRF);
    expect(first.body).toMatchObject({ decision: 'accepted', result: '再次住院救助', amount: 200, granted_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), period_from: expect.stringMatching(/-01$/) });
    // the reason is required
    fireEvent.click(screen.getByText('确认发放'));
    expect(await screen.findByTestId('duplicate-reason-missing')).toBeTruthy();
    expect(n).toBe(1);
    fireEvent.change(screen.getByLabelText('再次发放的理由'), { target: { value: '第二次住院，县医保局核定' } });
    fireEvent.click(screen.getByText('确认发放'));
    await waitFor(() => expect(n).toBe(2));
    expect(answers(calls)[1].body).toMatchObject({ decision: 'accepted', amount: 200, confirm_duplicate: true, duplicate_reason: '第二次住院，县医保局核定' });
    await waitFor(() => expect(screen.queryByTestId('duplicate-warning')).toBeNull());
  });

  it('shows one card per referral on a phone', async () => {
    setViewportWidth(390);
    mockFetch(signedInAs(medicalHandler), assistance);
    renderAt('/assistance/referrals');
    await waitFor(() => expect(screen.getAllByTestId('referral-card')).toHaveLength(2));
    const card = screen.getAllByTestId('referral-card')[0];
    expect(card.textContent).toContain('王建国 220102********0016');
    expect(within(card).getByTestId('due-overdue')).toBeTruthy();
    fireEvent.click(card);
    expect(await screen.findByTestId('respond-form')).toBeTruthy();
  });
});
