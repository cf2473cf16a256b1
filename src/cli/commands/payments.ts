/**
 * `safetynet payments roll|show|approve`: the county's monthly roll from a shell (docs/payments.md).
 * The CLI acts with full scope, audited as cli:<OS user>; the same user cannot approve a roll it
 * prepared (maker-checker), from here or from the web.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { Command } from 'commander';
import { cliActor, runCommand, withRuntime } from '../output.js';
import type { RollView } from '../../modules/payments/roll.service.js';

const yuan = (v: number) => `¥${v.toFixed(2)}`;
const STATUS_ZH: Record<string, string> = { draft: '待审核 draft', approved: '已审核 approved' };

function human(r: RollView): string {
  const c = r.totals.counts;
  const head = `${r.region} ${r.month} 发放花名册 roll · ${STATUS_ZH[r.status] ?? r.status} · 编制 prepared by ${r.prepared_by}${r.approved_by ? ` · 审核 approved by ${r.approved_by}` : ''}`;
  const sums = `合计 total ${yuan(r.total)}（本月 regular ${yuan(r.totals.regular_fen / 100)} + 补发 back pay ${yuan(r.totals.back_pay_fen / 100)}；待追回 recovery ${yuan(r.totals.recovery_fen / 100)}）· 发放 ${r.totals.payable_lines} 条 payable · 暂停 ${r.totals.held_lines} held`;
  const changes = `新增 new ${c.new} · 停发 stopped ${c.stopped} · 变更 changed ${c.changed} · 补发 back pay ${c.back_pay} · 追回 recovery ${c.recovery} · 不变 unchanged ${c.unchanged}`;
  const notable = r.lines.filter((l) => l.change !== 'unchanged').map((l) =>
    `  ${l.household_code} ${l.payee.name} ${l.payee.id_number_masked} ${l.program}${l.kind === 'adjustment' ? ` (${l.for_month})` : ''} ${l.change} ${yuan(l.amount)} · ${l.reason}`);
  return [head, sums, changes, ...notable].join('\n');
}

export function registerPayments(program: Command): void {
  const payments = program.command('payments').description('救助金发放 / allowance payments');
  payments.command('roll').description('编制（或重新编制）县级月度发放花名册 / prepare a county\'s monthly roll')
    .requiredOption('--month <YYYY-MM>', '发放月份 / the month').requiredOption('--region <code>', '县级区划代码 / the county (6 digits)').option('--json', '输出 JSON / print one JSON document')
    .action(async (o: { month: string; region: string; json?: boolean }) => {
      await runCommand(o, () => withRuntime('payments roll', async (rt) => {
        const r = await rt.services.rolls.prepare({ month: o.month, region: o.region }, cliActor());
        return { result: r, human: human(r) };
      }));
    });
  payments.command('show').description('查看发放花名册 / show a roll')
    .requiredOption('--month <YYYY-MM>').requiredOption('--region <code>').option('--json', '输出 JSON / print one JSON document')
    .action(async (o: { month: string; region: string; json?: boolean }) => {
      await runCommand(o, () => withRuntime('payments show', async (rt) => {
        const r = await rt.services.rolls.show({ month: o.month, region: o.region }, cliActor());
        return { result: r, human: human(r) };
      }));
    });
  payments.command('approve').description('审核发放花名册（编制人不能审核）/ approve a roll (not by its preparer)')
    .requiredOption('--month <YYYY-MM>').requiredOption('--region <code>').option('--json', '输出 JSON / print one JSON document')
    .action(async (o: { month: string; region: string; json?: boolean }) => {
      await runCommand(o, () => withRuntime('payments approve', async (rt) => {
        const r = await rt.services.rolls.approve({ month: o.month, region: o.region }, cliActor());
        return { result: r, human: human(r) };
      }));
    });
  payments.command('returns <file>').description('处理银行回盘文件（全部匹配才处理）/ apply the bank\'s return file (all rows must match)')
    .requiredOption('--month <YYYY-MM>').requiredOption('--region <code>').option('--layout <code>', '银行文件格式 / bank layout (generic_csv, generic_fixed)').option('--json', '输出 JSON / print one JSON document')
    .action(async (file: string, o: { month: string; region: string; layout?: string; json?: boolean }) => {
      await runCommand(o, () => withRuntime('payments returns', async (rt) => {
        const bytes = readFileSync(file);
        // the fixed-width layout is GBK; CSV may be either (UTF-8 if it decodes cleanly)
        const utf8 = bytes.toString('utf8');
        const text = o.layout === 'generic_fixed' || utf8.includes('\ufffd') ? iconv.decode(bytes, 'gb18030') : utf8;
        const r = await rt.services.rollExports.applyReturns({ month: o.month, region: o.region, layout: o.layout, text }, cliActor());
        return { result: r, human: `回盘 ${r.rows} 行 rows：成功 ${r.paid} paid · 退回 ${r.returned} returned（下月花名册补发 paid again as back pay next month）` };
      }));
    });
}
