import type { Command } from 'commander';
import { cliActor, runCommand, withRuntime } from '../output.js';
import { systemClock } from '../../platform/clock.js';

const json = ['--json', '输出 JSON / print one JSON document'] as const;

export function registerPolicy(program: Command): void {
  const policy = program.command('policy').description('政策参数 / policy parameters (dated, region-scoped)');
  policy
    .command('set')
    .description('设置参数值（同一参数、区划、起始日期再次设置即新版本）/ set a value (setting the same key, region and start date again adds a version)')
    .argument('<key>', '参数名 / parameter key, e.g. dibao.standard.urban')
    .argument('<value>', '值 / value (a number, or JSON for list parameters)')
    .requiredOption('--region <code>', '省/市/县区划代码 / province, prefecture or county code')
    .requiredOption('--from <date>', '生效日期 / in force from YYYY-MM-DD')
    .option('--to <date>', '失效日期 / in force until YYYY-MM-DD (inclusive)')
    .option('--source <text>', '依据 / source note (document, date)')
    .option(...json)
    .action(async (key: string, value: string, opts: { region: string; from: string; to?: string; source?: string; json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('policy set', async (rt) => {
          const r = await rt.services.policy.set({ key, value, region: opts.region, from: opts.from, to: opts.to, source: opts.source }, cliActor());
          return { result: r, human: `已设置 / set: ${r.key} = ${JSON.stringify(r.value)} (${r.region_code}, ${r.valid_from}–${r.valid_to ?? ''}, v${r.version})` };
        }),
      );
    });
  policy
    .command('get')
    .description('查询某区划某日生效的值 / the value in force for a region on a date')
    .argument('<key>')
    .requiredOption('--region <code>', '区划代码（任意级别）/ region code (any level)')
    .option('--on <date>', '日期，默认今天 / date, default today')
    .option(...json)
    .action(async (key: string, opts: { region: string; on?: string; json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('policy get', async (rt) => {
          const r = await rt.services.policy.get(key, opts.region, opts.on ?? systemClock.today());
          return { result: r, human: `${r.key} = ${JSON.stringify(r.value)}（来自 / from ${r.region_code}, ${r.valid_from}–${r.valid_to ?? ''}, v${r.version}; ${r.source ?? ''}）` };
        }),
      );
    });
  policy
    .command('list')
    .description('所有参数及其历史版本 / every parameter with its history')
    .option('--key <key>', '只看一个参数 / one key only')
    .option(...json)
    .action(async (opts: { key?: string; json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('policy list', async (rt) => {
          const items = await rt.services.policy.history(opts.key);
          const human = items
            .map((p) => `${p.current ? ' ' : '~'} ${p.key}\t${p.region_code}\t${p.valid_from}–${p.valid_to ?? ''}\tv${p.version}\t${JSON.stringify(p.value)}\t${p.label.zh ?? ''}`)
            .join('\n');
          return { result: { items }, human: human + '\n（~ 表示已被新版本取代 / ~ marks a superseded version）' };
        }),
      );
    });
}
