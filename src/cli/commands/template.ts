/**
 * `safetynet template registry [--out PATH] [--json]`: write the registry import template
 * (XLSX with Chinese headers, drop-down lists, an example row and a 说明 sheet).
 * No database is opened.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { runCommand } from '../output.js';
import { AppError } from '../../platform/errors.js';
import { buildRegistryTemplate, templateHeader, DATA_SHEET, NOTES_SHEET } from '../../modules/registry/import/registry-template.js';
import { REGISTRY_COLUMNS, type ColumnSpec } from '../../modules/registry/domain/registry-row.js';

interface TemplateOptions {
  out?: string;
  json?: boolean;
}

export function registerTemplate(program: Command): void {
  const tpl = program.command('template').description('生成导入模板 / write import templates');
  tpl
    .command('registry')
    .description('生成低收入人口名册导入模板（XLSX）/ write the registry import template (XLSX)')
    .option('--out <path>', '输出文件（默认：当前目录下 registry-template.xlsx）/ output file (default: registry-template.xlsx in the current directory)')
    .option('--json', '以 JSON 输出结果 / print the result as one JSON document')
    .action((opts: TemplateOptions) =>
      runCommand(opts, async () => {
        const file = path.resolve(opts.out ?? 'registry-template.xlsx');
        const buffer = await buildRegistryTemplate();
        try {
          await fs.writeFile(file, buffer);
        } catch (err) {
          throw new AppError('VALIDATION', {
            zh: `无法写入模板文件 ${file}：${(err as Error).message}`,
            en: `cannot write the template to ${file}: ${(err as Error).message}`,
          });
        }
        const columns = (REGISTRY_COLUMNS as readonly ColumnSpec[]).map((c) => ({ name: c.name, header: templateHeader(c), required: c.required }));
        const result = { file, bytes: buffer.length, sheets: [DATA_SHEET, NOTES_SHEET], columns };
        return {
          result,
          human: `模板已写入 / template written: ${file}\n第2行为示例，导入前请删除 / row 2 is an example: delete it before importing`,
        };
      }),
    );
}
