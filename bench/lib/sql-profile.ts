/**
 * `--profile-sql`: time every statement the process sends through node-postgres (wrapping
 * Client.prototype.query), grouped by the statement's text with literals and IN-lists folded, and
 * print the ones that took longest to stderr. For finding where a benchmark's database time goes.
 */
import pg from 'pg';

const spent = new Map<string, { n: number; ms: number }>();

export function profileSql(): void {
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text;
    const result = original.apply(this, args);
    if (!text || !(result instanceof Promise)) return result;
    const t = performance.now();
    const key = text.replace(/\s+/g, ' ').replace(/\(\$\d+(, \$\d+)*\)/g, '($…)').replace(/\$\d+/g, '$').slice(0, 160);
    return result.finally(() => {
      const s = spent.get(key) ?? { n: 0, ms: 0 };
      s.n++;
      s.ms += performance.now() - t;
      spent.set(key, s);
    });
  };
}

export function sqlReport(top = 15): string {
  return [...spent].sort((a, b) => b[1].ms - a[1].ms).slice(0, top).map(([k, v]) => `  ${(v.ms / 1000).toFixed(2)} s ×${v.n}  ${k}`).join('\n');
}

export function resetSqlProfile(): void {
  spent.clear();
}
