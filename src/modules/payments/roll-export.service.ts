/**
 * What leaves the platform from an approved roll: the roll as XLSX in the layout a county
 * submits (title, county and month, generation time, one row per line with the change and its
 * reason, totals) and the bank file (代发文件) in the bank's layout. The bank file carries the
 * full account and ID numbers the bank needs, so it is only for an approved roll, needs
 * payment.prepare, and every download is audited; a line without a valid account refuses the
 * whole file, naming each line.
 */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { chinaDate, type Clock } from '../../platform/clock.js';
import type { PiiVault } from '../../platform/crypto/pii-vault.js';
import { AppError } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { requirePermission, type Actor } from '../access/domain/actor.js';
import { CSV_LAYOUT, FIXED_LAYOUT, type BankLayout } from './domain/bank-layout.js';
import { lineReference, renderBankFile } from './domain/bank-file.js';
import { matchReturn, parseBankReturn } from './domain/bank-return.js';
import { programOf, type ProgramCode } from './domain/entitlement.js';
import type { RollLine } from './domain/roll-line.js';
import type { RollService, RollView } from './roll.service.js';

export const BANK_LAYOUTS: Record<string, BankLayout> = { [CSV_LAYOUT.bank]: CSV_LAYOUT, [FIXED_LAYOUT.bank]: FIXED_LAYOUT };

const CHANGE_ZH: Record<string, string> = { new: '新增', stopped: '停发', changed: '变更', unchanged: '不变', back_pay: '补发', recovery: '追回' };
const STATUS_ZH: Record<string, string> = { payable: '发放', held: '暂停', stopped: '停发', recovery: '待追回' };

