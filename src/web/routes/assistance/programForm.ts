/**
 * A program definition ↔ the editor's form (pure). The condition is JSON text (empty: none);
 * a server refusal names a part (`condition.all[1].fact`, `amount.amount`), which is mapped to
 * the form field that shows it.
 */
import type { Amount, Program, ProgramDefinition, ProgramTier } from '../../api/assistance';

export interface ProgramFormValues {
  zh: string;
  en: string;
  type: string;
  department: string;
  tiers: ProgramTier[];
  amountKind: Amount['kind'];
  amount?: number;
  per?: 'household' | 'person';
  period?: 'once' | 'month' | 'season';
  months?: number;
  field?: 'dibao_allowance' | 'tekun_support' | 'tekun_care';
  condition: string;
  descZh: string;
  descEn: string;
  legal: string;
  active: boolean;
}

export type FormField = keyof ProgramFormValues;

export function toForm(p: Pick<Program, 'definition' | 'active'>): ProgramFormValues {
  const d = p.definition;
  const a = d.amount;
  return {
    zh: d.zh, en: d.en, type: d.type, department: d.department, tiers: [...d.tiers], amountKind: a.kind,
    amount: a.kind === 'fixed' ? a.amount : undefined,
    per: a.kind === 'fixed' ? a.per : 'household',
    period: a.kind === 'fixed' ? a.period : 'once',
    months: a.kind === 'months_of_standard' ? a.months : 1,
    field: a.kind === 'assessed' ? a.field : 'dibao_allowance',
    condition: d.condition ? JSON.stringify(d.condition, null, 2) : '',
    descZh: d.description.zh, descEn: d.description.en, legal: d.legal_basis, active: p.active,
  };
}

/** The condition text: empty → none; otherwise it must be a JSON object. */
export function parseCondition(text: string): { value: object | undefined } | { error: string } {
  if (!text.trim()) return { value: undefined };
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return { error: 'not an object' };
    return { value: v };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function amountOf(v: ProgramFormValues): Amount {
  switch (v.amountKind) {
    case 'fixed': return { kind: 'fixed', amount: v.amount as number, per: v.per ?? 'household', period: v.period ?? 'once' };
    case 'months_of_standard': return { kind: 'months_of_standard', months: v.months as number };
    case 'assessed': return { kind: 'assessed', field: v.field ?? 'dibao_allowance' };
    default: return { kind: 'none' };
  }
}

export function toDefinition(code: string, v: ProgramFormValues): ProgramDefinition {
  const parsed = parseCondition(v.condition ?? '');
  const condition = 'value' in parsed ? parsed.value : undefined;
  return {
    code, zh: v.zh, en: v.en, type: v.type, department: v.department, tiers: v.tiers,
    ...(condition ? { condition } : {}),
    amount: amountOf(v),
    description: { zh: v.descZh, en: v.descEn },
    legal_basis: v.legal,
  };
}

/** The form field that shows a refusal of the part `path` (null: shown above the form). */
export function fieldOfPart(path: string | undefined): FormField | null {
  if (!path) return null;
  if (path.startsWith('condition')) return 'condition';
  if (path.startsWith('tiers')) return 'tiers';
  const direct: Record<string, FormField> = {
    zh: 'zh', en: 'en', type: 'type', department: 'department', 'amount.kind': 'amountKind', 'amount.amount': 'amount', 'amount.per': 'per',
    'amount.period': 'period', 'amount.months': 'months', 'amount.field': 'field', amount: 'amountKind', 'description.zh': 'descZh',
    'description.en': 'descEn', description: 'descZh', legal_basis: 'legal',
  };
  return direct[path] ?? null;
}
