/**
 * How each case action's form is made: its fields (the `data` docs/cases.md lists for it), whether
 * a note is required, and how the form's values become the transition's `data`. Form field
 * names are the `data` keys themselves, so a 400 naming `data.reasons` points at the field
 * `reasons`.
 */
import type { ComponentType } from 'react';
import type { CaseAction, CaseDetail } from '../../../api/cases';
import type { MessageKey } from '../../../i18n';

export type FormValues = Record<string, unknown> & { note?: string };

export interface ActionSpec {
  /** the fields beyond the note */
  Fields?: ComponentType<{ c: CaseDetail }>;
  note: 'required' | 'optional';
  noteLabel?: MessageKey;
  /** a sentence above the fields (what the step does) */
  hint?: MessageKey;
  initial?: (c: CaseDetail) => FormValues;
  /** the transition's data from the form's values (default: every value but the note, blanks left out) */
  toData?: (v: FormValues, c: CaseDetail) => Record<string, unknown>;
  danger?: boolean;
  wide?: boolean;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Every value but the note, strings trimmed, blanks left out. */
export function plainData(v: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'note' || blank(x)) continue;
    out[k] = typeof x === 'string' ? x.trim() : x;
  }
  return out;
}

/** The form field a server error names: "data.household.members.0.id_number" → ['household', 'members', 0, 'id_number']. */
export function fieldPath(field: unknown): (string | number)[] | null {
  if (typeof field !== 'string' || !field) return null;
  const parts = field.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
  if (parts[0] === 'data') parts.shift();
  if (!parts.length) return null;
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export type ActionSpecs = Partial<Record<CaseAction, ActionSpec>>;
