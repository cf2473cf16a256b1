// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../api/cases';
import { mockFetch, renderAt, setViewportWidth, setupWebTest, signedInAs, type Handler } from '../../test-utils';
import { chinaToday } from '../recognition/format';
import { CODE, DECIDED, VERIFYING, caseApi, householdApi, township, transitions } from './fixtures';

setupWebTest();

const dialog = () => document.querySelector<HTMLElement>('[data-testid="action-form"]')!;
const submit = () => fireEvent.click(screen.getByTestId('action-submit'));
/** The checkbox of a program option. */
const box = (option: HTMLElement) => option.closest('label')!.querySelector('input') as HTMLInputElement;

const CHECKING: CaseDetail = {
  ...VERIFYING, id: '16', state: 'economic_check', state_zh: '经济状况核对', state_en: 'Economic check', escalated_to: null,
  actions: [{ action: 'record_check', zh: '录入经济状况核对结果', en: 'Record the economic check', permitted: true }],
};
/** The household signed for bank and vehicle data only. */
const authorized: Handler = ({ method, url }) =>
  method === 'GET' && url === `/api/households/${CODE}/authorizations`
    ? { body: { items: [{ id: '4', scope: ['banks', 'vehicles'], signed_on: '2026-10-25', expires_on: '2027-10-24', valid: true }] } }
    : undefined;

describe('case steps', () => {
  it('records an economic check: the scopes authorized, the figures in CNY', async () => {
    const { calls } = mockFetch(signedInAs(township), authorized, caseApi([CHECKING]), householdApi);
    renderAt('/cases/16');
    fireEvent.click(await screen.findByTestId('action-record_check'));
    await waitFor(() => expect(dialog()).toBeTruthy());
    // every scope is ticked at first; those without an authorization are named, and can be dropped
    const warning = await within(dialog()).findByTestId('check-unauthorized');
    expect(warning.textContent).toContain('户籍');
    expect(warning.textContent).not.toContain('银行存款');
    fireEvent.click(within(warning).getByText('只保留已授权范围'));
    await waitFor(() => expect(within(dialog()).queryByTestId('check-unauthorized')).toBeNull());
    const wage = within(dialog()).getByLabelText('工资性收入');
    fireEvent.change(wage, { target: { value: '12000.5' } });
    fireEvent.blur(wage);
    const vehicles = within(dialog()).getByLabelText('车辆（辆）');
    fireEvent.change(vehicles, { target: { value: '0' } });
    fireEvent.blur(vehicles);
    fireEvent.change(within(dialog()).getByLabelText('核对发现'), { target: { value: '名下无车辆' } });
    submit();
    await waitFor(() => expect(transitions(calls)).toHaveLength(1));
    expect(transitions(calls)[0].body).toEqual({
      action: 'record_check',
      data: { checked_on: chinaToday(), scopes: ['vehicles', 'banks'], findings: '名下无车辆', income_wage: 12000.5, vehicle_count: 0 },
    });
  });

  it('refers to the recommended programs, ticked with their reasons, and others ticked by hand', async () => {
    const { calls } = mockFetch(signedInAs(township), caseApi([DECIDED]), householdApi);
    renderAt('/cases/14');
    fireEvent.click(await screen.findByTestId('action-refer'));
    await waitFor(() => expect(dialog()).toBeTruthy());
    const medical = await within(dialog()).findByTestId('program-medical_assistance');
    await waitFor(() => expect(box(medical).checked).toBe(true));
    expect(medical.textContent).toContain('推荐');
    expect(medical.textContent).toContain('低保边缘家庭成员可享受医疗救助');
    expect(medical.textContent).toContain('医保局');
    const heating = within(dialog()).getByTestId('program-heating_jilin');
    expect(box(heating).checked).toBe(false);
    fireEvent.click(box(heating));
    submit();
    await waitFor(() => expect(transitions(calls)).toHaveLength(1));
    expect(transitions(calls)[0].body).toEqual({ action: 'refer', data: { programs: ['medical_assistance', 'heating_jilin'] } });
    expect(calls.some((c) => c.method === 'GET' && c.url === '/api/cases/14/recommendations')).toBe(true);
  });

  it('opens a step in a drawer on a phone; a note is required to close', async () => {
    setViewportWidth(375);
    const { calls } = mockFetch(signedInAs(township), caseApi([DECIDED]), householdApi);
    renderAt('/cases/14');
    fireEvent.click(await screen.findByTestId('action-close'));
    await waitFor(() => expect(document.querySelector('.ant-drawer [data-testid="action-form"]')).toBeTruthy());
    submit();
    expect(await within(dialog()).findByText('请填写说明')).toBeTruthy();
    expect(transitions(calls)).toHaveLength(0);
    fireEvent.change(within(dialog()).getByLabelText('办结说明'), { target: { value: '救助已落实' } });
    submit();
    await waitFor(() => expect(transitions(calls)).toHaveLength(1));
    expect(transitions(calls)[0].body).toEqual({ action: 'close', note: '救助已落实', data: {} });
  });
});
