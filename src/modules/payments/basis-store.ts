/**
 * A line's basis (how its amount was computed) names every parameter value it used — some 27
 * values, the same on nearly every line of a roll. Stored on each line they made up most of a
 * roll's bytes (measured: ~3 KB a line, 41 s of 164 s for 200,000 entitlements), so a roll keeps
 * each distinct parameter list once (`payment_roll.parameters`) and a line refers to it.
 */
import type { AmountBasis } from './domain/monthly-amount.js';
import type { UsedParameter } from './domain/parameter-history.js';

export type StoredBasis = Omit<AmountBasis, 'parameters'> & { parameters_ref?: string; parameters?: UsedParameter[] };
export type ParameterLists = Record<string, UsedParameter[]>;

/** Collects a roll's parameter lists while its lines are stored. */
export class BasisPacker {
  readonly lists: ParameterLists = {};
  private readonly refs = new Map<string, string>();

  pack(basis: AmountBasis | null): StoredBasis | null {
    if (!basis) return null;
    const { parameters, ...rest } = basis;
    if (parameters.length === 0) return { ...rest, parameters: [] };
    const key = JSON.stringify(parameters);
    let ref = this.refs.get(key);
    if (!ref) {
      ref = `p${this.refs.size}`;
      this.refs.set(key, ref);
      this.lists[ref] = parameters;
    }
    return { ...rest, parameters_ref: ref };
  }
}

/** The basis as computed, from a stored line and its roll's parameter lists. */
export function unpackBasis(stored: unknown, lists: ParameterLists | null | undefined): AmountBasis | null {
  if (!stored) return null;
  const { parameters_ref, parameters, ...rest } = stored as StoredBasis;
  return { ...rest, parameters: parameters ?? (parameters_ref ? (lists?.[parameters_ref] ?? []) : []) } as AmountBasis;
}
