import { describe, expect, it } from 'vitest';
import { monthParameters, versionInForce } from './parameter-history.js';
import { jilinHistory, version } from './payments.fixtures.js';

const KEY = 'dibao.standard.urban';

describe('versionInForce', () => {
  it('takes the latest start date in force on the date, honouring valid_to', () => {
    const h = jilinHistory();
    expect(versionInForce(h, KEY, '2024-06-30')?.value).toBe(612);
    expect(versionInForce(h, KEY, '2024-07-01')?.value).toBe(643);
    expect(versionInForce(h, KEY, '2023-06-30')).toBeNull();
  });

  it('prefers the most specific region, then the start date, then the version; ignores superseded ones', () => {
    const h = [
      version(KEY, 700, '2026-01-01'),
      version(KEY, 680, '2025-01-01', { region_code: '2201' }),
      version(KEY, 690, '2025-01-01', { region_code: '2201', version: 2 }),
      version(KEY, 999, '2025-01-01', { region_code: '2201', version: 3, superseded: true }),
    ];
    expect(versionInForce(h, KEY, '2026-02-01')?.value).toBe(690);
    expect(versionInForce(h.slice(0, 1), KEY, '2026-02-01')?.value).toBe(700);
  });
});

describe('monthParameters', () => {
  it('reads the first day of the month and the previous year-end, and lists every value used', () => {
    const h = jilinHistory([version(KEY, 700, '2026-01-01')]);
    const { parameters, used } = monthParameters(h, 'urban', '2026-01');
    expect(parameters.dibaoStandard).toBe(700);
    expect(parameters.previousYear.dibaoStandard).toBe(643);
    expect(used.filter((u) => u.key === KEY).map((u) => [u.on, u.value])).toEqual([['2026-01-01', 700], ['2025-12-31', 643]]);
  });

  it('leaves a missing previous-year value as null rather than failing', () => {
    const h = jilinHistory().filter((v) => v.key !== 'minimum_wage.monthly');
    expect(monthParameters(h, 'urban', '2026-01').parameters.previousYear.minimumWage).toBeNull();
  });
});
