/**
 * `safetynet programs list [--json]`: the assistance programs with type, department, tiers and version.
 * `safetynet programs show CODE [--json]`: one program's definition and its versions.
 */
import type { Command } from 'commander';
import { runCommand, withRuntime } from '../output.js';
import { labelOfTier, labelOfType } from '../../modules/assistance/domain/program-definition.js';

export function registerPrograms(program: Command): void {
  const programs = program.command('programs').description('救助项目 / assistance programs');
  programs
    .command('list')
    .description('救助项目列表 / the assistance programs')
    .option('--json', '输出 JSON / print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('programs list', async (rt) => {
          const list = await rt.services.programs.list();
          const lines = list.map((p) => {
            const d = p.definition;
            return `${p.active ? '●' : '○'} ${p.code.padEnd(24)} v${p.version} ${labelOfType(d.type).zh.padEnd(8, '　')} ${p.department.zh.padEnd(6, '　')} ${d.tiers.map((t) => labelOfTier(t).zh).join('、')} · ${d.zh} / ${d.en}`;
          });
          return { result: { programs: list }, human: lines.join('\n') };
        }),
      );
    });
  programs
    .command('show')
    .description('一个救助项目的定义与版本 / one program with its versions')
    .argument('<code>', '项目代码 / program code')
    .option('--json', '输出 JSON / print one JSON document')
    .action(async (code: string, opts: { json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('programs show', async (rt) => {
          const p = await rt.services.programs.get(code);
          const d = p.definition;
          const lines = [
            `${d.zh} / ${d.en} (${p.code}) v${p.version}${p.active ? '' : ' 已停用 inactive'}`,
            `类型 type: ${labelOfType(d.type).zh} ${d.type} · 承办部门 department: ${p.department.zh} ${p.department.code}`,
            `救助对象 tiers: ${d.tiers.map((t) => `${labelOfTier(t).zh} ${t}`).join('、')}`,
            `条件 condition: ${d.condition ? JSON.stringify(d.condition) : '—'}`,
            `金额 amount: ${JSON.stringify(d.amount)}`,
            `依据 legal basis: ${d.legal_basis}`,
            d.description.zh,
            d.description.en,
            '版本 versions:',
            ...p.versions.map((v) => `  v${v.version} ${v.active ? 'active' : 'inactive'} ${v.updated_by} ${v.updated_at}`),
          ];
          return { result: p, human: lines.join('\n') };
        }),
      );
    });
}
