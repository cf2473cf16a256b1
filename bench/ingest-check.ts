/**
 * Micro-benchmark of the check worker's work: `npm run bench -- ingest-check
 * [--rows 500000] [--reps 5] [--block-mb 4] [--quoted 0.002] [--chinese 0] [--bad 0.001]
 * [--baseline DIR]`.
 *
 * Generates `medical_settlement` rows in memory (medical-sample.ts), cuts them into blocks as
 * the ingestion does, and times checkCsvBlock over all blocks in a worker thread bundled and
 * limited like the real check worker, against "old": the general path of this tree, or with
 * --baseline DIR the checkCsvBlock of a snapshot of the project (DIR holding src/ and data/,
 * e.g. `git archive HEAD src data | tar -x -C DIR`). Old and new run alternately in the same
 * worker (the machine is shared and noisy); the figures are the median µs per row, and the
 * median of the per-repetition ratios (old and new of a repetition run back to back).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { csvLines, medicalRecords, sampleBlocks, sampleContext, SAMPLE_HEADER } from '../src/modules/ingest/parallel/medical-sample.js';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

async function bundleWorker(baselineDir: string | undefined): Promise<string> {
  const bench = path.dirname(fileURLToPath(import.meta.url));
  const parallel = path.resolve(bench, '../src/modules/ingest/parallel');
  const baseline = baselineDir ? path.resolve(baselineDir, 'src/modules/ingest/parallel/check-block.ts') : path.join(parallel, 'general-block.ts');
  if (!fs.existsSync(baseline)) throw new Error(`no baseline at ${baseline}`);
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [path.join(bench, 'lib/ingest-check-worker.ts')],
    bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, packages: 'external', logLevel: 'silent',
    plugins: [{
      name: 'bench',
      setup(b) {
        b.onResolve({ filter: /^sn-baseline$/ }, () => ({ path: baseline }));
        b.onLoad({ filter: /\.(ts|mjs|js)$/ }, async (args) => {
          const text = await fs.promises.readFile(args.path, 'utf8');
          return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
        });
      },
    }],
  });
  const file = path.join(os.tmpdir(), `check-block-bench-${process.pid}.mjs`);
  fs.writeFileSync(file, result.outputFiles[0].text);
  return file;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function main(args: string[]): Promise<void> {
  const rows = option(args, 'rows', 500_000);
  const reps = option(args, 'reps', 5);
  const b = args.indexOf('--baseline');
  const baselineDir = b >= 0 ? args[b + 1] : undefined;
  const records = medicalRecords(rows, { quoted: option(args, 'quoted', 0.002), chineseEnum: option(args, 'chinese', 0), bad: option(args, 'bad', 0.001) });
  const text = csvLines(records).join('\n') + '\n';
  const blocks = sampleBlocks(text, option(args, 'block-mb', 4) * (1 << 20));
  const file = await bundleWorker(baselineDir);
  try {
    process.stdout.write(`${rows} rows, ${(text.length / 1048576).toFixed(1)} M chars, ${blocks.length} blocks; old = ${baselineDir ? `checkCsvBlock of ${baselineDir}` : 'general path (this tree)'}; ${os.loadavg()[0].toFixed(2)} load\n`);
    const ctx = sampleContext(SAMPLE_HEADER);
    const out = await new Promise<{ times: Record<string, number[]>; cpu: Record<string, number[]>; shape: Record<string, string> }>((resolve, reject) => {
      const w = new Worker(file, { workerData: { ctx, blocks, rows, reps, order: ['old', 'new'] }, resourceLimits: { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 1024 } });
      w.once('message', (m) => {
        resolve(m);
        void w.terminate();
      });
      w.once('error', reject);
    });
    for (const [name, ts] of Object.entries(out.times)) {
      process.stdout.write(`${name}: median ${median(ts).toFixed(2)} µs/row  [${ts.map((t) => t.toFixed(2)).join(', ')}], CPU ${median(out.cpu[name]).toFixed(2)} µs/row  (${out.shape[name]})\n`);
    }
    const ratio = median(out.times.old) / median(out.times.new);
    // Old and new of one repetition ran back to back, under about the same load.
    const paired = median(out.times.old.map((t, i) => t / out.times.new[i]));
    process.stdout.write(JSON.stringify({
      bench: 'check-block', rows, old_us_per_row: +median(out.times.old).toFixed(2), new_us_per_row: +median(out.times.new).toFixed(2),
      speedup: +ratio.toFixed(2), paired_speedup: +paired.toFixed(2),
      old_cpu_us_per_row: +median(out.cpu.old).toFixed(2), new_cpu_us_per_row: +median(out.cpu.new).toFixed(2), load: +os.loadavg()[0].toFixed(2),
    }) + '\n');
  } finally {
    fs.rmSync(file, { force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
