/**
 * `safetynet import registry FILE [--json] [--skip-invalid] [--errors PATH]`: load the
 * low-income population registry from a CSV (UTF-8 or GBK) or XLSX file, one row per person.
 * All-or-nothing unless --skip-invalid; the row-level error report goes to PATH (default
 * FILE.errors.csv). Exit status 1 when the file is refused or cannot be read.
 *
 * `safetynet import entitlements FILE [--json]`: the entitlements of recipients migrated from an
 * earlier system (docs/formats/entitlements.md), all-or-nothing; a refused file's errors also go
 * to FILE.errors.csv.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CommandFailed, cliActor, runCommand, withRuntime } from '../output.js';
import { startProgress } from '../progress.js';
import { AppError } from '../../platform/errors.js';
import type { Database } from '../../platform/db/database.js';
import type { PiiVault } from '../../platform/crypto/pii-vault.js';
import { openRegistryFile, sha256File } from '../../modules/registry/import/file-source.js';
import { importRegistry, type ImportReport } from '../../modules/registry/import/registry-import.js';
import { ErrorReportWriter, errorReportText } from '../../modules/registry/import/error-report.js';
import { isRefused, type EntitlementImportResult, type EntitlementImportRefused } from '../../modules/payments/entitlement-import.js';
import { PROGRAMS } from '../../modules/payments/domain/entitlement.js';

interface ImportCliOptions {
  json?: boolean;
  skipInvalid?: boolean;
  errors?: string;
}

export interface RegistryImportResult extends ImportReport {
  file: string;
  format: 'csv' | 'xlsx' | 'jsonl';
  encoding: 'utf-8' | 'gbk' | null;
  /** Absolute path of the error report, or null when there were no errors. */
  error_file: string | null;
}

export function registerImport(program: Command): void {
  const imp = program.command('import').description('导入数据 / import data files');
  imp
    .command('registry')
    .description('导入低收入人口名册（每行一人；CSV UTF-8/GBK 或 XLSX）/ import the low-income registry (one row per person; CSV UTF-8/GBK or XLSX)')
    .argument('<file>', '名册文件 / the registry file (.csv or .xlsx)')
    .option('--json', '以 JSON 输出结果 / print the result as one JSON document')
    .option('--skip-invalid', '跳过有错误的行，导入其余行（默认：有任何错误则整个文件不导入）/ write the valid rows and skip the invalid ones (default: any error refuses the whole file)')
    .option('--errors <path>', '错误报告路径（默认：<文件>.errors.csv）/ where to write the error report (default: <FILE>.errors.csv)')
    .addHelpText('after', '\n文件格式见 docs/formats/registry-import.md；模板：safetynet template registry / file format: docs/formats/registry-import.md; template: safetynet template registry')
    .action((file: string, opts: ImportCliOptions) =>
      runCommand(opts, () =>
        withRuntime('import registry', async (rt) => {
          const result = await runRegistryImport(rt.database, file, {
            actor: cliActor().label,
            vault: rt.vault,
            today: rt.clock.today(),
            skipInvalid: !!opts.skipInvalid,
            errorFile: opts.errors,
            progress: true,
          });
          const human = describeResult(result);
          if (result.status === 'refused') throw new CommandFailed(result, human);
          return { result, human };
        }),
      ),
    );
  imp
    .command('entitlements')
    .description('导入从原系统迁移的救助对象待遇（CSV UTF-8/GBK 或 XLSX；有任何错误则整个文件不导入）/ import the entitlements of recipients migrated from an earlier system (CSV UTF-8/GBK or XLSX; any error refuses the whole file)')
    .argument('<file>', '待遇文件 / the entitlements file (.csv or .xlsx)')
    .option('--json', '以 JSON 输出结果 / print the result as one JSON document')
    .addHelpText('after', '\n列：household_code, id_number, program, monthly_amount, start_month[, account_number]；格式见 docs/formats/entitlements.md / columns as listed; file format: docs/formats/entitlements.md')
    .action((file: string, opts: { json?: boolean }) =>
      runCommand(opts, () =>
        withRuntime('import entitlements', async (rt) => {
          const result = await rt.services.entitlementImport.importFile(file, cliActor());
          if (!isRefused(result)) return { result, human: describeEntitlements(result) };
          const refused = { ...result, error_file: writeEntitlementErrors(file, result) };
          throw new CommandFailed(refused, describeEntitlements(refused));
        }),
      ),
    );
}

/** The refused file's errors as the registry's error report (FILE.errors.csv); null when it cannot be written. */
function writeEntitlementErrors(file: string, r: EntitlementImportRefused): string | null {
  const target = path.resolve(`${file}.errors.csv`);
  try {
    fs.writeFileSync(target, errorReportText(r.errors.map((e) => ({ row: e.row, column: e.field, value: e.value, reason: `${e.zh} / ${e.en}` }))));
    return target;
  } catch {
    return null;
  }
}

