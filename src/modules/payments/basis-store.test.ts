import { describe, expect, it } from 'vitest';
import { BasisPacker, unpackBasis } from './basis-store.js';
import type { AmountBasis } from './domain/monthly-amount.js';

const param = (key: string, value: unknown) => ({ key, value, on: '2026-06-01', region_code: '22', valid_from: '2024-07-01', version: 1 });
const basis = (std: number): AmountBasis => ({ zh: 'z', en: 'e', parameters: [param('dibao.standard.urban', std), param('tekun.elderly_age', 60)], members_counted: 2, deceased: [], fixed_fen: null });

describe('a roll keeps each parameter list once', () => {
  it('refers equal lists to one entry, keeps different ones apart, and gives back the basis as computed', () => {
    const packer = new BasisPacker();
    const a = packer.pack(basis(643));
    const b = packer.pack(basis(643));
    const c = packer.pack(basis(700));
    expect(a).toMatchObject({ parameters_ref: 'p0' });
    expect(a).not.toHaveProperty('parameters');
    expect(b).toMatchObject({ parameters_ref: 'p0' });
    expect(c).toMatchObject({ parameters_ref: 'p1' });
    expect(Object.keys(packer.lists)).toEqual(['p0', 'p1']);
    const stored = JSON.parse(JSON.stringify({ a, c, lists: packer.lists }));
    expect(unpackBasis(stored.a, stored.lists)).toEqual(basis(643));
    expect(unpackBasis(stored.c, stored.lists)).toEqual(basis(700));
  });

  it('reads a basis stored whole, and nothing as nothing', () => {
    const whole = basis(643);
    expect(unpackBasis(JSON.parse(JSON.stringify(whole)), {})).toEqual(whole);
    expect(unpackBasis(null, {})).toBeNull();
    const packer = new BasisPacker();
    expect(packer.pack({ ...whole, parameters: [] })).toEqual({ ...whole, parameters: [] });
    expect(packer.pack(null)).toBeNull();
  });
});
