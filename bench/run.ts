/**
 * Benchmark dispatcher: `npm run bench -- NAME [--options]` runs bench/NAME.ts, whose
 * `main(args)` prints progress and, as its last line, one JSON object with the figures.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const [name, ...args] = process.argv.slice(2);
const dir = fileURLToPath(new URL('.', import.meta.url));
const available = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'run.ts').map((f) => f.slice(0, -3));

if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- NAME [--options]\navailable: ${available.join(', ')}\n`);
  process.exit(2);
}

const mod = (await import(`./${name}.ts`)) as { main(args: string[]): Promise<void> };
await mod.main(args);
