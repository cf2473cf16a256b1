/**
 * The check worker as one plain JavaScript file. Worker threads do not inherit tsx's loader,
 * and registering it in each worker costs a loader thread and some 80 MB apiece. Instead the
 * worker's sources are bundled once per process with esbuild (the compiler tsx itself runs
 * on) into a cached file named by the hash of the bundle; each module keeps its own
 * import.meta.url, so the reference data it reads is found where it was.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';

let bundled: Promise<string> | undefined;

export function checkWorkerFile(): Promise<string> {
  bundled ??= bundle();
  return bundled;
}

async function bundle(): Promise<string> {
  const entry = fileURLToPath(new URL('./check-worker.ts', import.meta.url));
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    packages: 'external',
    logLevel: 'silent',
    plugins: [
      {
        name: 'keep-import-meta-url',
        setup(b) {
          b.onLoad({ filter: /\.(ts|mjs|js)$/ }, async (args) => {
            const text = await fs.promises.readFile(args.path, 'utf8');
            return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
          });
        },
      },
    ],
  });
  const code = result.outputFiles[0].text;
  // The bundle lives outside the project: it may import Node's built-ins only.
  const packages = [...code.matchAll(/\bfrom\s*"([^"]+)"/g)].map((m) => m[1]).filter((p) => !p.startsWith('node:'));
  if (packages.length) throw new Error(`the check worker must not import packages (${packages.join(', ')}): keep its code to Node built-ins`);
  const dir = path.join(os.tmpdir(), 'safetynet-workers');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `check-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!fs.existsSync(file)) {
    fs.writeFileSync(`${file}.${process.pid}.tmp`, code);
    fs.renameSync(`${file}.${process.pid}.tmp`, file);
  }
  return file;
}
