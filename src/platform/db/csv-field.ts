/** COPY text, shared by every bulk load. */

/** One CSV field: quoted when it holds a separator, quote or line break; empty means NULL. */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || s.trim() !== s ? `"${s.replace(/"/g, '""')}"` : s;
}
