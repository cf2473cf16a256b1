/** Small pure facts about people and records, shared by the registry's services. */

/** Age in whole years on a date (both YYYY-MM-DD). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** 138****5678: enough to confirm with the family, not enough to call a stranger. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** The fields whose values differ, as {field: {from, to}}; empty when nothing changed. */
export function diffFields<T extends object>(before: T, after: Partial<T>, fields: readonly (keyof T)[]): FieldChanges {
  const changes: FieldChanges = {};
  for (const f of fields) {
    if (!(f in after)) continue;
    const a = before[f] ?? null;
    const b = after[f] ?? null;
    if (String(a) !== String(b) || (a === null) !== (b === null)) changes[f as string] = { from: a, to: b };
  }
  return changes;
}
