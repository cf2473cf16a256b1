import { describe, expect, it } from 'vitest';
import { readValue, Unreadable } from './field-values.js';
import { cellText } from '../../registry/import/file-source.js';
import type { FieldDef } from '../../catalog/domain/dataset-definition.js';
import { newIdNumber } from '../../../../test/support/factories.js';

const TODAY = '2026-11-01';
const field = (type: FieldDef['type'], over: Partial<FieldDef> = {}): FieldDef => ({ code: 'f', zh: 'f', en: 'f', type, required: false, pii: 'none', ...over });
const reason = (r: unknown) => (r instanceof Unreadable ? `${r.zh} / ${r.en}` : undefined);

describe('reading a cell as its catalog type', () => {
  it.each([
    ['integer', '3', '3'],
    ['integer', '3.0', '3'],
    ['amount', '1,200.50', '1200.5'],
    ['amount', '¥80', '80'],
    ['month', '2026-09', '2026-09-01'],
    ['month', '46266', '2026-09-01'], // an Excel date serial in a month column
    ['date', '2024/2/29', '2024-02-29'],
    ['boolean', '是', 'true'],
  ] as const)('%s %s → %s', (type, input, expected) => {
    expect(readValue(field(type), input, TODAY)).toBe(expected);
  });

  it.each([
    ['integer', '2147483648', /整数过大.*too large/],
    ['integer', '1.5', /应为整数.*whole number/],
    ['amount', '-5', /不能为负数.*negative/],
    ['date', '2024-02-30', /不是有效日期.*not a valid date/],
    ['date', '2026-12-01', /晚于接收日期.*after the day of receipt/],
    ['id_number', '2.20102E+17', /科学计数法.*scientific notation/],
  ] as const)('refuses %s %s', (type, input, message) => {
    expect(reason(readValue(field(type), input, TODAY))).toMatch(message);
  });

  it('accepts a valid ID number as it is', () => {
    const id = newIdNumber('19800101');
    expect(readValue(field('id_number'), id, TODAY)).toBe(id);
  });

  it('shows an ID number an XLSX number cell has rounded as lost digits, not as another number', () => {
    const text = cellText(220102198001010011);
    expect(text).toMatch(/E\+17$/);
    expect(reason(readValue(field('id_number'), text, TODAY))).toMatch(/科学计数法/);
  });
});
