/**
 * The Kysely database type, kept beside the migrations in /migrations.
 * test/schema.test.ts compares it with the migrated database's columns so the two cannot drift.
 */
import type { ColumnType, Generated } from 'kysely';
import type { CaseTables } from './schema-cases.js';
import type { PaymentTables } from './schema-payments.js';

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
  id_number_hash: string;
  id_number_sealed: string;
  id_number_masked: string;
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
  phone_hash: string | null;
  phone_sealed: string | null;
  phone_masked: string | null;
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
  /** Set by the audit_chain trigger on insert. */
  prev_hash: ColumnType<string | null, never, never>;
  hash: ColumnType<string | null, never, never>;
}

export interface RolePermissionTable {
  role: string;
  permission: string;
}

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string | null;
  password_hash: string;
  role: string;
  region_code: string;
  department: string | null;
  status: ColumnType<'active' | 'disabled', 'active' | 'disabled' | undefined>;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: Date | string | null;
  password_changed_at: Timestamp;
  created_by: string;
  created_at: Timestamp;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface UserSessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date | string;
  revoked_at: Date | string | null;
}

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  name: string | null;
  scope_region: string | null;
  scope_permissions: string | null;
  created_at: Timestamp;
  created_by: string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}

export interface AuthorizationRecordTable {
  id: Generated<string>;
  household_id: string;
  signed_by: string;
  scope: string;
  signed_on: DateOnly;
  expires_on: DateOnly;
  file_ref: string | null;
  recorded_by: string;
  created_at: Timestamp;
  revoked_at: Date | string | null;
}

export interface ReferenceDataTable {
  name: string;
  version: string;
  rows: number;
  loaded_at: Timestamp;
}

export interface PolicyParameterTable {
  id: Generated<string>;
  key: string;
  region_code: string;
  valid_from: DateOnly;
  valid_to: DateOnly | null;
  value: ColumnType<unknown, string, string>;
  source: string | null;
  author: string;
  version: number;
  created_at: Timestamp;
  superseded_at: Date | string | null;
}

export interface AssessmentTable {
  id: Generated<string>;
  household_id: string;
  snapshot_id: string | null;
  region_code: string;
  as_of: DateOnly;
  tier: string;
  description_sealed: string;
  parameters: ColumnType<unknown, string, string>;
  result: ColumnType<unknown, string, string>;
  engine_version: string;
  created_by: string;
  created_at: Timestamp;
}

export interface CatalogDepartmentTable {
  code: string;
  zh: string;
  en: string;
  full_name: string | null;
}

export interface CatalogDatasetTable {
  code: string;
  department_code: string;
  definition: ColumnType<unknown, string, string>;
  version: number;
  updated_by: string;
  updated_at: Timestamp;
}

export interface CatalogDatasetVersionTable {
  dataset_code: string;
  version: number;
  definition: ColumnType<unknown, string, string>;
  updated_by: string;
  updated_at: Timestamp;
}

export interface IngestBatchTable {
  id: Generated<string>;
  dataset: string;
  catalog_version: number;
  file_name: string | null;
  file_sha256: string;
  file_bytes: ColumnType<string, string | number, string | number>;
  sent_by: string;
  department: string | null;
  received_at: Timestamp;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  status: string;
  skip_invalid: Generated<boolean>;
  rows_total: Generated<number>;
  accepted: Generated<number>;
  rejected: Generated<number>;
  matched: Generated<number>;
  unmatched: Generated<number>;
  errors_total: Generated<number>;
  supersedes: string | null;
  superseded_by: string | null;
}

export interface IngestErrorTable {
  batch_id: string;
  row_no: number;
  field: string;
  value: string;
  reason: string;
}

export interface JobOutboxTable {
  id: Generated<string>;
  kind: string;
  payload: ColumnType<unknown, string | undefined, string>;
  created_at: Timestamp;
  started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  error: string | null;
}

export interface MonitorIndicatorTable {
  code: string;
  definition: ColumnType<unknown, string, string>;
  version: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  updated_by: string;
  updated_at: Timestamp;
}

export interface MonitorIndicatorVersionTable {
  code: string;
  version: number;
  definition: ColumnType<unknown, string, string>;
  active: boolean;
  updated_by: string;
  updated_at: Timestamp;
}

export interface MonitorRunTable {
  id: Generated<string>;
  kind: 'full' | 'incremental';
  as_of: DateOnly;
  batch_id: string | null;
  actor: string;
  status: 'running' | 'finished' | 'failed';
  started_at: Timestamp;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  subjects: Generated<number>;
  alerts_created: Generated<number>;
  by_indicator: ColumnType<unknown, string | undefined, string>;
  parameters: ColumnType<unknown, string | undefined, string>;
  error: string | null;
}

export interface MonitorAlertTable {
  id: Generated<string>;
  indicator: string;
  indicator_version: number;
  level: 'red' | 'orange' | 'yellow' | 'blue';
  level_rank: number;
  status: ColumnType<'open' | 'verifying' | 'closed', 'open' | 'verifying' | 'closed' | undefined>;
  outcome: string | null;
  subject_key: string;
  person_id: string | null;
  household_id: string | null;
  id_hash: string | null;
  id_masked: string | null;
  region_code: string | null;
  as_of: DateOnly;
  deadline: DateOnly;
  action: string;
  evidence: ColumnType<unknown, string, string>;
  run_id: string;
  created_at: Timestamp;
  handled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  handled_by: string | null;
  note: string | null;
}

export interface WorkCalendarDayTable {
  day: DateOnly;
  kind: 'holiday' | 'workday';
  name: string;
  source: string | null;
  updated_by: string;
  updated_at: Timestamp;
}

export interface DB extends CaseTables, PaymentTables {
  region: RegionTable;
  household: HouseholdTable;
  person: PersonTable;
  category_membership: CategoryMembershipTable;
  economic_snapshot: EconomicSnapshotTable;
  registry_history: RegistryHistoryTable;
  import_batch: ImportBatchTable;
  audit_log: AuditLogTable;
  reference_data: ReferenceDataTable;
  role_permission: RolePermissionTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  authorization_record: AuthorizationRecordTable;
  policy_parameter: PolicyParameterTable;
  assessment: AssessmentTable;
  catalog_department: CatalogDepartmentTable;
  catalog_dataset: CatalogDatasetTable;
  catalog_dataset_version: CatalogDatasetVersionTable;
  ingest_batch: IngestBatchTable;
  ingest_error: IngestErrorTable;
  job_outbox: JobOutboxTable;
  monitor_indicator: MonitorIndicatorTable;
  monitor_indicator_version: MonitorIndicatorVersionTable;
  monitor_run: MonitorRunTable;
  monitor_alert: MonitorAlertTable;
  work_calendar_day: WorkCalendarDayTable;
}
