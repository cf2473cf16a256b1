/** SAFETYNET_TRACE_IMPORT=1: the time of each import or ingestion phase on standard error (benchmarks, diagnosis). */
const on = !!process.env.SAFETYNET_TRACE_IMPORT;
let last = performance.now();

export function trace(phase: string): void {
  if (!on) return;
  const now = performance.now();
  process.stderr.write(`[import] ${phase}: ${((now - last) / 1000).toFixed(2)} s\n`);
  last = now;
}
