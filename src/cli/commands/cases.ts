/**
 * `safetynet cases list|show|open|act|escalate` and `safetynet followup run`: the case workflow
 * from a shell (docs/cases.md). The CLI acts with full scope, audited as cli:<OS user>.
 */
import type { Command } from 'commander';
import { AppError } from '../../platform/errors.js';
import { cliActor, runCommand, withRuntime } from '../output.js';
import type { CaseSummary } from '../../modules/cases/case-view.js';

const line = (c: CaseSummary) =>
  `#${c.id} ${c.state_zh} ${c.state} · ${c.household_code ?? `未在库 ${c.subject?.id_number_masked ?? ''}`} · ${c.head?.name ?? c.subject?.name ?? ''} · ${c.region_name ?? c.region_code} · 期限 due ${c.deadlines.step.due ?? '—'}${c.deadlines.step.overdue ? ' 已逾期 overdue' : ''}${c.escalated_to ? ` 督办 ${c.escalated_to.name ?? c.escalated_to.code}` : ''}`;

function parseData(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError('VALIDATION', { zh: '--data 应为 JSON', en: '--data must be JSON' }, { field: 'data' });
  }
}

export function registerCases(program: Command): void {
  const cases = program.command('cases').description('救助案件 / assistance cases');
  cases.command('list').description('列出案件 / list cases')
    .option('--state <states>', '状态（逗号分隔）/ states, comma-separated').option('--region <code>', '区划 / region')
    .option('--household <code>', '户编号 / household code').option('--overdue', '只看逾期 / overdue only').option('--escalated', '只看督办 / escalated only')
    .option('--limit <n>', '最多多少条 / at most', (v) => parseInt(v, 10)).option('--json', '输出 JSON / print one JSON document')
    .action(async (o: { state?: string; region?: string; household?: string; overdue?: boolean; escalated?: boolean; limit?: number; json?: boolean }) => {
      await runCommand(o, () => withRuntime('cases list', async (rt) => {
        const r = await rt.services.cases.list({ state: o.state, region: o.region, household: o.household, overdue: o.overdue, escalated: o.escalated, limit: o.limit }, cliActor());
        return { result: r, human: [`共 ${r.total} 件 total`, ...r.cases.map(line)].join('\n') };
      }));
    });
  cases.command('show <id>').description('案件详情 / a case').option('--json', '输出 JSON / print one JSON document')
    .action(async (id: string, o: { json?: boolean }) => {
      await runCommand(o, () => withRuntime('cases show', async (rt) => {
        const c = await rt.services.cases.get(id, cliActor());
        const history = c.history.map((h) => `  ${h.at} ${h.actor} ${h.action} ${h.from ?? ''} → ${h.to}${h.note ? ` · ${h.note}` : ''}`);
        return { result: c, human: [line(c), ...history, `  可办 next: ${c.actions.map((a) => a.action).join(', ') || '—'}`].join('\n') };
      }));
    });
  cases.command('open').description('立案 / open a case from a discovery')
    .option('--alert <id>').option('--application <id>').option('--report <id>').option('--review-task <id>').option('--json', '输出 JSON / print one JSON document')
    .action(async (o: { alert?: string; application?: string; report?: string; reviewTask?: string; json?: boolean }) => {
      await runCommand(o, () => withRuntime('cases open', async (rt) => {
        const r = await rt.services.cases.open({ alert_id: o.alert, application_id: o.application, report_id: o.report, review_task_id: o.reviewTask }, cliActor());
        return { result: { ...r.case, attached: r.attached }, human: `${r.attached ? '并入在办案件 joined' : '已立案 opened'} ${line(r.case)}` };
      }));
    });
  cases.command('act <id> <action>').description('办理一步 / take a step (docs/cases.md)')
    .option('--note <text>', '说明或理由 / the note or reason').option('--data <json>', '该步骤的数据 / the step\'s data as JSON').option('--json', '输出 JSON / print one JSON document')
    .action(async (id: string, action: string, o: { note?: string; data?: string; json?: boolean }) => {
      await runCommand(o, () => withRuntime('cases act', async (rt) => {
        const c = await rt.services.cases.act(id, { action, note: o.note, data: parseData(o.data) }, cliActor());
        return { result: c, human: line(c) };
      }));
    });
  cases.command('escalate').description('超期案件逐级升级督办 / escalate overdue steps').option('--on <date>', '日期 / as of').option('--json', '输出 JSON / print one JSON document')
    .action(async (o: { on?: string; json?: boolean }) => {
      await runCommand(o, () => withRuntime('cases escalate', async (rt) => {
        const r = await rt.services.followUp.escalate(o.on, cliActor().label);
        return { result: r, human: `${r.on}: 逾期 ${r.overdue} overdue · 新升级 ${r.escalated} escalated` };
      }));
    });
  program.command('followup').description('跟踪回访 / follow-up').command('run').description('生成定期复核与到期复核任务 / schedule review tasks')
    .option('--on <date>', '日期 / as of').option('--json', '输出 JSON / print one JSON document')
    .action(async (o: { on?: string; json?: boolean }) => {
      await runCommand(o, () => withRuntime('followup run', async (rt) => {
        const r = await rt.services.followUp.schedule(o.on, cliActor().label);
        return { result: r, human: `${r.on}: 定期复核 ${r.created.periodic_review} periodic · 到期复核 ${r.created.expiry} expiry` };
      }));
    });
}
