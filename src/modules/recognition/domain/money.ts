/**
 * Money in the identification engine is counted in whole fen (cents) so that comparisons at a
 * boundary are exact: income exactly at the standard is not below it.
 */

/** Yuan (a non-negative number with at most 2 decimals meaningful) to fen. */
export function fen(yuan: number): number {
  return Math.round(yuan * 100);
}

/** Fen to yuan as a number, rounded to the fen. */
export function yuan(fenAmount: number): number {
  return Math.round(fenAmount) / 100;
}

/** "¥833", "¥964.5", "¥833.33": the figure as a clerk would say it. */
export function money(fenAmount: number): string {
  return `¥${plain(yuan(fenAmount))}`;
}

/** A number without trailing zeros: 1.5, 0.8, 964.5, 833. */
export function plain(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** A share as a percentage: 0.8 → "80%", 0.8333 → "83.33%". */
export function percent(share: number): string {
  return `${plain(share * 100)}%`;
}