export class RollExportService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly vault: PiiVault,
    private readonly rolls: RollService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The roll as an XLSX workbook (发放花名册). */
  async xlsx(input: { region: string; month: string }, actor: Actor): Promise<{ fileName: string; stream: Readable }> {
    const roll = await this.rolls.show(input, actor);
    const name = await this.regionName(roll.region);
    await this.audit.record({ actor: actor.label, action: 'payment.roll_export', subject: `roll:${roll.id}`, detail: { region: roll.region, month: roll.month, lines: roll.lines.length } });
    return { fileName: `发放花名册-${roll.region}-${roll.month}.xlsx`, stream: rollWorkbook(roll, name, this.clock.now()) };
  }

  /** The bank file of an approved roll in the named layout. */
  async bankFile(input: { region: string; month: string; layout?: string }, actor: Actor): Promise<{ fileName: string; body: Buffer; count: number; total: number }> {
    requirePermission(actor, 'payment.prepare');
    const layout = this.layout(input.layout);
    const roll = await this.rolls.show(input, actor);
    if (roll.status !== 'approved') {
      throw new AppError('CONFLICT', { zh: `${roll.month} 的发放花名册尚未审核，不能生成银行代发文件`, en: `the ${roll.month} roll is not approved yet: no bank file` }, { requirement: 'approved' });
    }
    const { lines, accounts } = await this.sentLines(roll);
    const file = renderBankFile(layout, lines, (l) => accounts.get(l.entitlement_id) ?? null);
    if (!file.ok) {
      const shown = file.problems.slice(0, 20);
      throw new AppError('VALIDATION', {
        zh: `银行代发文件未生成，${file.problems.length} 条有问题：${shown.map((p) => p.zh).join('；')}${file.problems.length > shown.length ? ' …' : ''}`,
        en: `no bank file: ${file.problems.length} line(s) with problems: ${shown.map((p) => p.en).join('; ')}${file.problems.length > shown.length ? ' …' : ''}`,
      }, { field: 'account_number', problems: file.problems });
    }
    await this.audit.record({ actor: actor.label, action: 'payment.bank_file', subject: `roll:${roll.id}`, detail: { region: roll.region, month: roll.month, layout: layout.bank, records: file.count, total_fen: file.total_fen } });
    // CSV in UTF-8 with a BOM (Excel opens it); fixed-width in GBK, whose bytes its widths count
    const body = layout.payment.format === 'csv' ? Buffer.concat([Buffer.from('\ufeff'), Buffer.from(file.text, 'utf8')]) : iconv.encode(file.text, 'gbk');
    return { fileName: `代发文件-${roll.region}-${roll.month}-${layout.bank}.${layout.payment.format === 'csv' ? 'csv' : 'txt'}`, body, count: file.count, total: file.total_fen / 100 };
  }

  /**
   * Apply the bank's return file (回盘文件) to an approved roll: every row must match a line that
   * was sent, or nothing is applied. A returned line no longer counts as paid, so the next roll
   * pays the month again as back pay once the account is put right.
   */
  async applyReturns(input: { region: string; month: string; layout?: string; text: string }, actor: Actor): Promise<{ rows: number; paid: number; returned: number }> {
    requirePermission(actor, 'payment.prepare');
    const layout = this.layout(input.layout);
    const roll = await this.rolls.show(input, actor);
    if (roll.status !== 'approved') throw new AppError('CONFLICT', { zh: `${roll.month} 的发放花名册尚未审核，没有可回盘的发放`, en: `the ${roll.month} roll is not approved: nothing was sent` }, { requirement: 'approved' });
    const { lines, accounts, ids, returned } = await this.sentLines(roll);
    const parsed = parseBankReturn(layout, input.text);
    const { matched, unmatched } = matchReturn(parsed.rows, lines, (l) => accounts.get(l.entitlement_id) ?? null, layout.amount);
    const again = matched.filter((m) => returned.has(lineReference(m.line)) && m.row.status === 'returned')
      .map((m) => ({ row: m.row.row, value: lineReference(m.line), zh: `第 ${m.row.row} 行：该笔发放已在此前的回盘中退回`, en: `row ${m.row.row}: that payment was already returned by an earlier file` }));
    const problems = [...parsed.problems, ...unmatched, ...again];
    // an empty return is right only for a roll that sent nothing
    if (problems.length || (parsed.rows.length === 0 && lines.length > 0)) {
      const shown = problems.slice(0, 20);
      throw new AppError('VALIDATION', {
        zh: problems.length ? `回盘文件未处理，${problems.length} 行有问题：${shown.map((p) => p.zh).join('；')}` : '回盘文件没有记录',
        en: problems.length ? `return file not applied: ${problems.length} row(s) with problems: ${shown.map((p) => p.en).join('; ')}` : 'the return file has no rows',
      }, { field: 'file', problems });
    }
    await this.db.transaction().execute(async (trx) => {
      for (const m of matched) {
        const id = ids.get(lineReference(m.line))!;
        await trx.updateTable('payment_line').set(m.row.status === 'returned' ? { bank_status: 'returned', returned_reason: m.row.reason || null } : { bank_status: 'paid' }).where('id', '=', id).execute();
      }
      await this.audit.record({ actor: actor.label, action: 'payment.bank_return', subject: `roll:${roll.id}`, detail: { region: roll.region, month: roll.month, rows: matched.length, returned: matched.filter((m) => m.row.status === 'returned').length } }, trx);
    });
    const back = matched.filter((m) => m.row.status === 'returned').length;
    return { rows: matched.length, paid: matched.length - back, returned: back };
  }

  private layout(code?: string): BankLayout {
    const layout = BANK_LAYOUTS[code ?? CSV_LAYOUT.bank];
    if (!layout) {
      throw new AppError('VALIDATION', { zh: `银行文件格式「${code}」无效，可选：${Object.keys(BANK_LAYOUTS).join('、')}`, en: `bank layout "${code}" is not one of ${Object.keys(BANK_LAYOUTS).join(', ')}` }, { field: 'layout', value: code });
    }
    return layout;
  }

  /** The payable lines of a roll as sent to the bank, with the accounts opened in memory. */
  private async sentLines(roll: RollView) {
    const rows = await this.db.selectFrom('payment_line as l').innerJoin('payment_entitlement as e', 'e.id', 'l.entitlement_id').innerJoin('household as h', 'h.id', 'l.household_id')
      .innerJoin('person as p', 'p.id', 'l.payee_person_id')
      .select(['l.id', 'l.entitlement_id', 'l.program', 'l.for_month', 'l.kind', 'l.amount_fen', 'l.bank_status', 'h.code', 'p.name', 'p.id_number_sealed', 'e.account_sealed'])
      .where('l.roll_id', '=', roll.id).where('l.status', '=', 'payable').where('l.amount_fen', '>', '0').orderBy('h.code').orderBy('l.id').execute();
    const accounts = new Map<string, string | null>();
    const ids = new Map<string, string>();
    const returned = new Set<string>();
    const lines: RollLine[] = rows.map((r) => {
      accounts.set(r.entitlement_id, r.account_sealed ? this.vault.open(r.account_sealed) : null);
      const line: RollLine = {
        entitlement_id: r.entitlement_id, household_code: r.code, payee: { id_number: this.vault.open(r.id_number_sealed), name: r.name }, program: r.program as ProgramCode,
        roll_month: roll.month, for_month: r.for_month, kind: r.kind, status: 'payable', amount_fen: Number(r.amount_fen), due_fen: null, reason: null, basis: null,
      };
      ids.set(lineReference(line), r.id);
      if (r.bank_status === 'returned') returned.add(lineReference(line));
      return line;
    });
    return { lines, accounts, ids, returned };
  }

  private async regionName(code: string): Promise<string> {
    const r = await this.db.selectFrom('region').select('name').where('code', '=', code).executeTakeFirst();
    return r?.name ?? code;
  }
}