export function describeEntitlements(r: EntitlementImportResult & { error_file?: string | null }): string {
  if (!isRefused(r)) {
    const programs = PROGRAMS.filter((p) => r.by_program[p.code] > 0).map((p) => `${p.zh} ${p.code}: ${r.by_program[p.code]}`);
    return [
      `导入完成：新建待遇 ${r.created} 条 / import committed: ${r.created} entitlements created`,
      `  文件 file: ${r.file} · 行 rows: ${r.rows}`,
      ...(programs.length ? [`  ${programs.join(' · ')}`] : []),
    ].join('\n');
  }
  const lines = [
    `文件未导入：有 ${r.error_count} 处错误，未写入任何待遇 / file refused: ${r.error_count} errors, nothing was written`,
    `  文件 file: ${r.file} · 行 rows: ${r.rows}`,
  ];
  for (const e of r.errors.slice(0, 20)) lines.push(`  第 ${e.row} 行 row ${e.row} [${e.field || '-'}] ${e.value ? `「${e.value}」 ` : ''}${e.zh} / ${e.en}`);
  if (r.error_count > 20) lines.push(`  … 另有 ${r.error_count - 20} 处 / ${r.error_count - 20} more`);
  if (r.error_file) lines.push(`  错误报告 / error report: ${r.error_file}`);
  lines.push('  修正后重新导入整个文件 / fix the file and import it again');
  return lines.join('\n');
}

export interface RunImportOptions {
  actor: string;
  vault: PiiVault;
  today: string;
  skipInvalid: boolean;
  /** Default: FILE.errors.csv next to the input. */
  errorFile?: string;
  progress?: boolean;
}

/** File → import → error report: what the command does, also used by the benchmark. */
export async function runRegistryImport(database: Database, file: string, opts: RunImportOptions): Promise<RegistryImportResult> {
  const errorPath = path.resolve(opts.errorFile ?? `${file}.errors.csv`);
  checkWritableDir(errorPath);
  const source = await openRegistryFile(file);
  const fileSha256 = await sha256File(file);
  const writer = new ErrorReportWriter(errorPath);
  const progress = opts.progress ? startProgress('导入 / import', 0, 'rows') : undefined;
  const started = Date.now();
  let report: ImportReport;
  try {
    report = await importRegistry(database, source.records, {
      actor: opts.actor,
      vault: opts.vault,
      skipInvalid: opts.skipInvalid,
      fileName: path.basename(file),
      fileSha256,
      today: opts.today,
      headers: source.headers,
      firstRow: source.firstRow,
      onProgress: (rows) => {
        const read = source.bytesRead();
        progress?.update(rows, read > 0 ? Math.max(rows, Math.round((rows * source.size) / read)) : undefined);
      },
      onPhase: (phase) => {
        if (!progress) return;
        progress.stop();
        if (Date.now() - started < 1000) return; // quick imports stay silent
        process.stderr.write(
          phase === 'checks'
            ? '正在与登记库核对… / checking against the registry…\n'
            : '正在写入登记库（一个事务）… / writing the registry (one transaction)…\n',
        );
      },
      onError: (e) => writer.write(e),
    });
  } finally {
    progress?.stop();
    await writer.close();
  }
  return {
    ...report,
    file: path.resolve(file),
    format: source.format,
    encoding: source.encoding,
    error_file: writer.written ? errorPath : null,
  };
}

function checkWritableDir(file: string): void {
  try {
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
  } catch {
    throw new AppError('VALIDATION', {
      zh: `无法写入错误报告：目录 ${path.dirname(file)} 不存在或不可写`,
      en: `cannot write the error report: ${path.dirname(file)} does not exist or is not writable`,
    });
  }
}

export function describeResult(r: RegistryImportResult): string {
  const lines = [
    r.status === 'committed'
      ? `导入完成 / import committed — 批次 batch ${r.batch_id}`
      : `文件未导入：有 ${r.error_count} 处错误，登记库未作任何改动 / file refused: ${r.error_count} errors, nothing was written (batch ${r.batch_id})`,
    `  行 rows: ${r.rows_total} · 写入 accepted ${r.accepted} · 未变 unchanged ${r.unchanged} · 拒绝 rejected ${r.rejected}`,
  ];
  if (r.status === 'committed') {
    lines.push(
      `  户 households: 新建 created ${r.households_created} · 更新 updated ${r.households_updated}`,
      `  人员 persons: 新建 created ${r.persons_created} · 更新 updated ${r.persons_updated} · 类别 memberships: 新建 created ${r.memberships_created}`,
    );
  }
  for (const e of r.errors.slice(0, 10)) lines.push(`  第 ${e.row} 行 row ${e.row} [${e.column || '-'}] ${e.value ? `「${e.value}」 ` : ''}${e.reason}`);
  if (r.error_count > 10) lines.push(`  … 另有 ${r.error_count - 10} 处 / ${r.error_count - 10} more`);
  if (r.error_file) lines.push(`  错误报告 / error report: ${r.error_file}`);
  if (r.status === 'refused' && r.rows_total > 0) lines.push('  修正后重新导入，或使用 --skip-invalid 只导入正确的行 / fix and re-import, or use --skip-invalid to write the valid rows only');
  return lines.join('\n');
}
