// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { CalendarDay } from '../../api/calendar';
import { CSRF, mockFetch, renderAt, sessionUser, setupWebTest, signedInAs, type RecordedCall } from '../../test-utils';
import { byMonth, readYear } from './CalendarPage';
import { CALENDAR_2026, admin } from './fixtures';

setupWebTest();

/** GET /api/calendar?year=…, PUT and DELETE /api/calendar/{day} over an in-memory year. */
function calendar() {
  let days: CalendarDay[] = [...CALENDAR_2026.days];
  return ({ method, url, body }: RecordedCall) => {
    if (method === 'GET' && url.startsWith('/api/calendar?')) {
      const year = Number(new URL(url, 'http://x').searchParams.get('year'));
      return { body: { year, days: days.filter((d) => d.day.startsWith(`${year}-`)) } };
    }
    const m = /^\/api\/calendar\/(\d{4}-\d{2}-\d{2})$/.exec(url);
    if (!m) return undefined;
    if (method === 'DELETE') {
      days = days.filter((d) => d.day !== m[1]);
      return { body: { ok: true } };
    }
    if (method === 'PUT') {
      const b = body as { kind: 'holiday' | 'workday'; name: string };
      if (b.name === '坏名字') return { status: 400, body: { error: { code: 'VALIDATION', message: '名称无效 / invalid name', details: { field: 'name' } } } };
      const day = { day: m[1], kind: b.kind, name: b.name, source: null, updated_by: 'user:demo_admin', updated_at: '2026-12-01T00:00:00.000Z' };
      days = [...days.filter((d) => d.day !== m[1]), day];
      return { body: day };
    }
    return undefined;
  };
}
const dayRows = () => screen.queryAllByTestId('calendar-day');
const modal = () => document.querySelector<HTMLElement>('.ant-modal')!;

describe('working calendar (工作日历)', () => {
  it('lists a year month by month, read-only without monitor.manage', async () => {
    const { calls } = mockFetch(signedInAs(sessionUser({ permissions: ['registry.read'] })), calendar());
    renderAt('/monitoring/calendar?year=2026');
    await waitFor(() => expect(dayRows()).toHaveLength(3));
    expect(calls.some((c) => c.url === '/api/calendar?year=2026')).toBe(true);
    expect(screen.getByTestId('calendar-year').textContent).toBe('2026 年');
    expect(screen.getByTestId('calendar-summary').textContent).toBe('节假日 2 天，调休上班 1 天');
    const january = screen.getByTestId('month-01');
    expect(within(january).getAllByTestId('calendar-day')).toHaveLength(2);
    expect(within(january).getByText('元旦')).toBeTruthy();
    expect(within(january).getByText('调休上班')).toBeTruthy();
    expect(within(january).getAllByText('国办发明电〔2025〕7号')).toHaveLength(2);
    expect(within(screen.getByTestId('month-02')).getByText('春节')).toBeTruthy();
    expect(screen.queryByTestId('add-day')).toBeNull();
    expect(screen.queryByTestId('edit-2026-01-01')).toBeNull();

    fireEvent.click(screen.getByLabelText('下一年'));
    await waitFor(() => expect(window.location.search).toBe('?year=2027'));
    expect(await screen.findByText('2027 年暂无节假日安排')).toBeTruthy();
  });

  it('lets a monitor.manage user change and remove a day', async () => {
    const { calls } = mockFetch(signedInAs(admin), calendar());
    renderAt('/monitoring/calendar?year=2026');
    await waitFor(() => expect(dayRows()).toHaveLength(3));
    expect(screen.getByTestId('add-day')).toBeTruthy();

    fireEvent.click(screen.getByTestId('edit-2026-02-16'));
    await waitFor(() => expect(modal()).toBeTruthy());
    const name = within(modal()).getByLabelText('名称') as HTMLInputElement;
    expect(name.value).toBe('春节');
    fireEvent.change(name, { target: { value: '坏名字' } });
    fireEvent.click(within(modal()).getByText(/^保\s*存$/).closest('button')!);
    expect((await screen.findByTestId('day-error')).textContent).toContain('名称无效 / invalid name');
    fireEvent.change(name, { target: { value: '春节（除夕）' } });
    fireEvent.click(within(modal()).getByText(/^保\s*存$/).closest('button')!);
    await waitFor(() => expect(screen.getByText('春节（除夕）')).toBeTruthy());
    const put = calls.filter((c) => c.method === 'PUT').at(-1)!;
    expect(put.url).toBe('/api/calendar/2026-02-16');
    expect(put.body).toEqual({ kind: 'holiday', name: '春节（除夕）' });
    expect(put.headers['x-csrf-token']).toBe(CSRF);

    fireEvent.click(screen.getByTestId('delete-2026-01-04'));
    fireEvent.click(await screen.findByText(/^删\s*除$/, { selector: '.ant-popconfirm button span' }));
    await waitFor(() => expect(dayRows()).toHaveLength(2));
    expect(calls.some((c) => c.method === 'DELETE' && c.url === '/api/calendar/2026-01-04')).toBe(true);
    expect(screen.getByTestId('calendar-summary').textContent).toBe('节假日 2 天，调休上班 0 天');
  });

  it('reads the year from the URL and groups days by month', () => {
    const now = dayjs('2026-11-30');
    expect(readYear(new URLSearchParams('year=2025'), now)).toBe(2025);
    expect(readYear(new URLSearchParams('year=abc'), now)).toBe(2026);
    expect(readYear(new URLSearchParams(''), now)).toBe(2026);
    const months = byMonth([CALENDAR_2026.days[2], CALENDAR_2026.days[1], CALENDAR_2026.days[0]]);
    expect(months.map(([m, list]) => [m, list.map((d) => d.day)])).toEqual([
      ['01', ['2026-01-01', '2026-01-04']],
      ['02', ['2026-02-16']],
    ]);
  });
});
