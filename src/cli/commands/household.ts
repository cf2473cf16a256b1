import type { Command } from 'commander';
import { cliActor, runCommand, withRuntime } from '../output.js';
import { CATEGORIES, RELATIONS, labelOf } from '../../modules/registry/domain/vocabulary.js';

export function registerHousehold(program: Command): void {
  const household = program.command('household').description('户 / households');
  household
    .command('get')
    .description('查看户详情（成员、类别、经济状况、变更记录）/ show a household record')
    .argument('<code>', '户编号 / household code')
    .option('--json', '输出 JSON / print one JSON document')
    .action(async (code: string, opts: { json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('household get', async (rt) => {
          const d = await rt.services.householdReads.get(code, cliActor());
          const lines = [
            `户 ${d.code} · ${d.region_path.map((r) => r.name).join(' ')} · ${d.hukou_type === 'urban' ? '城镇' : '农村'} · ${d.address ?? ''}`,
            ...d.members.map(
              (m) =>
                `  ${m.name}\t${labelOf(RELATIONS, m.relation)?.zh ?? m.relation}\t${m.id_number}\t${m.age}岁\t` +
                m.categories.filter((c) => !c.valid_to).map((c) => labelOf(CATEGORIES, c.category)?.zh ?? c.category).join('、'),
            ),
            `  经济状况 snapshots: ${d.snapshots.length} · 变更记录 history: ${d.history.length}`,
          ];
          return { result: d, human: lines.join('\n') };
        }),
      );
    });
}
