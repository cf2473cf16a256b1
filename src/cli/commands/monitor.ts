/**
 * `safetynet monitor run [--on DATE] [--json]`: a full monitoring run as of DATE (default today);
 * prints `{"run_id", "alerts_created", "by_indicator", "seconds"}` with a progress bar on stderr.
 * `safetynet monitor indicators [--json]`: the indicators with version, level and status.
 * `safetynet alerts list [--status S] [--indicator I] [--region R] [--level L] [--limit N] --json`:
 * alerts as the API lists them (names and masked ID numbers; reads are audited).
 */
import type { Command } from 'commander';
import { cliActor, runCommand, withRuntime } from '../output.js';
import { startProgress } from '../progress.js';

export function registerMonitor(program: Command): void {
  const monitor = program.command('monitor').description('动态监测预警 / dynamic monitoring and early warning');
  monitor
    .command('run')
    .description('按日期运行全部预警指标（默认今天）/ run every active indicator as of a date (default today)')
    .option('--on <date>', '监测日期 YYYY-MM-DD / the run date')
    .option('--json', '输出 JSON / print one JSON document')
    .action(async (opts: { on?: string; json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('monitor run', async (rt) => {
          const progress = startProgress('监测 monitoring', 0, 'steps');
          let r;
          try {
            r = await rt.services.monitorRuns.run(cliActor(), { on: opts.on, onProgress: (done, total) => progress.update(done, total) });
          } finally {
            progress.stop();
          }
          const result = { run_id: r.run_id, as_of: r.as_of, alerts_created: r.alerts_created, by_indicator: r.by_indicator, subjects: r.subjects, seconds: r.seconds };
          const lines = [`监测运行 run #${r.run_id} · ${r.as_of} · 覆盖 ${r.subjects} 人 subjects · 新预警 ${r.alerts_created} new alerts · ${r.seconds} s`];
          for (const [code, n] of Object.entries(r.by_indicator)) lines.push(`  ${code.padEnd(28)} ${String(n).padStart(8)}`);
          return { result, human: lines.join('\n') };
        }),
      );
    });
  monitor
    .command('indicators')
    .description('预警指标列表 / the warning indicators')
    .option('--json', '输出 JSON / print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('monitor indicators', async (rt) => {
          const list = await rt.services.indicators.list();
          const lines = list.map((i) => `${i.active ? '●' : '○'} ${i.code.padEnd(28)} v${i.version} ${i.definition.level.padEnd(6)} ${i.definition.zh} / ${i.definition.en}`);
          return { result: { indicators: list }, human: lines.join('\n') };
        }),
      );
    });

  program
    .command('alerts')
    .description('预警 / warnings')
    .command('list')
    .description('列出预警（按级别、期限排序）/ list alerts (by level, then deadline)')
    .option('--status <status>', 'open | verifying | closed')
    .option('--indicator <code>', '指标代码 / indicator code')
    .option('--region <code>', '区划代码 / region code')
    .option('--level <level>', 'red | orange | yellow | blue')
    .option('--limit <n>', '最多多少条（默认 50，最多 500）/ at most this many (default 50, max 500)', (v) => parseInt(v, 10))
    .option('--offset <n>', '跳过多少条 / skip this many', (v) => parseInt(v, 10))
    .option('--json', '输出 JSON / print one JSON document')
    .action(async (opts: { status?: string; indicator?: string; region?: string; level?: string; limit?: number; offset?: number; json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('alerts list', async (rt) => {
          const r = await rt.services.alerts.list({ status: opts.status, indicator: opts.indicator, region: opts.region, level: opts.level, limit: opts.limit, offset: opts.offset }, cliActor());
          const alerts = r.alerts.map((a) => ({
            id: a.id, indicator: a.indicator, level: a.level, status: a.status, household_code: a.household_code, person: a.person,
            id_masked: a.id_masked, region_code: a.region_code, deadline: a.deadline, evidence: a.evidence, created_at: a.created_at,
            indicator_version: a.indicator_version, as_of: a.as_of, action: a.action,
          }));
          const lines = [`共 ${r.total} 条 total · 显示 ${alerts.length} shown`];
          for (const a of r.alerts) {
            const who = a.person ? `${a.person.name} ${a.person.id_number_masked}` : `未在库 not registered ${a.id_masked ?? ''}`;
            lines.push(`#${a.id} [${a.level}] ${a.indicator_zh} · ${who} · 户 ${a.household_code ?? '—'} · ${a.region_name ?? a.region_code ?? '—'} · 期限 ${a.deadline}${a.overdue ? ' 已逾期 overdue' : ''} · ${a.status}`);
          }
          return { result: { alerts, total: r.total }, human: lines.join('\n') };
        }),
      );
    });
}
