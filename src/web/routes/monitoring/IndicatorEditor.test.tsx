// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api';
import type { IndicatorDefinition } from '../../api/monitoring';
import { CSRF, mockFetch, renderAt, sessionUser, setupWebTest, signedInAs, type RecordedCall } from '../../test-utils';
import { errorPart, toDefinition, toForm } from './definitionForm';
import { MEDICAL, admin, gridWorker, monitoring } from './fixtures';

setupWebTest();

const rows = () => [...document.querySelectorAll('[data-testid="indicators-table"] tbody tr.ant-table-row')] as HTMLElement[];
const conditionBox = () => screen.getByLabelText('判定条件（JSON）') as HTMLTextAreaElement;
const factsBox = () => screen.getByLabelText('判定事实（JSON）') as HTMLTextAreaElement;
const puts = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'PUT');

describe('indicators (预警指标)', () => {
  it('lists the indicators for any signed-in user and opens one', async () => {
    mockFetch(signedInAs(sessionUser({ permissions: ['dataset.upload'] })), monitoring);
    renderAt('/monitoring/indicators');
    await waitFor(() => expect(rows()).toHaveLength(3));
    const [death, medical, jobless] = rows();
    expect(death.textContent).toContain('death_stop');
    expect(death.textContent).toContain('救助对象死亡');
    expect(death.textContent).toContain('反向核查');
    expect(within(death).getByTestId('level-tag').textContent).toBe('红色');
    await waitFor(() => expect(death.textContent).toContain('本人属于：最低生活保障对象、特困人员'));
    expect(medical.textContent).toContain('在库人员');
    expect(medical.textContent).toContain('v3');
    expect(jobless.textContent).toContain('家庭');
    expect(jobless.textContent).toContain('全部人员（含未在库人员）');
    expect(within(jobless).getByRole('switch').getAttribute('aria-checked')).toBe('false');
    expect(screen.getByText(/修改需要“维护预警指标、工作日历并运行监测”/)).toBeTruthy();

    fireEvent.click(medical);
    await waitFor(() => expect(window.location.pathname).toBe('/monitoring/indicators/medical_burden'));
    expect(await screen.findByTestId('versions')).toBeTruthy();
    // a reader: the form is read-only, no save or preview
    expect(factsBox().disabled).toBe(true);
    expect(screen.queryByTestId('save')).toBeNull();
    expect(screen.queryByTestId('preview')).toBeNull();
  });

  it("shows the server's validation message next to the part it names", async () => {
    const { calls } = mockFetch(signedInAs(admin), monitoring, ({ method, url }) =>
      method === 'PUT' && url === '/api/monitoring/indicators/medical_burden'
        ? {
            status: 400,
            body: {
              error: {
                code: 'VALIDATION',
                message: 'condition.all[0]：比较符「gtx」不存在 / condition.all[0]: unknown operator "gtx"',
                details: { path: 'condition.all[0].operator' },
              },
            },
          }
        : undefined,
    );
    renderAt('/monitoring/indicators/medical_burden');
    await waitFor(() => expect(conditionBox().value).toContain('"oop_12m"'));
    expect(screen.getAllByText('v3').length).toBeGreaterThan(0);
    // three versions, the newest first and marked current
    expect(within(screen.getByTestId('versions')).getAllByText(/^v\d$/).map((e) => e.textContent)).toEqual(['v3', 'v2', 'v1']);

    const bad = { all: [{ fact: 'oop_12m', operator: 'gtx', value: 1 }] };
    fireEvent.change(conditionBox(), { target: { value: JSON.stringify(bad) } });
    fireEvent.change(screen.getByLabelText('中文名称'), { target: { value: '因病支出型困难（试行）' } });
    fireEvent.click(screen.getByTestId('save'));

    const help = await screen.findByTestId('server-error-condition');
    expect(help.textContent).toBe('condition.all[0]：比较符「gtx」不存在 / condition.all[0]: unknown operator "gtx"');
    expect(screen.queryByTestId('server-error-facts')).toBeNull();
    const put = puts(calls)[0];
    expect(put.headers['x-csrf-token']).toBe(CSRF);
    const sent = put.body as { definition: IndicatorDefinition; active: boolean };
    expect(sent.active).toBe(true);
    expect(sent.definition.condition).toEqual(bad);
    expect(sent.definition.zh).toBe('因病支出型困难（试行）');
    expect(sent.definition.code).toBe('medical_burden');
    expect(sent.definition.facts).toEqual(MEDICAL.definition.facts);
    expect(sent.definition.description).toEqual(MEDICAL.definition.description);

    // editing the part clears the message
    fireEvent.change(conditionBox(), { target: { value: JSON.stringify({ fact: 'oop_12m', operator: 'gt', value: 1 }) } });
    await waitFor(() => expect(screen.queryByTestId('server-error-condition')).toBeNull());
  });

  it('checks the JSON before sending anything', async () => {
    const { calls } = mockFetch(signedInAs(admin), monitoring);
    renderAt('/monitoring/indicators/medical_burden');
    await waitFor(() => expect(factsBox().value).toContain('medical_settlement'));
    fireEvent.change(factsBox(), { target: { value: '{"oop_12m": ' } });
    fireEvent.click(screen.getByTestId('save'));
    expect(await screen.findByText(/判定事实（JSON）不是有效的 JSON 对象/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('preview'));
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });

  it('previews how many people the definition would flag now', async () => {
    const { calls } = mockFetch(signedInAs(admin), monitoring, ({ method, url }) =>
      method === 'POST' && url === '/api/monitoring/indicators/medical_burden/preview' ? { body: { count: 37, on: '2026-11-30' } } : undefined,
    );
    renderAt('/monitoring/indicators/medical_burden');
    await waitFor(() => expect(factsBox().value).toContain('medical_settlement'));
    fireEvent.change(screen.getByLabelText('抑制天数'), { target: { value: '30' } });
    fireEvent.click(screen.getByTestId('preview'));
    expect((await screen.findByTestId('preview-result')).textContent).toContain('按 2026-11-30 的数据，当前将对 37 人触发');
    const body = calls.find((c) => c.url.endsWith('/preview'))!.body as { definition: IndicatorDefinition };
    expect(body.definition.suppress_days).toBe(30);
    expect(body.definition.level).toBe('orange');
    expect(puts(calls)).toEqual([]);
  });

  it('saves a new version and shows it', async () => {
    let saved = false;
    const { calls } = mockFetch(
      signedInAs(admin),
      ({ method, url, body }) => {
        if (url !== '/api/monitoring/indicators/medical_burden') return undefined;
        if (method === 'PUT') {
          saved = true;
          const b = body as { definition: IndicatorDefinition; active: boolean };
          return { body: { ...MEDICAL, version: 4, active: b.active, definition: b.definition } };
        }
        if (saved) {
          const versions = [4, 3, 2, 1].map((v) => ({ version: v, active: v !== 4, updated_by: 'user:demo_admin', updated_at: '2026-12-01T00:00:00.000Z' }));
          return { body: { ...MEDICAL, version: 4, active: false, versions } };
        }
        return undefined;
      },
      monitoring,
    );
    renderAt('/monitoring/indicators/medical_burden');
    await waitFor(() => expect(factsBox().value).toContain('medical_settlement'));
    fireEvent.click(screen.getByLabelText('启用'));
    fireEvent.click(screen.getByTestId('save'));
    expect(await screen.findByText('已保存为第 4 版')).toBeTruthy();
    expect((puts(calls)[0].body as { active: boolean }).active).toBe(false);
    await waitFor(() => expect(within(screen.getByTestId('versions')).getAllByText(/^v\d$/)).toHaveLength(4));
  });

  it('shows a grid worker an indicator read-only, with its population in words', async () => {
    mockFetch(signedInAs(gridWorker), monitoring);
    renderAt('/monitoring/indicators/death_stop');
    await waitFor(() => expect(conditionBox().value).toContain('"died"'));
    expect(conditionBox().disabled).toBe(true);
    expect(screen.getByText('指定救助类别')).toBeTruthy();
    expect(screen.getByText('本人属于：')).toBeTruthy();
    expect(screen.queryByTestId('save')).toBeNull();
  });
});

describe('definition form (pure)', () => {
  it('round-trips a definition and keeps fields the form does not show', () => {
    const def = { ...MEDICAL.definition, raise: 1, applies_to: 'hardship' } as IndicatorDefinition;
    const form = toForm({ definition: def, active: true });
    expect(form.facts).toBe(JSON.stringify(def.facts, null, 2));
    const back = toDefinition(def, { ...form, populationKind: 'categories', categories: ['dibao'], of: 'household', descZh: '', descEn: '' });
    expect(back.raise).toBe(1);
    expect(back.applies_to).toBe('hardship');
    expect(back.population).toEqual({ kind: 'categories', categories: ['dibao'], of: 'household' });
    expect(back.description).toBeUndefined();
    expect(() => toDefinition(def, { ...form, condition: '[1]' })).toThrow(/condition/);
  });

  it('finds the part a server error is about', () => {
    const err = (message: string, details?: unknown) => new ApiError(400, 'VALIDATION', message, details);
    expect(errorPart(err('x', { path: 'facts.oop_12m.months' }))).toBe('facts');
    expect(errorPart(err('x', { field: 'condition' }))).toBe('condition');
    expect(errorPart(err('判定事实 oop 的数据集不存在 / facts.oop: unknown dataset'))).toBe('facts');
    expect(errorPart(err('condition.any[1] 引用了未定义的事实 / condition.any[1]: unknown fact "x"'))).toBe('condition');
    expect(errorPart(err('等级无效 / level must be one of red, orange, yellow, blue', { field: 'level' }))).toBeNull();
  });
});
