import fs from 'node:fs';
import type { Command } from 'commander';
import { CommandFailed, cliActor, runCommand, withRuntime } from '../output.js';
import { AppError } from '../../platform/errors.js';
import { CATEGORY_LABEL } from '../../modules/recognition/domain/categories.js';
import type { AssessmentResult } from '../../modules/recognition/assessment.service.js';
import { maskIdNumber } from '../../modules/registry/domain/id-number.js';

function readDescription(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch {
    throw new AppError('VALIDATION', { zh: `无法读取文件「${file}」`, en: `cannot read file "${file}"` }, { field: 'file' });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new AppError('VALIDATION', { zh: `文件「${file}」不是有效的 JSON：${(e as Error).message}`, en: `file "${file}" is not valid JSON: ${(e as Error).message}` }, { field: 'file' });
  }
}

/** The assessment as a clerk reads it: the result first, then every test with its conditions. */
export function renderAssessment(a: AssessmentResult): string {
  const tier = CATEGORY_LABEL[a.tier];
  const lines = [
    `分层认定 / identification · ${a.as_of} · ${a.region_code} · ${a.hukou_type === 'urban' ? '城镇 urban' : '农村 rural'} · ${a.figures.household_size} 人${a.household_code ? ` · 户 ${a.household_code}` : ''}${a.id ? ` · 测算 #${a.id}` : ''}`,
    `结论 / result: ${tier.zh} ${tier.en}`,
    `  ${a.summary.zh}`,
    `  ${a.summary.en}`,
    '',
    '逐项 / each test:',
  ];
  for (const t of a.tests) {
    const mark = !t.tested ? '–' : t.passed ? '✓' : '✗';
    const label = CATEGORY_LABEL[t.category];
    lines.push(`${mark} ${label.zh}${t.scope === 'person' ? `（个人 ${maskIdNumber(t.id_number ?? '')}）` : ''}${t.tested ? '' : `：${t.zh}`}`);
    for (const c of t.conditions) lines.push(`    ${c.passed ? '✓' : '✗'} ${c.zh}`);
  }
  const m = a.amounts;
  lines.push('', '金额 / amounts (CNY/month):');
  if (m.dibao_allowance) {
    lines.push(`  低保金 dibao allowance: ¥${m.dibao_allowance.total}`);
    for (const l of m.dibao_allowance.lines) lines.push(`    ${l.zh}`);
  }
  for (const l of m.single_person) lines.push(`  ${l.zh}`);
  for (const t of m.tekun) lines.push(`  ${t.zh}`);
  lines.push(`  小额快救上限 fast relief cap: ¥${m.fast_relief_cap}`);
  for (const n of a.notes) lines.push(`注 / note: ${n.zh} / ${n.en}`);
  lines.push('', `参数 / parameters (${a.parameters.length}):`);
  for (const p of a.parameters) lines.push(`  ${p.key} @${p.on} = ${JSON.stringify(p.value)}  (${p.region_code}, ${p.valid_from}, v${p.version})`);
  return lines.join('\n');
}

export function registerAssess(program: Command): void {
  program
    .command('assess')
    .description('分层认定测算 / identify a household\'s tier (特困 → 低保 → 边缘 → 刚性) and explain why')
    .argument('[file]', '户情况描述 JSON 文件（- 为标准输入）/ a household description JSON file (- for stdin); see docs/formats/household-description.md')
    .option('--household <code>', '按登记库中的户测算（用最近的经济状况记录，并保存）/ assess a registered household from its latest economic snapshot (stored)')
    .option('--on <date>', '测算日期，默认今天（仅用于 --household）/ assessment date, default today (with --household)')
    .option('--replay <id>', '按保存的输入与参数重算一次已保存的测算 / replay a stored assessment with its own input and parameters')
    .option('--json', '输出 JSON / print one JSON document')
    .action(async (file: string | undefined, opts: { household?: string; on?: string; replay?: string; json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('assess', async (rt) => {
          const chosen = [file !== undefined, !!opts.household, !!opts.replay].filter(Boolean).length;
          if (chosen !== 1) {
            throw new AppError('VALIDATION', { zh: '请给出一个描述文件、--household 或 --replay 之一', en: 'give exactly one of a description file, --household or --replay' });
          }
          if (opts.on && !opts.household) throw new AppError('VALIDATION', { zh: '--on 只用于 --household（描述文件自带 as_of）', en: '--on goes with --household (a description carries its own as_of)' }, { field: 'on' });
          if (opts.replay) {
            const r = await rt.services.assessments.replay(opts.replay, cliActor());
            const head = r.identical
              ? `重算一致 / replay identical (engine ${r.engine_version.stored} → ${r.engine_version.current})`
              : `重算不一致 / replay differs in: ${r.differences.join(', ')} (engine ${r.engine_version.stored} → ${r.engine_version.current})`;
            const text = `${head}\n\n${renderAssessment(r.replayed)}`;
            // Like `audit verify`: a replay that no longer matches is a failure an auditor must see.
            if (!r.identical) throw new CommandFailed(r, text);
            return { result: r, human: text };
          }
          const a = opts.household
            ? await rt.services.assessments.assessHousehold(opts.household, opts.on, cliActor())
            : await rt.services.assessments.assessDescription(readDescription(file!), cliActor());
          return { result: a, human: renderAssessment(a) };
        }),
      );
    });
}
