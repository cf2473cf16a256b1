/**
 * The server process: open the database (migrating and loading reference data, and the demo
 * data on a first start), serve API and web UI, and shut down cleanly on SIGTERM/SIGINT —
 * checkpointing and closing the embedded database and releasing its lock.
 */
import { loadConfig } from './platform/config.js';
import { openRuntime } from './platform/runtime.js';
import { buildApp } from './api/app.js';
import { startServerJobWorker } from './platform/jobs/worker.js';
import { ensureWebBuilt } from './web-build.js';
import { seedDemoOnFirstStart } from './modules/registry/demo/demo.service.js';
import { AppError } from './platform/errors.js';

export async function serve(opts: { buildWeb: boolean }): Promise<void> {
  const config = loadConfig();
  let rt;
  try {
    rt = await openRuntime(config, 'serve');
  } catch (err) {
    process.stderr.write(`${err instanceof AppError ? err.message : (err as Error).stack}\n`);
    process.exit(1);
  }
  if (opts.buildWeb) await ensureWebBuilt();
  if (config.demo) {
    const seeded = await seedDemoOnFirstStart(rt, config.demoHouseholds);
    if (seeded) process.stderr.write(`演示数据已载入 / demo data loaded: ${seeded.households} households, ${seeded.persons} persons\n`);
  }
  const app = await buildApp(rt, { logger: { level: config.logLevel }, publicLimits: config.publicLimits, trustProxy: config.trustProxy });
  const jobs = startServerJobWorker(rt, app.log); // undefined when SAFETYNET_JOBS=0
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 8000);
    force.unref();
    try {
      await app.close();
      await jobs?.stop();
      await rt.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite ${config.dataDir}`;
  process.stdout.write(`Safety Net 已启动 / is up: http://localhost:${config.port}/  (API docs: /api/docs; database: ${where})\n`);
}
