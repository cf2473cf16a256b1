// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, renderAt, setupWebTest, signedInAs, type RecordedCall } from '../../test-utils';
import { CODE, HOUSEHOLD, TIMELINE, VERIFYING, township } from './fixtures';

setupWebTest();

const api = ({ method, url }: RecordedCall) => {
  if (method !== 'GET') return undefined;
  if (url === `/api/households/${CODE}`) return { body: HOUSEHOLD };
  if (url === `/api/households/${CODE}/timeline`) return { body: TIMELINE };
  if (url === `/api/cases?household=${CODE}&limit=10&offset=0`) return { body: { cases: [VERIFYING], total: 1 } };
  return undefined;
};

describe("the household's 救助链", () => {
  it('shows every event newest first, coloured by kind, with the open case', async () => {
    const { calls } = mockFetch(signedInAs(township), api);
    renderAt(`/households/${CODE}`);
    await waitFor(() => expect(screen.getAllByTestId('chain-event')).toHaveLength(3));
    const [answer, step, alert] = screen.getAllByTestId('chain-event');
    expect(answer.dataset.kind).toBe('referral_answer');
    expect(answer.textContent).toContain('部门反馈');
    expect(answer.textContent).toContain('医保局受理医疗救助，支付 ¥5,000');
    expect(answer.textContent).toContain('user:demo_handler · 医保局');
    expect(answer.querySelector('a')!.getAttribute('href')).toBe('/cases/12');
    expect(step.dataset.kind).toBe('case_step');
    expect(alert.dataset.kind).toBe('alert');
    expect(alert.textContent).toContain('预警');
    const open = await screen.findByTestId('open-case');
    expect(open.textContent).toContain('在办案件 12');
    expect(open.querySelector('a')!.getAttribute('href')).toBe('/cases/12');
    expect(calls.some((c) => c.url === `/api/cases?household=${CODE}&limit=10&offset=0`)).toBe(true);
  });

  it('shows the chain to a registry reader without case.read, without looking up cases', async () => {
    const { calls } = mockFetch(api);
    renderAt(`/households/${CODE}`);
    await waitFor(() => expect(screen.getAllByTestId('chain-event')).toHaveLength(3));
    expect(screen.queryByTestId('open-case')).toBeNull();
    expect(calls.some((c) => c.url.startsWith('/api/cases'))).toBe(false);
  });
});
