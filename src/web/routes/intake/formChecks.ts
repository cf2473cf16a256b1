/**
 * Checks the forms run before sending (the server checks everything again and names the
 * field): the ID number's length and check character (GB 11643-1999), a phone's shape, and
 * putting the server's field errors on the form fields they name.
 */
import type { FormInstance } from 'antd';
import type { MessageKey } from '../../i18n';
import { fieldErrors, fieldPath, localMessage } from '../../api/intake';
import type { ApiError } from '../../api/api';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The message key of what is wrong with an ID number, or null when it passes. */
export function idNumberProblem(raw: string | undefined): MessageKey | null {
  const v = (raw ?? '').replace(/\s+/g, '').toUpperCase();
  if (/^\d{15}$/.test(v)) return 'intake.apply.id15';
  if (!/^\d{17}[\dX]$/.test(v)) return 'intake.apply.idInvalid';
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(v[i]), 0);
  return '10X98765432'[sum % 11] === v[17] ? null : 'intake.apply.idInvalid';
}

export const normalizeId = (raw: string) => raw.replace(/\s+/g, '').toUpperCase();

export function phoneOk(raw: string | undefined): boolean {
  const v = (raw ?? '').replace(/[\s-]/g, '');
  return /^1[3-9]\d{9}$/.test(v) || /^0\d{9,11}$/.test(v);
}

/** Whether `path` is a field the form shows now (getFieldsValue() holds only mounted fields). */
function mounted(form: FormInstance, path: (string | number)[]): boolean {
  let at: unknown = form.getFieldsValue();
  for (const k of path) {
    if (at === null || typeof at !== 'object' || !(k in at)) return false;
    at = (at as Record<string | number, unknown>)[k];
  }
  return true;
}

/**
 * Put a 400's field errors on the form fields they name (server field → form name via
 * `rename`); the ones that match no field shown now come back, to be shown above the form.
 */
export function showServerErrors(
  form: FormInstance, err: ApiError, lang: 'zh' | 'en',
  rename: (path: (string | number)[]) => (string | number)[] = (p) => p,
): string[] {
  const errors = fieldErrors(err.details, err.message);
  const unplaced: string[] = [];
  const fields = errors.flatMap((e) => {
    const name = rename(fieldPath(e.field));
    if (!mounted(form, name)) {
      unplaced.push(localMessage(e.message, lang));
      return [];
    }
    return [{ name, errors: [localMessage(e.message, lang)] }];
  });
  form.setFields(fields);
  if (fields.length) form.scrollToField(fields[0].name, { block: 'center' });
  return errors.length ? unplaced : [err.message];
}
