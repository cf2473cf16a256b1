/**
 * Tables of payments (migration 20261204_0012_payments.sql), part of the Kysely DB type in
 * schema.ts and checked against the database by test/schema.test.ts.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | undefined, string>;
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>;
/** bigint columns come back as strings; written as numbers */
type Fen = ColumnType<string, number | string, number | string>;
type NullableFen = ColumnType<string | null, number | string | null | undefined, number | string | null>;

export interface PaymentEntitlementTable {
  id: Generated<string>;
  program: 'dibao_allowance' | 'tekun_support' | 'tekun_care' | 'temporary' | 'heating';
  household_id: string;
  payee_person_id: string;
  rule: Json;
  start_month: string;
  end_month: string | null;
  status: Generated<'active' | 'suspended' | 'ended'>;
  account_sealed: string | null;
  account_masked: string | null;
  case_id: string | null;
  decision_id: string | null;
  source: string;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PaymentRollTable {
  id: Generated<string>;
  region_code: string;
  month: string;
  status: Generated<'draft' | 'approved'>;
  totals: Json;
  parameters: Json;
  prepared_by: string;
  prepared_at: Timestamp;
  approved_by: string | null;
  approved_at: NullableTimestamp;
}

export interface PaymentLineTable {
  id: Generated<string>;
  roll_id: string;
  entitlement_id: string;
  household_id: string;
  payee_person_id: string;
  program: string;
  for_month: string;
  kind: 'regular' | 'adjustment';
  status: 'payable' | 'held' | 'stopped' | 'recovery';
  change: 'new' | 'stopped' | 'changed' | 'unchanged' | 'back_pay' | 'recovery';
  amount_fen: Fen;
  due_fen: NullableFen;
  previous_amount_fen: NullableFen;
  reason: NullableJson;
  change_reason: Json;
  basis: NullableJson;
  bank_status: Generated<'pending' | 'paid' | 'returned'>;
  returned_reason: string | null;
}

export interface PaymentTables {
  payment_entitlement: PaymentEntitlementTable;
  payment_roll: PaymentRollTable;
  payment_line: PaymentLineTable;
}
