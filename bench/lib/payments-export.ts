/**
 * The export half of the payments benchmark: a county roll's bank file (代发文件) in the generic
 * CSV layout, from its payable lines, with the payees' ID numbers and the accounts opened from the
 * vault. The roll's XLSX export is being written elsewhere and is not part of this benchmark.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import type { PiiVault } from '../../src/platform/crypto/pii-vault.js';
import { renderBankFile } from '../../src/modules/payments/domain/bank-file.js';
import { CSV_LAYOUT } from '../../src/modules/payments/domain/bank-layout.js';
import type { ProgramCode } from '../../src/modules/payments/domain/entitlement.js';
import type { RollLine } from '../../src/modules/payments/domain/roll-line.js';

export interface BankFileResult {
  records: number;
  total_fen: number;
  bytes: number;
}

export async function exportBankFile(db: Kysely<DB>, vault: PiiVault, rollId: string): Promise<BankFileResult> {
  const rows = await db.selectFrom('payment_line as l').innerJoin('payment_entitlement as e', 'e.id', 'l.entitlement_id').innerJoin('household as h', 'h.id', 'l.household_id')
    .innerJoin('person as p', 'p.id', 'l.payee_person_id')
    .select(['l.entitlement_id', 'l.program', 'l.for_month', 'l.kind', 'l.status', 'l.amount_fen', 'h.code', 'p.name', 'p.id_number_sealed', 'e.account_sealed'])
    .where('l.roll_id', '=', rollId).where('l.status', '=', 'payable').where('l.amount_fen', '>', 0 as never)
    .orderBy('h.code').orderBy('l.program').orderBy('l.kind', 'desc').orderBy('l.for_month').orderBy('l.id').execute();
  const accounts = new Map<string, string | null>();
  const lines: RollLine[] = rows.map((r) => {
    if (!accounts.has(r.entitlement_id)) accounts.set(r.entitlement_id, r.account_sealed ? vault.open(r.account_sealed) : null);
    return {
      entitlement_id: r.entitlement_id, household_code: r.code, payee: { id_number: vault.open(r.id_number_sealed), name: r.name }, program: r.program as ProgramCode,
      roll_month: r.for_month, for_month: r.for_month, kind: r.kind, status: r.status, amount_fen: Number(r.amount_fen), due_fen: null, reason: null, basis: null,
    };
  });
  const file = renderBankFile(CSV_LAYOUT, lines, (l) => accounts.get(l.entitlement_id) ?? null);
  if (!file.ok) throw new Error(`bank file failed: ${file.problems.length} problems, e.g. ${file.problems[0].en}`);
  return { records: file.count, total_fen: file.total_fen, bytes: Buffer.byteLength(file.text) };
}
