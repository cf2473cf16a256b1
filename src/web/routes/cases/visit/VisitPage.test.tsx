// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseDetail } from '../../../api/cases';
import { mockFetch, renderAt, setViewportWidth, setupWebTest, signedInAs, type RecordedCall } from '../../../test-utils';
import { chinaToday } from '../../recognition/format';
import { CHECK_SCOPES } from '../../../api/cases';
import { VERIFYING, caseApi, householdApi, transitions, village } from '../fixtures';
import { draftKey } from './useVisitDraft';
import { oneYearAfter } from './AuthorizationFields';

setupWebTest();
beforeEach(() => setViewportWidth(375));

const KEY = draftKey('demo_village', '12');
const saves = (calls: RecordedCall[]) => transitions(calls).filter((c) => (c.body as { action: string }).action === 'save_visit');
const status = () => screen.getByTestId('draft-status').textContent ?? '';
const group = (label: string) => document.querySelector<HTMLElement>(`[role="group"][aria-label="${label}"]`)!;
const tick = (label: string, option: string) => fireEvent.click(within(group(label)).getByText(option));
const radios = (label: string) => document.querySelector<HTMLElement>(`[role="radiogroup"][aria-label="${label}"]`)!;
const pick = (label: string, option: string) => fireEvent.click(within(radios(label)).getByText(option));

async function openVisit() {
  renderAt('/cases/12/visit');
  await screen.findByTestId('visit-form');
  await screen.findByTestId('members-present');
  // the vocabulary has arrived (relations named): the form has settled
  await waitFor(() => expect(group('在场成员').textContent).toContain('户主'));
}

