// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n';
import { setupWebTest, setViewportWidth } from '../../test-utils';
import { AssessmentView } from './AssessmentView';
import { MARGINAL, SINGLE_PERSON } from './fixtures';
import type { AssessmentResult } from '../../api/recognition';

setupWebTest();

const show = (r: AssessmentResult, lang: 'zh' | 'en' = 'zh') =>
  render(<I18nProvider initialLang={lang}><AssessmentView result={r} /></I18nProvider>);

describe('AssessmentView', () => {
  it('shows a marginal family: tier, the sentence to read out, figures, amounts and notes', () => {
    show(MARGINAL);
    expect(screen.getByTestId('assessment-tier').textContent).toBe('低保边缘');
    expect(screen.getByTestId('assessment-summary').textContent).toBe(MARGINAL.summary.zh);
    const figures = screen.getByTestId('assessment-figures').textContent!;
    expect(figures).toContain('3 人');
    expect(figures).toContain('¥833/月');
    expect(figures).toContain('¥643/月');
    expect(figures).toContain('¥964.5/月');
    expect(figures).toContain('10%');
    const amounts = screen.getByTestId('assessment-amounts').textContent!;
    expect(amounts).toContain('小额快救上限');
    expect(amounts).toContain('¥643');
    expect(amounts).not.toContain('低保金');
    expect(screen.getByTestId('assessment-notes').textContent).toContain('登记库不记录户外法定义务人');
    expect(screen.getByTestId('assessment-meta').textContent).toContain('user:demo_township');
  });

  it('marks each condition met ✓ or not met ✗, and greys an untested test with its reason', () => {
    show(MARGINAL);
    const tests = screen.getAllByTestId('assessment-test');
    expect(tests.map((t) => t.textContent)).toEqual([
      '特困人员220102********0038不符合',
      '低保不符合',
      '低保边缘符合',
      '刚性支出困难未测试已认定特困、低保或低保边缘，不再测试刚性支出困难',
    ]);
    expect(tests[3].getAttribute('data-tested')).toBe('false');
    const conditions = screen.getAllByTestId('condition');
    const income = conditions.find((c) => c.textContent === '人均月收入 ¥833 低于 1.5 × ¥643 = ¥964.5')!;
    expect(income.getAttribute('data-passed')).toBe('true');
    expect(income.querySelector('[aria-label="check-circle"]')).toBeTruthy();
    const dibao = conditions.find((c) => c.textContent === '人均月收入 ¥833 不低于 低保标准 ¥643')!;
    expect(dibao.getAttribute('data-passed')).toBe('false');
    expect(dibao.querySelector('[aria-label="close-circle"]')).toBeTruthy();
    expect(conditions).toHaveLength(6);
  });

  it('lists the parameters used when opened', () => {
    show(MARGINAL);
    const params = screen.getByTestId('assessment-parameters');
    fireEvent.click(within(params).getByText('使用的政策参数（2 项）'));
    expect(within(params).getByText('dibao.standard.urban')).toBeTruthy();
    expect(within(params).getByText('2024-07-01')).toBeTruthy();
  });

  it('shows a 单人保 amount and the person it is for', () => {
    show(SINGLE_PERSON);
    expect(screen.getByTestId('assessment-tier').textContent).toBe('低保');
    expect(screen.getByText('低保 · 220102********0020')).toBeTruthy();
    expect(screen.getByText('低保边缘 · 全户')).toBeTruthy();
    expect(screen.getByTestId('assessment-amounts').textContent).toContain('220102********0020 单人保：100% × ¥643 = ¥643 + 重病重残增发 20% = ¥771.6');
  });

  it('speaks English and fits a phone', () => {
    setViewportWidth(390);
    show(MARGINAL, 'en');
    expect(screen.getByTestId('assessment-tier').textContent).toBe('Marginal family');
    expect(screen.getByTestId('assessment-summary').textContent).toBe(MARGINAL.summary.en);
    expect(screen.getByText('per-capita income ¥833/month is below 1.5 × ¥643 = ¥964.5')).toBeTruthy();
    fireEvent.click(screen.getByText('Policy parameters used (2)'));
    expect(screen.getByTestId('assessment-parameters').querySelector('table')).toBeNull();
    expect(screen.getByText('marginal.income_multiplier =')).toBeTruthy();
  });
});
