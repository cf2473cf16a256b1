/**
 * Exact decimal arithmetic for thresholds, as PostgreSQL's numeric does it: 0.4 × 12,500.05 is
 * 5,000.02 exactly, not 5000.0199999. Values are numbers or numeric strings ("12500.05").
 */
export type Decimal = number | string;

const SCALE = 12;

/** The value × 10^SCALE as a BigInt. */
function scaled(v: Decimal): bigint {
  let s = typeof v === 'number' ? numberText(v) : v.trim();
  const negative = s.startsWith('-');
  if (negative || s.startsWith('+')) s = s.slice(1);
  const [whole, frac = ''] = s.split('.');
  if (!/^\d*$/.test(whole) || !/^\d*$/.test(frac)) throw new Error(`not a decimal: ${String(v)}`);
  const digits = BigInt((whole || '0') + frac.padEnd(SCALE, '0').slice(0, SCALE));
  return negative ? -digits : digits;
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  const s = String(n);
  return /e/i.test(s) ? n.toFixed(SCALE) : s;
}

function unscaled(b: bigint, scale: number): string {
  const negative = b < 0n;
  const digits = (negative ? -b : b).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  return (negative ? '-' : '') + whole + (frac ? '.' + frac : '');
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  const x = scaled(a);
  const y = scaled(b);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** a × b, exactly, as a decimal string. */
export function multiplyDecimal(a: Decimal, b: Decimal): string {
  return unscaled(scaled(a) * scaled(b), SCALE * 2);
}

/** The sum of decimals, exactly, as a decimal string. */
export function sumDecimals(values: Decimal[]): string {
  let total = 0n;
  for (const v of values) total += scaled(v);
  return unscaled(total, SCALE);
}