describe('入户调查 (the home-visit form on a phone)', () => {
  it('saves a draft to the server and says when', async () => {
    const { calls } = mockFetch(signedInAs(village), caseApi([VERIFYING]), householdApi);
    await openVisit();
    expect(status()).toBe(' 尚未保存草稿');
    tick('在场成员', '王建国');
    pick('生活状况', '困难');
    tick('困难与需求', '医疗');
    fireEvent.change(screen.getByLabelText('核查意见'), { target: { value: '  建议纳入低保边缘  ' } });
    // every change is kept on the device until the server has it
    await waitFor(() => expect(status()).toContain('有未保存的修改'));
    expect(JSON.parse(localStorage.getItem(KEY)!).visit.recommendation).toBe('建议纳入低保边缘');

    fireEvent.click(screen.getByTestId('visit-save'));
    await waitFor(() => expect(status()).toMatch(/草稿已保存 \d\d:\d\d$/));
    expect(saves(calls)).toHaveLength(1);
    expect(saves(calls)[0].url).toBe('/api/cases/12/transitions');
    expect(saves(calls)[0].body).toEqual({
      action: 'save_visit',
      data: { visit: { visited_on: chinaToday(), members_present: ['31'], living_conditions: 'poor', needs: ['medical'], recommendation: '建议纳入低保边缘' } },
    });
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('keeps the draft on the phone while offline and restores it on return, then saves it', async () => {
    const { fn, calls } = mockFetch(signedInAs(village), caseApi([VERIFYING]), householdApi);
    let offline = true;
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
      offline && init?.method === 'POST' ? Promise.reject(new TypeError('Failed to fetch')) : fn(input, init));
    const view = renderAt('/cases/12/visit');
    await screen.findByTestId('members-present');
    fireEvent.change(screen.getByLabelText('核查意见'), { target: { value: '户主住院，需医疗救助' } });
    fireEvent.click(screen.getByTestId('visit-save'));
    await waitFor(() => expect(status()).toMatch(/离线：草稿已保存在本机 \d\d:\d\d，联网后自动保存/));
    expect(JSON.parse(localStorage.getItem(KEY)!).visit.recommendation).toBe('户主住院，需医疗救助');
    view.unmount();

    // back, with a connection: the local copy is newer than the server's (none) and is sent
    offline = false;
    await openVisit();
    expect((screen.getByLabelText('核查意见') as HTMLTextAreaElement).value).toBe('户主住院，需医疗救助');
    await waitFor(() => expect(saves(calls).length).toBeGreaterThanOrEqual(1));
    expect((saves(calls).at(-1)!.body as { data: { visit: { recommendation: string } } }).data.visit.recommendation).toBe('户主住院，需医疗救助');
    await waitFor(() => expect(status()).toMatch(/草稿已保存 \d\d:\d\d$/));
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it("restores the server's draft", async () => {
    const withDraft: CaseDetail = {
      ...VERIFYING,
      visits: [{ id: '9', visitor: 'user:demo_village', status: 'draft', outcome: null, visited_on: '2026-10-30', saved_at: '2026-10-30T02:05:00.000Z', submitted_at: null,
        form: { visited_on: '2026-10-30', housing_type: 'rented', recommendation: '服务器上的草稿' } }],
    };
    mockFetch(signedInAs(village), caseApi([withDraft]), householdApi);
    await openVisit();
    expect((screen.getByLabelText('核查意见') as HTMLTextAreaElement).value).toBe('服务器上的草稿');
    expect((within(radios('住房类型')).getByLabelText('租住') as HTMLInputElement).checked).toBe(true);
    expect(status()).toMatch(/草稿已保存 \d\d:\d\d$/);
  });

  it('saves the changes when the worker leaves the page', async () => {
    const { calls } = mockFetch(signedInAs(village), caseApi([VERIFYING]), householdApi);
    await openVisit();
    tick('观察到的收入来源', '养老金');
    fireEvent.click(screen.getByTestId('visit-back'));
    await waitFor(() => expect(window.location.pathname).toBe('/cases/12'));
    await waitFor(() => expect(saves(calls)).toHaveLength(1));
    expect((saves(calls)[0].body as { data: { visit: { income_sources: string[] } } }).data.visit.income_sources).toEqual(['pension']);
  });

  it('submits a confirmed need with the authorization signed on the spot, once', async () => {
    const { calls } = mockFetch(signedInAs(village), caseApi([VERIFYING]), householdApi);
    await openVisit();
    // a visit needs a recommendation, a confirmed need at least one need
    pick('核查结论', '确有困难');
    fireEvent.click(screen.getByTestId('visit-submit'));
    expect(await screen.findByText('请填写核查意见')).toBeTruthy();
    expect(await screen.findByText('确有困难的，请至少选择一项需求')).toBeTruthy();
    expect(transitions(calls)).toHaveLength(0);

    tick('困难与需求', '医疗');
    tick('在场成员', '李秀兰');
    fireEvent.change(screen.getByLabelText('核查意见'), { target: { value: '建议纳入低保边缘' } });
    const auth = await screen.findByTestId('visit-authorization');
    await waitFor(() => expect((within(auth).getByLabelText('现场签署核对授权书') as HTMLButtonElement).getAttribute('aria-checked')).toBe('true'));
    expect(within(auth).getAllByRole('checkbox').filter((c) => (c as HTMLInputElement).checked)).toHaveLength(CHECK_SCOPES.length);
    fireEvent.click(screen.getByTestId('visit-submit'));
    fireEvent.click(screen.getByTestId('visit-submit'));
    await waitFor(() => expect(window.location.pathname).toBe('/cases/12'));
    const records = transitions(calls).filter((c) => (c.body as { action: string }).action === 'record_visit');
    expect(records).toHaveLength(1);
    expect(records[0].body).toEqual({
      action: 'record_visit',
      data: {
        visit: { visited_on: chinaToday(), members_present: ['32'], needs: ['medical'], recommendation: '建议纳入低保边缘' },
        outcome: 'need_confirmed',
        authorization: { signed_by_person_id: '31', scope: [...CHECK_SCOPES], signed_on: chinaToday(), expires_on: oneYearAfter(chinaToday()) },
      },
    });
    // submitted: nothing kept on the phone, no draft saved on leaving
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(saves(calls)).toHaveLength(0);
  });
});
