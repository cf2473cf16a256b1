/**
 * An assessment of a registered household is stored and shown with ID numbers masked: every
 * `id_number` in the result is replaced by its masked form and the person's registry id.
 */
export interface PersonRef {
  id_number_masked: string;
  /** Set for a registered person. */
  person_id?: string;
}

export function maskAssessmentIds<T>(value: T, people: ReadonlyMap<string, PersonRef>): T {
  if (Array.isArray(value)) return value.map((v) => maskAssessmentIds(v, people)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'id_number' && typeof v === 'string') {
      const ref = people.get(v);
      out.id_number = ref?.id_number_masked ?? '******************';
      if (ref?.person_id) out.person_id = ref.person_id;
    } else {
      out[k] = maskAssessmentIds(v, people);
    }
  }
  return out as T;
}

/** JSON with object keys sorted, so a value read back from jsonb (which reorders keys) compares equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
