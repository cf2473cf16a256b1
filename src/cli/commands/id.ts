import type { Command } from 'commander';
import { CommandFailed, runCommand } from '../output.js';
import { checkIdNumber } from '../../modules/registry/domain/id-number.js';
import { systemClock } from '../../platform/clock.js';

export function registerId(program: Command): void {
  const id = program.command('id').description('身份证号 / citizen ID numbers (GB 11643-1999)');
  id.command('check')
    .description('校验身份证号：校验码、出生日期、性别、地址码 / check an ID number: check character, birth date, sex, address code')
    .argument('<number>', '身份证号 / the ID number (15 or 18 characters)')
    .option('--json', '输出 JSON / print one JSON document')
    .action(async (number: string, opts: { json?: boolean }) => {
      await runCommand(opts, async () => {
        const r = checkIdNumber(number, systemClock.today());
        const result = { valid: r.valid, errors: r.errors, birth_date: r.birth_date ?? null, sex: r.sex ?? null, address_code: r.address_code ?? null, id_number: r.id_number ?? null };
        const human = r.valid
          ? `有效 / valid: ${r.id_number} · ${r.birth_date} · ${r.sex === 'male' ? '男 male' : '女 female'} · ${r.address_code}`
          : `无效 / invalid:\n${r.errors.map((e) => `  - ${e.message}`).join('\n')}`;
        if (!r.valid) throw new CommandFailed(result, human);
        return { result, human };
      });
    });
}
