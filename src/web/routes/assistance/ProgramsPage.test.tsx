// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CSRF, mockFetch, renderAt, sessionUser, setupWebTest, setViewportWidth, signedInAs, type RecordedCall } from '../../test-utils';
import type { ProgramDefinition } from '../../api/assistance';
import { fieldOfPart, toDefinition, toForm } from './programForm';
import { HEATING, MEDICAL, admin, assistance } from './fixtures';

setupWebTest();

const puts = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'PUT');

describe('programs (救助项目)', () => {
  it('lists the programs by type for anyone signed in, and opens one with its versions', async () => {
    mockFetch(signedInAs(sessionUser({ permissions: ['registry.read'] })), assistance);
    renderAt('/assistance/programs');
    const basic = await screen.findByTestId('program-group-basic_living');
    expect(within(basic).getByText('基本生活救助')).toBeTruthy();
    expect(within(basic).getByTestId('program-card').textContent).toContain('取暖救助');
    expect(within(basic).getByTestId('program-card').textContent).toContain('每户每采暖季 800 元');
    const medical = within(screen.getByTestId('program-group-special_medical')).getByTestId('program-card');
    expect(medical.textContent).toContain('医保局');
    expect(medical.textContent).toContain('低保边缘');
    fireEvent.click(medical);
    await waitFor(() => expect(window.location.pathname).toBe('/assistance/programs/medical_assistance'));
    const versions = await screen.findByTestId('program-versions');
    expect(within(versions).getAllByText(/^v\d$/).map((e) => e.textContent)).toEqual(['v2', 'v1']);
    expect(screen.getByTestId('program-definition').textContent).toContain('has_serious_illness');
    // a reader cannot edit
    expect(screen.queryByText('编辑')).toBeNull();
  });

  it('shows the server’s refusal on the field that holds the part it names', async () => {
    const { calls } = mockFetch(signedInAs(admin), assistance, ({ method, url }) =>
      method === 'PUT' && url === '/api/programs/medical_assistance'
        ? { status: 400, body: { error: { code: 'VALIDATION', message: '救助项目定义的 condition.any[0].fact「"wealth"」无效 / program definition condition.any[0].fact "wealth" is invalid', details: { field: 'condition.any[0].fact' } } } }
        : undefined);
    renderAt('/assistance/programs/medical_assistance');
    fireEvent.click(await screen.findByText('编辑'));
    const condition = (await screen.findByLabelText('附加条件（JSON，可留空）')) as HTMLTextAreaElement;
    expect(condition.value).toContain('has_serious_illness');
    const bad = { any: [{ fact: 'wealth', operator: 'eq', value: true }] };
    fireEvent.change(condition, { target: { value: JSON.stringify(bad) } });
    fireEvent.click(screen.getByText('保存为新版本'));
    const item = condition.closest('.ant-form-item')!;
    await waitFor(() => expect(item.querySelector('.ant-form-item-explain-error')?.textContent).toContain('condition.any[0].fact「"wealth"」无效'));
    expect(screen.queryByTestId('program-error')).toBeNull();
    const put = puts(calls)[0];
    expect(put.headers['x-csrf-token']).toBe(CSRF);
    const sent = put.body as { definition: ProgramDefinition; active: boolean };
    expect(sent).toMatchObject({ active: true, definition: { code: 'medical_assistance', condition: bad, tiers: MEDICAL.definition.tiers, amount: { kind: 'none' } } });
  });

  it('works on a phone: one column of cards', async () => {
    setViewportWidth(390);
    mockFetch(signedInAs(sessionUser({ permissions: ['registry.read'] })), assistance);
    renderAt('/assistance/programs');
    await waitFor(() => expect(screen.getAllByTestId('program-card')).toHaveLength(2));
  });
});

describe('the program form (pure)', () => {
  it('keeps a definition through the form and maps refused parts to fields', () => {
    expect(toDefinition('heating', toForm(HEATING))).toEqual(HEATING.definition);
    expect(toDefinition('medical_assistance', toForm(MEDICAL))).toEqual(MEDICAL.definition);
    expect(toDefinition('heating', { ...toForm(HEATING), amountKind: 'months_of_standard', months: 2 }).amount).toEqual({ kind: 'months_of_standard', months: 2 });
    expect(fieldOfPart('condition.all[1].fact')).toBe('condition');
    expect(fieldOfPart('tiers[2]')).toBe('tiers');
    expect(fieldOfPart('amount.amount')).toBe('amount');
    expect(fieldOfPart('description.en')).toBe('descEn');
    expect(fieldOfPart('code')).toBeNull();
  });
});
