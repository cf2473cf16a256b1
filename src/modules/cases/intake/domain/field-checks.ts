/**
 * Checking the fields of a public form, purely. Every problem names the field by its path
 * (`members[1].id_number`, zero-based) and says what is wrong in Chinese and English — and never
 * repeats what was typed: an ID number, a phone or a name does not come back in an error.
 */
import { AppError } from '../../../../platform/errors.js';
import { checkIdNumber, type IdErrorPart } from '../../../registry/domain/id-number.js';
import { normalizeRegionCode } from '../../../regions/region-code.js';
import { describeTerms, parseTerm, type Vocabulary } from '../../../registry/domain/vocabulary.js';
import type { Term } from './intake-vocabulary.js';

export interface Problem {
  field: string;
  /** "members[1].id_number: 身份证号校验位错误 / check digit wrong" */
  message: string;
}

export class Problems {
  readonly list: Problem[] = [];

  add(field: string, zh: string, en: string): undefined {
    this.list.push({ field, message: `${field}: ${zh} / ${en}` });
    return undefined;
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  /** 400 with the first problem as the message and all of them in details.errors. */
  throwIfAny(): void {
    if (!this.any) return;
    const first = this.list[0];
    throw new AppError('VALIDATION', first.message, { field: first.field, errors: this.list });
  }
}

export type Fields = Record<string, unknown>;

export function asObject(v: unknown): Fields | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Fields) : undefined;
}

export function requiredObject(p: Problems, field: string, v: unknown): Fields | undefined {
  const o = asObject(v);
  if (!o) return p.add(field, v === undefined || v === null ? '必填' : '格式无效，应为对象', v === undefined || v === null ? 'is required' : 'must be an object');
  return o;
}

/** A trimmed string, or undefined when absent/blank. A non-string is a problem. */
export function optionalText(p: Problems, field: string, v: unknown, max: number, opts: { freeText?: boolean } = {}): string | null | undefined {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') return p.add(field, '应为文字', 'must be text');
  const s = v.trim();
  if (s.length > max) return p.add(field, `不能超过 ${max} 字`, `must be at most ${max} characters`);
  // someone typing an ID number or a phone into a free-text field would store it in the plain
  if (opts.freeText && /\d{11,}|\d{6}\s?\d{8}\s?\d{3}[\dXx]/.test(s)) {
    return p.add(field, '请勿在此填写身份证号或电话号码', 'do not write ID or phone numbers here');
  }
  return s || null;
}

export function requiredText(p: Problems, field: string, v: unknown, max: number, opts: { freeText?: boolean } = {}): string | undefined {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return p.add(field, '必填', 'is required');
  return optionalText(p, field, v, max, opts) ?? undefined;
}

/** A person's name: 1–50 characters, no digits (an ID number typed into it must not be stored). */
export function personName(p: Problems, field: string, v: unknown, max: number): string | undefined {
  const s = requiredText(p, field, v, max);
  if (s === undefined) return undefined;
  if (/\d/.test(s)) return p.add(field, '姓名不能包含数字', 'a name cannot contain digits');
  return s.replace(/\s+/g, ' ');
}

const ID_PART: Record<IdErrorPart, [string, string]> = {
  length: ['身份证号应为18位', 'must be 18 characters'],
  characters: ['身份证号只能由数字组成（末位可为X）', 'digits only (the last may be X)'],
  address: ['身份证号地址码无效', 'the address code is not valid'],
  birth_date: ['身份证号出生日期无效', 'the birth date is impossible'],
  sequence: ['身份证号顺序码无效', 'the sequence code is not valid'],
  check: ['身份证号校验位错误', 'check digit wrong'],
};

/** An 18-character ID number (GB 11643-1999), normalized; the old 15-digit form is refused. */
export function idNumber(p: Problems, field: string, v: unknown, today: string): string | undefined {
  if (v === undefined || v === null || v === '') return p.add(field, '必填', 'is required');
  if (typeof v !== 'string') return p.add(field, '应为文字', 'must be text');
  const s = v.replace(/\s+/g, '').toUpperCase();
  if (s.length === 15 && /^\d+$/.test(s)) return p.add(field, '请填写18位身份证号（15位旧号码已停用）', 'give the 18-character number (the old 15-digit form is no longer valid)');
  const r = checkIdNumber(s, today);
  if (s.length !== 18) return p.add(field, ...ID_PART.length);
  if (!r.valid || !r.id_number) {
    const [zh, en] = ID_PART[r.errors[0]?.part ?? 'characters'];
    return p.add(field, zh, en);
  }
  return r.id_number;
}

/** A village or community (12-digit NBS) code of Jilin; its existence is checked by the service. */
export function villageCode(p: Problems, field: string, v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return p.add(field, '必填', 'is required');
  const code = typeof v === 'string' ? normalizeRegionCode(v) : undefined;
  if (!code) return p.add(field, '区划代码格式无效', 'is not a region code');
  if (!code.startsWith('22')) return p.add(field, '不是吉林省的区划代码', 'is not a Jilin region code');
  if (code.length !== 12) return p.add(field, '应为村（社区）级12位区划代码', 'must be a 12-digit village or community code');
  return code;
}

/** A term of a registry vocabulary (code, Chinese label or alias). */
export function registryTerm(p: Problems, field: string, v: unknown, vocab: Vocabulary, zhName: string): string | undefined {
  if (v === undefined || v === null || v === '') return p.add(field, '必填', 'is required');
  const code = typeof v === 'string' ? parseTerm(vocab, v.trim()) : undefined;
  if (!code) return p.add(field, `${zhName}无效，可选：${describeTerms(vocab)}`, `must be one of ${vocab.map((t) => t.code).join(', ')}`);
  return code;
}

/** A non-empty list of codes of `vocab`, each once. */
export function codeList(p: Problems, field: string, v: unknown, vocab: readonly Term[]): string[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return p.add(field, '至少选择一项', 'choose at least one');
  const out: string[] = [];
  v.forEach((c, i) => {
    if (typeof c !== 'string' || !vocab.some((t) => t.code === c)) {
      p.add(`${field}[${i}]`, `取值无效，可选：${vocab.map((t) => `${t.code}（${t.zh}）`).join('、')}`, `must be one of ${vocab.map((t) => t.code).join(', ')}`);
    } else if (!out.includes(c)) out.push(c);
  });
  return out;
}

/** A mobile (1xxxxxxxxxx) or landline number with its area code (0xx…); spaces and dashes dropped. */
export function phoneNumber(p: Problems, field: string, v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return p.add(field, '必填', 'is required');
  const s = typeof v === 'string' ? v.replace(/[\s-]/g, '') : '';
  if (!/^1[3-9]\d{9}$/.test(s) && !/^0\d{9,11}$/.test(s)) return p.add(field, '电话号码格式无效（手机号11位，或带区号的固定电话）', 'is not a phone number (11-digit mobile, or a landline with its area code)');
  return s;
}
