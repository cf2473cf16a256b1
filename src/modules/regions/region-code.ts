/**
 * Region codes. The canonical form is the NBS variable-length code (22, 2201, 220102,
 * 220102001, 220102001001). The 12-digit padded NBS form and the 6-digit GB/T 2260 form are
 * accepted wherever a code is read and normalized here.
 */
export type RegionLevel = 'province' | 'prefecture' | 'county' | 'township' | 'village';

const LEVEL_BY_LENGTH: Record<number, RegionLevel> = {
  2: 'province',
  4: 'prefecture',
  6: 'county',
  9: 'township',
  12: 'village',
};

/** Canonical code, or undefined when the text is not a region code of any accepted form. */
export function normalizeRegionCode(raw: string): string | undefined {
  const code = raw.trim();
  if (!/^\d+$/.test(code)) return undefined;
  if (code.length === 12) return stripPadding(code, [10, 8, 6, 3]);
  if (code.length === 6) return stripPadding(code, [4, 2]);
  if (code.length === 2 || code.length === 4 || code.length === 9) return code;
  return undefined;
}

/** Remove the longest all-zero tail among the given lengths (a village code keeps its digits). */
function stripPadding(code: string, tails: number[]): string {
  for (const tail of tails) {
    if (code.endsWith('0'.repeat(tail))) return code.slice(0, code.length - tail);
  }
  return code;
}

export function levelOfCode(code: string): RegionLevel | undefined {
  return LEVEL_BY_LENGTH[code.length];
}

export function padTo12(code: string): string {
  return code.padEnd(12, '0');
}

/** Ancestor codes from the province down to the code itself: 220102001 → [22, 2201, 220102, 220102001]. */
export function codeLineage(code: string): string[] {
  return [2, 4, 6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n));
}

/** Does `code` lie in the subtree rooted at `root` (itself included)? */
export function inSubtree(code: string, root: string): boolean {
  return code.startsWith(root);
}