/** The roll's workbook: title, county and month, generation time, header, lines, totals. */
function rollWorkbook(roll: RollView, regionName: string, now: Date): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  (async () => {
    const ws = wb.addWorksheet('发放花名册');
    ws.columns = [8, 20, 12, 22, 18, 12, 14, 14, 10, 10, 60].map((width) => ({ width }));
    const title = ws.addRow([`${regionName}（${roll.region}）${roll.month} 社会救助资金发放花名册`]);
    title.font = { bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, 11);
    title.commit();
    ws.addRow([`发放月份：${roll.month}`, '', `状态：${roll.status === 'approved' ? '已审核' : '待审核'}`, '', `编制：${roll.prepared_by}`, '', `审核：${roll.approved_by ?? '—'}`, '', `生成时间：${chinaTime(now)}`]).commit();
    const header = ws.addRow(['序号', '户编号', '领款人', '身份证号', '救助项目', '所属月份', '金额（元）', '上月金额（元）', '变动', '状态', '说明']);
    header.font = { bold: true };
    header.commit();
    roll.lines.forEach((l, i) => {
      ws.addRow([i + 1, l.household_code, l.payee.name, l.payee.id_number_masked, programOf(l.program as ProgramCode)?.zh ?? l.program, l.for_month, l.amount, l.previous_amount ?? '', CHANGE_ZH[l.change] ?? l.change, STATUS_ZH[l.status] ?? l.status, l.reason]).commit();
    });
    const t = roll.totals;
    const total = ws.addRow(['合计', '', `发放 ${t.payable_lines} 条`, `暂停 ${t.held_lines} 条`, `本月 ${(t.regular_fen / 100).toFixed(2)}`, '', roll.total, '', `补发 ${(t.back_pay_fen / 100).toFixed(2)}`, '', `待追回 ${(t.recovery_fen / 100).toFixed(2)} 元（不从发放中抵扣）`]);
    total.font = { bold: true };
    total.commit();
    ws.addRow(['单位：元；身份证号已脱敏。']).commit();
    ws.commit();
    await wb.commit();
  })().catch((err) => out.destroy(err as Error));
  return out;
}

/** YYYY-MM-DD HH:mm in China time. */
function chinaTime(d: Date): string {
  return `${chinaDate(d)} ${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16)}`;
}
