import type { Command } from 'commander';
import { cliActor, runCommand, withRuntime } from '../output.js';
import { startProgress } from '../progress.js';

export function registerSeed(program: Command): void {
  const seed = program.command('seed').description('载入数据 / load data');
  seed
    .command('demo')
    .description('载入演示数据（确定性生成的吉林省低收入家庭）/ load generated, deterministic demo households')
    .option('--households <n>', '户数 / number of households', '3000')
    .option('--seed <s>', '随机种子 / generator seed', '1')
    .option('--json', '输出 JSON / print one JSON document')
    .action(async (opts: { households: string; seed: string; json?: boolean }) => {
      await runCommand(opts, async () => {
        const households = positiveInt(opts.households, '--households');
        const seedValue = positiveInt(opts.seed, '--seed');
        const { seedDemo } = await import('../../modules/registry/demo/demo.service.js');
        return withRuntime('seed demo', async (rt) => {
          const progress = startProgress('演示数据 demo', Math.round(households * 2.34), 'persons');
          try {
            const r = await seedDemo(rt, { households, seed: seedValue, actor: cliActor().label, onProgress: (n) => progress.update(n) });
            return { result: r, human: `已载入演示数据 / demo loaded: ${r.households} households, ${r.persons} persons (batch ${r.batch_id})` };
          } finally {
            progress.stop();
          }
        });
      });
    });
}

function positiveInt(raw: string, name: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} 应为正整数 / must be a positive integer: ${raw}`);
  return n;
}
