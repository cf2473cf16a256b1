/**
 * The Kysely database type, kept beside the migrations in /migrations.
 * test/schema.test.ts compares it with the migrated database's columns so the two cannot drift.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** numeric comes back from pg as a string to keep exact cents. */
type Numeric = ColumnType<string, number | string | undefined, number | string>;
/** date columns are read as 'YYYY-MM-DD' strings (type parser set in database.ts). */
type DateOnly = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface RegionTable {
  code: string;
  code12: string;
  name: string;
  parent_code: string | null;
  level: 'province' | 'prefecture' | 'county' | 'township' | 'village';
  kind: string | null;
  in_gbt2260: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface HouseholdTable {
  id: Generated<string>;
  code: string;
  region_code: string;
  hukou_type: 'urban' | 'rural';
  address: string | null;
  hukou_booklet_no: string | null;
  status: ColumnType<'active' | 'merged' | 'dissolved', 'active' | 'merged' | 'dissolved' | undefined>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PersonTable {
  id: Generated<string>;
  id_number: string;
  name: string;
  household_id: string | null;
  relation: string;
  sex: 'male' | 'female';
  birth_date: DateOnly;
  disability_type: string | null;
  disability_grade: number | null;
  work_ability: string | null;
  health: string | null;
  school_stage: string | null;
  employment: string | null;
  phone: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CategoryMembershipTable {
  id: Generated<string>;
  person_id: string;
  category: string;
  status: ColumnType<'active' | 'suspended' | 'ended', 'active' | 'suspended' | 'ended' | undefined>;
  valid_from: DateOnly;
  valid_to: DateOnly | null;
  decided_by: string | null;
  source: string;
  created_at: Timestamp;
}

export interface EconomicSnapshotTable {
  id: Generated<string>;
  household_id: string;
  as_of: DateOnly;
  source: string;
  income_wage: Numeric;
  income_business: Numeric;
  income_property: Numeric;
  income_transfer: Numeric;
  income_other: Numeric;
  financial_assets: Numeric;
  vehicle_count: ColumnType<number, number | undefined, number>;
  vehicle_value: Numeric;
  property_count: ColumnType<number, number | undefined, number>;
  rigid_medical: Numeric;
  rigid_education: Numeric;
  rigid_rehab: Numeric;
  rigid_other: Numeric;
  recorded_by: string;
  created_at: Timestamp;
}

export interface RegistryHistoryTable {
  id: Generated<string>;
  at: Timestamp;
  actor: string;
  action: string;
  household_id: string | null;
  person_id: string | null;
  reason: string | null;
  batch_id: string | null;
  changes: Json;
}

export interface ImportBatchTable {
  id: Generated<string>;
  kind: string;
  file_name: string | null;
  file_sha256: string | null;
  actor: string;
  status: 'running' | 'committed' | 'refused' | 'failed';
  rows_total: ColumnType<number, number | undefined, number>;
  accepted: ColumnType<number, number | undefined, number>;
  rejected: ColumnType<number, number | undefined, number>;
  unchanged: ColumnType<number, number | undefined, number>;
  started_at: Timestamp;
  finished_at: Date | string | null;
  summary: Json;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor: string;
  action: string;
  subject: string | null;
  detail: Json;
}

export interface ReferenceDataTable {
  name: string;
  version: string;
  rows: number;
  loaded_at: Timestamp;
}

export interface DB {
  region: RegionTable;
  household: HouseholdTable;
  person: PersonTable;
  category_membership: CategoryMembershipTable;
  economic_snapshot: EconomicSnapshotTable;
  registry_history: RegistryHistoryTable;
  import_batch: ImportBatchTable;
  audit_log: AuditLogTable;
  reference_data: ReferenceDataTable;
}
