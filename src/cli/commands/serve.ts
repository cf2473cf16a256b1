import type { Command } from 'commander';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('启动平台（API + 网页）/ start the platform (API and web UI, one process)')
    .option('--no-build', '不自动构建网页 / do not build the web UI when it is missing or stale')
    .action(async (opts: { build: boolean }) => {
      const { serve } = await import('../../server.js');
      await serve({ buildWeb: opts.build });
    });
}
