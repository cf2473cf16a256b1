/**
 * `safetynet jobs list [--pending] [--limit N] [--json]`: the job outbox (kind, created, started,
 * finished, error; payloads are not shown).
 * `safetynet jobs run [--json]`: run the pending jobs that have a handler, once, then exit
 * (exit 1 when one failed; its error is stored on the job). Jobs of kinds without a handler wait.
 * `safetynet retention run [--json]`: delete expired rows about people not in the registry now,
 * and print the counts per dataset.
 */
import type { Command } from 'commander';
import { CommandFailed, cliActor, runCommand, withRuntime } from '../output.js';
import { defaultJobHandlers } from '../../platform/jobs/handlers.js';
import { listJobs, runPendingJobs } from '../../platform/jobs/outbox.js';
import { runRetention } from '../../platform/jobs/worker.js';

const STATUS_ZH = { pending: '待运行', running: '运行中', done: '完成', failed: '失败' } as const;

export function registerJobs(program: Command): void {
  const jobs = program.command('jobs').description('后台任务（任务队列）/ background jobs (the job outbox)');
  jobs
    .command('list')
    .description('任务及其状态 / jobs with kind, created, started, finished and error')
    .option('--pending', '只列出未完成的任务 / only unfinished jobs')
    .option('--limit <n>', '最多列出多少条（默认 100）/ at most this many (default 100)', (v) => parseInt(v, 10))
    .option('--json', '输出 JSON / print one JSON document')
    .action(async (opts: { json?: boolean; pending?: boolean; limit?: number }) => {
      await runCommand(opts, () =>
        withRuntime('jobs list', async (rt) => {
          const list = await listJobs(rt.database.db, defaultJobHandlers(), { pending: opts.pending, limit: Number.isFinite(opts.limit) ? opts.limit : undefined });
          const lines = [`未完成 pending ${list.pending} · 失败 failed ${list.failed}`];
          for (const j of list.items) {
            lines.push(
              `#${j.id} ${j.kind} ${STATUS_ZH[j.status]} ${j.status}${j.status === 'pending' && !j.handled ? '（尚无处理程序 / no handler yet）' : ''}` +
                ` · 创建 created ${j.created_at}${j.started_at ? ` · 开始 started ${j.started_at}` : ''}${j.finished_at ? ` · 结束 finished ${j.finished_at}` : ''}` +
                (j.error ? `\n    ${j.error}` : ''),
            );
          }
          return { result: list, human: lines.join('\n') };
        }),
      );
    });
  jobs
    .command('run')
    .description('运行一次所有可处理的待运行任务，然后退出 / run the pending jobs that have a handler once, then exit')
    .option('--json', '输出 JSON / print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('jobs run', async (rt) => {
          const handlers = defaultJobHandlers();
          const ran = await runPendingJobs(rt, handlers);
          const left = await listJobs(rt.database.db, handlers, { pending: true, limit: 1 });
          const failed = ran.filter((j) => j.status === 'failed').length;
          const result = { ran: ran.length, done: ran.length - failed, failed, pending: left.pending, jobs: ran };
          const lines = [`已运行 ran ${ran.length} · 完成 done ${ran.length - failed} · 失败 failed ${failed} · 仍待运行 still pending ${left.pending}`];
          for (const j of ran) lines.push(`#${j.id} ${j.kind} ${j.status} (${j.ms} ms)${j.error ? ` ${j.error}` : ''}`);
          if (failed > 0) throw new CommandFailed(result, lines.join('\n'));
          return { result, human: lines.join('\n') };
        }),
      );
    });

  program
    .command('retention')
    .description('数据保留期 / retention of department data')
    .command('run')
    .description('立即删除已过保留期、且不在登记库中人员的部门数据行 / delete expired rows about people not in the registry now')
    .option('--json', '输出 JSON / print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      await runCommand(opts, () =>
        withRuntime('retention run', async (rt) => {
          const r = await runRetention(rt, cliActor().label);
          const lines = [`已删除 deleted ${r.deleted} 行 rows（${r.at}）`];
          for (const d of r.datasets) lines.push(`  ${d.dataset.padEnd(26)} ${String(d.deleted).padStart(8)}  保留 retention ${d.retention_days} 天 days, 早于 before ${d.cutoff}`);
          return { result: r, human: lines.join('\n') };
        }),
      );
    });
}
