// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { CaseDetail } from '../../api/cases';
import { CSRF, mockFetch, renderAt, setupWebTest, signedInAs } from '../../test-utils';
import { ASSESSED, VERIFYING, caseApi, county, householdApi, township, transitions } from './fixtures';

setupWebTest();

const dialog = () => document.querySelector<HTMLElement>('[data-testid="action-form"]')!;
const submit = () => fireEvent.click(screen.getByTestId('action-submit'));

const REFUSED: CaseDetail = {
  ...ASSESSED, state: 'decided', state_zh: '已审核确认', state_en: 'Decided',
  decision: { id: '9', kind: 'recognition', outcome: 'refused', category: null, engine_tier: 'marginal', override_reason: null, reasons: '家庭收入超过标准', valid_from: null, valid_to: null, monthly_amount: null, decided_by: 'user:demo_county', decided_at: '2026-11-03T02:00:00.000Z' },
  history: [...ASSESSED.history, { at: '2026-11-03T02:00:00.000Z', actor: 'user:demo_county', action: 'decide', from: 'assessed', to: 'decided', note: null, data: {} }],
  actions: [{ action: 'close', zh: '办结', en: 'Close', permitted: true }],
};

describe('one case', () => {
  it('shows the step bar, the household, deadlines with the escalation, the alerts, the history and only permitted steps', async () => {
    mockFetch(signedInAs(township), caseApi([VERIFYING]), householdApi);
    renderAt('/cases/12');
    expect((await screen.findByTestId('case-title')).textContent).toBe('案件 12');
    expect(screen.getAllByTestId('case-state')[0].textContent).toBe('入户核查中');
    const steps = screen.getByTestId('case-steps');
    expect(steps.querySelector('.ant-steps-item-process')!.textContent).toContain('入户核查中');
    expect(steps.querySelectorAll('.ant-steps-item-finish')).toHaveLength(2);
    expect(screen.getByTestId('case-person').textContent).toContain('220102********0016');
    expect(screen.getByTestId('household-link').getAttribute('href')).toBe('/households/H2201020010010001');
    expect(screen.getByTestId('step-due').textContent).toContain('2026-11-05 已逾期');
    expect(screen.getByTestId('step-due').textContent).toContain('县级督办');
    expect(screen.getByTestId('total-due').textContent).toBe('2026-12-14');
    const alert = screen.getByTestId('case-alert-link');
    expect(alert.textContent).toBe('年度自付医疗费用过高');
    expect(alert.getAttribute('href')).toBe('/alerts/881');

    const events = screen.getAllByTestId('history-event');
    expect(events).toHaveLength(3);
    expect(events[0].textContent).toContain('开始入户核查');
    expect(events[0].textContent).toContain('已分派 → 入户核查中');
    expect(events[0].textContent).toContain('user:demo_village');
    expect(events[1].textContent).toContain('请尽快入户');

    // permitted steps only: the visit page, fast relief; not the extension (county's)
    expect(screen.getByTestId('open-visit')).toBeTruthy();
    expect(screen.getByTestId('action-fast_relief')).toBeTruthy();
    expect(screen.queryByTestId('action-extend')).toBeNull();
    fireEvent.click(screen.getByTestId('open-visit'));
    await waitFor(() => expect(window.location.pathname).toBe('/cases/12/visit'));
  });

  it('will not send a refusal without reasons; with them it decides and shows the case as answered', async () => {
    const { calls } = mockFetch(signedInAs(county), caseApi([ASSESSED], () => ({ body: REFUSED })), householdApi);
    renderAt('/cases/13');
    expect((await screen.findByTestId('assessment-tier')).textContent).toBe('低保边缘');
    fireEvent.click(screen.getByTestId('action-decide'));
    await waitFor(() => expect(dialog()).toBeTruthy());
    expect(within(dialog()).getByTestId('decide-tier').textContent).toContain('低保边缘');
    fireEvent.click(within(dialog()).getByText('不予确认'));
    submit();
    expect(await within(dialog()).findByText('不予确认须写明理由')).toBeTruthy();
    expect(transitions(calls)).toHaveLength(0);

    fireEvent.change(within(dialog()).getByLabelText('不予确认理由'), { target: { value: '  家庭收入超过标准  ' } });
    submit();
    await waitFor(() => expect(transitions(calls)).toHaveLength(1));
    const post = transitions(calls)[0];
    expect(post.url).toBe('/api/cases/13/transitions');
    expect(post.body).toEqual({ action: 'decide', data: { outcome: 'refused', reasons: '家庭收入超过标准' } });
    expect(post.headers['x-csrf-token']).toBe(CSRF);
    await waitFor(() => expect(document.querySelector('[data-testid="action-form"]')).toBeNull());
    expect(screen.getAllByTestId('case-state')[0].textContent).toBe('已审核确认');
    expect(screen.getByTestId('case-decision').textContent).toContain('家庭收入超过标准');
    expect(screen.getByTestId('action-close')).toBeTruthy();
  });

  it('asks for the reason when the approved category differs from the assessment', async () => {
    const { calls } = mockFetch(signedInAs(county), caseApi([ASSESSED]), householdApi);
    renderAt('/cases/13');
    fireEvent.click(await screen.findByTestId('action-decide'));
    await waitFor(() => expect(dialog()).toBeTruthy());
    fireEvent.click(within(dialog()).getByText('确认'));
    // the assessment's tier is the default: no override needed
    await waitFor(() => expect((within(dialog()).getByLabelText('低保边缘') as HTMLInputElement).checked).toBe(true));
    expect(within(dialog()).getByLabelText('与测算结果不一致的理由').closest('.ant-form-item')!.classList.contains('ant-form-item-hidden')).toBe(true);
    fireEvent.click(within(dialog()).getByLabelText('刚性支出困难'));
    submit();
    expect(await within(dialog()).findByText('认定类别与测算结果不一致，请写明理由')).toBeTruthy();
    expect(transitions(calls)).toHaveLength(0);
    fireEvent.change(within(dialog()).getByLabelText('与测算结果不一致的理由'), { target: { value: '入户核实医疗支出远超测算' } });
    submit();
    await waitFor(() => expect(transitions(calls)).toHaveLength(1));
    expect(transitions(calls)[0].body).toEqual({
      action: 'decide', data: { outcome: 'approved', category: 'rigid_expense', override_reason: '入户核实医疗支出远超测算' },
    });
  });

  it('caps fast relief, sends once however often it is pressed, and shows the refusal on the field it names', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { fn } = mockFetch(signedInAs(township), caseApi([ASSESSED], () => ({
      status: 400, body: { error: { code: 'VALIDATION', message: 'data.amount：超过小额快救上限 / data.amount: above the fast relief cap', details: { field: 'data.amount' } } },
    })), householdApi);
    let posts = 0;
    const gated = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'POST') {
        posts += 1;
        await gate;
      }
      return fn(input, init);
    };
    vi.stubGlobal('fetch', gated);
    renderAt('/cases/13');
    fireEvent.click(await screen.findByTestId('action-fast_relief'));
    await waitFor(() => expect(dialog()).toBeTruthy());
    expect(within(dialog()).getByTestId('relief-cap').textContent).toContain('¥643');
    const amount = within(dialog()).getByLabelText('救助金额');
    fireEvent.change(amount, { target: { value: '800' } });
    fireEvent.blur(amount);
    fireEvent.change(within(dialog()).getByLabelText('救助事由'), { target: { value: '住院押金' } });
    submit();
    expect(await within(dialog()).findByText('不能超过小额快救上限 ¥643.00')).toBeTruthy();
    expect(posts).toBe(0);

    fireEvent.change(amount, { target: { value: '500' } });
    fireEvent.blur(amount);
    submit();
    submit();
    await waitFor(() => expect(posts).toBe(1));
    expect((screen.getByTestId('action-submit') as HTMLButtonElement).disabled).toBe(true);
    submit();
    release();
    expect((await within(dialog()).findByTestId('action-error')).textContent).toContain('data.amount：超过小额快救上限 / data.amount: above the fast relief cap');
    // the field it names carries the message too
    await waitFor(() => expect(dialog().querySelectorAll('.ant-form-item-explain-error').length).toBeGreaterThan(0));
    expect(posts).toBe(1);
    const body = JSON.parse(String((fn.mock.calls.find((c) => c[1]?.method === 'POST')![1] as RequestInit).body));
    expect(body).toEqual({ action: 'fast_relief', note: '住院押金', data: { amount: 500 } });
    expect((screen.getByTestId('action-submit') as HTMLButtonElement).disabled).toBe(false);
  });

  it('says so when the case is not there', async () => {
    mockFetch(signedInAs(township), caseApi([]));
    renderAt('/cases/404');
    expect(await screen.findByText('案件 404 不存在 / case 404 not found')).toBeTruthy();
  });
});
