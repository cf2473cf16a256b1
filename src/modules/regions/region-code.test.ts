import { describe, expect, it } from 'vitest';
import { codeLineage, inSubtree, levelOfCode, normalizeRegionCode } from './region-code.js';

describe('region codes', () => {
  it('keeps NBS variable-length codes', () => {
    for (const c of ['22', '2201', '220102', '220102001', '220102001001']) expect(normalizeRegionCode(c)).toBe(c);
  });
  it('accepts the 12-digit padded form', () => {
    expect(normalizeRegionCode('220000000000')).toBe('22');
    expect(normalizeRegionCode('220100000000')).toBe('2201');
    expect(normalizeRegionCode('220102000000')).toBe('220102');
    expect(normalizeRegionCode('220102001000')).toBe('220102001');
    expect(normalizeRegionCode(' 220102001001 ')).toBe('220102001001');
  });
  it('accepts the 6-digit GB/T 2260 form', () => {
    expect(normalizeRegionCode('220000')).toBe('22');
    expect(normalizeRegionCode('220100')).toBe('2201');
    expect(normalizeRegionCode('220581')).toBe('220581');
  });
  it('refuses what is not a code', () => {
    for (const c of ['', 'abc', '2', '220', '22010200100', '2201020010011']) expect(normalizeRegionCode(c)).toBeUndefined();
  });
  it('derives level, lineage and subtree', () => {
    expect(levelOfCode('220102001')).toBe('township');
    expect(codeLineage('220102001001')).toEqual(['22', '2201', '220102', '220102001', '220102001001']);
    expect(inSubtree('220102001001', '2201')).toBe(true);
    expect(inSubtree('220202001001', '2201')).toBe(false);
  });
});
