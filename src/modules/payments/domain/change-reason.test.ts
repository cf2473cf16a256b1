import { describe, expect, it } from 'vitest';
import { changeReason, parameterChanges } from './change-reason.js';
import type { AmountBasis } from './monthly-amount.js';
import type { UsedParameter } from './parameter-history.js';

const used = (key: string, value: unknown, on: string, valid_from: string): UsedParameter => ({ key, value, on, region_code: '22', valid_from, version: 1 });
const basis = (parameters: UsedParameter[], more: Partial<AmountBasis> = {}): AmountBasis => ({ zh: '', en: '', parameters, members_counted: 3, deceased: [], fixed_fen: null, ...more });

describe('parameterChanges', () => {
  it('compares values read in the same role (month start vs previous year-end), not dates', () => {
    const before = [used('dibao.standard.urban', 643, '2026-06-01', '2024-07-01'), used('dibao.standard.urban', 643, '2025-12-31', '2024-07-01')];
    const after = [used('dibao.standard.urban', 700, '2026-07-01', '2026-07-01'), used('dibao.standard.urban', 643, '2025-12-31', '2024-07-01')];
    expect(parameterChanges(before, after).map((c) => [c.on, c.from.value, c.to.value])).toEqual([['2026-07-01', 643, 700]]);
  });

  it('ignores a new version with the same value', () => {
    expect(parameterChanges([used('tekun.support_multiplier', 1.3, '2026-01-01', '2015-01-01')], [used('tekun.support_multiplier', 1.3, '2026-02-01', '2026-02-01')])).toEqual([]);
  });
});

describe('changeReason', () => {
  it('names a previous-year change for 特困 amounts', () => {
    const r = changeReason(basis([used('minimum_wage.monthly', 1880, '2025-12-31', '2015-01-01')]), basis([used('minimum_wage.monthly', 2000, '2026-12-31', '2026-07-01')]), 37600, 40000);
    expect(r.zh).toBe('上年度月最低工资标准由 ¥1880 调整为 ¥2000（2026-07-01 起执行）：¥376 → ¥400');
  });

  it('falls back to a recomputation when nothing it knows changed', () => {
    expect(changeReason(basis([]), basis([]), 99330, 92900)).toEqual({ zh: '重新计算：¥993.3 → ¥929', en: 'recomputed: ¥993.3 → ¥929' });
    expect(changeReason(null, null, 1, 2).en).toBe('recomputed: ¥0.01 → ¥0.02');
  });

  it('names a new fixed amount and an unknown key by its key', () => {
    expect(changeReason(basis([], { fixed_fen: 100 }), basis([], { fixed_fen: 200 }), 100, 200).en).toBe('fixed amount changed: ¥1 → ¥2');
    const r = changeReason(basis([used('x.key', 1, '2026-01-01', '2015-01-01')]), basis([used('x.key', 2, '2026-02-01', '2026-02-01')]), 1, 2);
    expect(r.en).toBe('x.key changed from 1 to 2 (in force from 2026-02-01): ¥0.01 → ¥0.02');
  });
});
