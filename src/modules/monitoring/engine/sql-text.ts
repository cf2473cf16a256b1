/**
 * SQL text from validated definitions. Every identifier the compiler writes comes from a code
 * the catalog or the indicator check already restricted to [a-z0-9_]; every value goes through
 * one of these literal writers, never string concatenation of raw input.
 */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a safe identifier: ${name}`);
  return `"${name}"`;
}

export function text(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export function num(n: number | string): string {
  const s = String(n);
  if (!/^-?\d+(\.\d+)?$/.test(s) && !Number.isFinite(Number(s))) throw new Error(`not a number: ${s}`);
  return `(${/e/i.test(s) ? Number(s).toFixed(12) : s})::numeric`;
}

export function date(d: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`not a date: ${d}`);
  return `DATE '${d}'`;
}

export function bool(b: boolean): string {
  return b ? 'true' : 'false';
}

export function textArray(xs: readonly string[]): string {
  return `ARRAY[${xs.map(text).join(', ')}]::text[]`;
}

/** The date `months` months before `on`, clamped to the month's end as PostgreSQL does. */
export function monthsBefore(on: string, months: number): string {
  const [y, m, d] = on.split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12 + 1;
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whole years from `birth` to `on`, as PostgreSQL's age() counts them. */
export function yearsBetween(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Whole months from `from` to `on` (negative if `from` is later), as age() counts them. */
export function monthsBetween(from: string, on: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  const sign = on < from ? -1 : 1;
  const [a, b] = sign > 0 ? [[fy, fm, fd], [y, m, d]] : [[y, m, d], [fy, fm, fd]];
  return sign * ((b[0] - a[0]) * 12 + (b[1] - a[1]) - (b[2] < a[2] ? 1 : 0));
}
