/**
 * `safetynet ingest DATASET FILE [--json] [--skip-invalid] [--supersede BATCH] [--errors PATH]`:
 * load a department's file for one catalogued dataset. Exit 0 when loaded (or already loaded:
 * the same file is recognized), 1 when refused (the JSON report is still printed).
 * `safetynet catalog list|show` prints the catalog.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CommandFailed, cliActor, runCommand, withRuntime } from '../output.js';
import { startProgress } from '../progress.js';
import { ingestErrorReport } from '../../modules/ingest/error-report.js';
import type { IngestReport } from '../../modules/ingest/ingest.service.js';

function human(r: IngestReport & { error_report: string | null }): string {
  const head =
    r.status === 'duplicate' ? `文件此前已入库（批次 ${r.duplicate_of}），本次未重复载入 / already loaded as batch ${r.duplicate_of}; nothing loaded again`
    : r.status === 'rejected' ? `文件未入库：${r.errors_total} 处错误，未写入任何数据（批次 ${r.batch_id} 记为拒收）/ refused: ${r.errors_total} errors, nothing written (batch ${r.batch_id} recorded as rejected)`
    : `已入库 / loaded: 批次 batch ${r.batch_id} · ${r.dataset} · ${r.accepted}/${r.rows} 行 rows · 匹配登记库 matched ${r.matched} · 未匹配 unmatched ${r.unmatched}${r.rejected ? ` · 跳过 skipped ${r.rejected}` : ''}${r.supersedes ? ` · 替换批次 supersedes ${r.supersedes}` : ''}`;
  const lines = [head];
  for (const e of r.errors.slice(0, 10)) lines.push(`  第 ${e.row} 行 row ${e.row} [${e.field || '-'}] ${e.value ? `「${e.value}」 ` : ''}${e.reason}`);
  if (r.errors_total > 10) lines.push(`  …共 ${r.errors_total} 处 / ${r.errors_total} in all`);
  if (r.error_report) lines.push(`错误报告 / error report: ${r.error_report}`);
  return lines.join('\n');
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('载入部门数据文件（CSV UTF-8/GBK、XLSX、JSON Lines）/ load a department data file for a catalogued dataset')
    .argument('<dataset>', '数据集编码 / dataset code, e.g. medical_settlement (see `safetynet catalog list`)')
    .argument('<file>', '文件 / file')
    .option('--json', '以 JSON 输出结果 / print the result as one JSON document')
    .option('--skip-invalid', '跳过有错误的行，载入其余行（默认：有任何错误则整个文件不载入）/ load the valid rows and report the rest (default: any error refuses the whole file)')
    .option('--supersede <batch>', '用本文件替换此前的某个批次（更正重报）/ replace an earlier batch with this corrected file')
    .option('--errors <path>', '错误报告路径（默认：<文件>.errors.csv）/ where to write the error report (default: <FILE>.errors.csv)')
    .action(async (dataset: string, file: string, opts: { json?: boolean; skipInvalid?: boolean; supersede?: string; errors?: string }) => {
      await runCommand(opts, () =>
        withRuntime('ingest', async (rt) => {
          const progress = startProgress(`载入 / ingest ${dataset}`, 0, 'rows');
          let report: IngestReport;
          try {
            report = await rt.services.ingest.ingest({ dataset, file, skipInvalid: opts.skipInvalid, supersede: opts.supersede }, cliActor(), (p) =>
              progress.update(p.rows, p.bytes > 0 ? Math.max(p.rows, Math.round((p.rows * p.size) / p.bytes)) : undefined),
            );
          } finally {
            progress.stop();
          }
          let errorReport: string | null = null;
          if (report.errors_total > 0) {
            errorReport = path.resolve(opts.errors ?? `${file}.errors.csv`);
            fs.writeFileSync(errorReport, ingestErrorReport(await rt.services.ingest.errors(report.batch_id, cliActor())));
          }
          const result = { ...report, error_report: errorReport };
          if (report.status === 'rejected') throw new CommandFailed(result, human(result));
          return { result, human: human(result) };
        }),
      );
    });

  const catalog = program.command('catalog').description('数据共享目录 / the data-sharing catalog');
  catalog
    .command('list')
    .description('部门与数据集 / departments and their datasets')
    .option('--json', '输出 JSON / print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('catalog list', async (rt) => {
          const datasets = await rt.services.catalog.datasets();
          const departments = await rt.services.catalog.departments();
          const lines = datasets.map((d) => `${d.code.padEnd(26)} ${d.department_name.zh.padEnd(8)} ${d.zh}（${d.fields.length} 个字段 fields，保留 ${d.retention_days} 天 days，v${d.version}）`);
          return { result: { departments, datasets }, human: lines.join('\n') };
        }),
      );
    });
  catalog
    .command('show')
    .description('一个数据集的字段、用途与保留期 / one dataset: fields, purpose, retention')
    .argument('<dataset>')
    .option('--json', '输出 JSON / print one JSON document')
    .action(async (code: string, opts: { json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('catalog show', async (rt) => {
          const d = await rt.services.catalog.dataset(code);
          const lines = [
            `${d.code} · ${d.zh} / ${d.en} · ${d.department_name.zh} · v${d.version}`,
            `用途 purpose: ${d.purpose}`,
            `依据 legal basis: ${d.legal_basis}`,
            `频率 frequency: ${d.frequency} · 未匹配行保留 retention of unmatched rows: ${d.retention_days} 天 days · 责任单位 responsible: ${d.responsible_unit}`,
            '字段 fields（* 必填 required）:',
            ...d.fields.map((f) => `  ${f.required ? '*' : ' '} ${f.code.padEnd(18)} ${f.zh}${f.aliases?.length ? `（${f.aliases.join('、')}）` : ''} ${f.type}${f.unit ? ` ${f.unit}` : ''}${f.values ? ` [${f.values.map((v) => `${v.code}=${v.zh}`).join(', ')}]` : ''}`),
          ];
          return { result: d, human: lines.join('\n') };
        }),
      );
    });
}
