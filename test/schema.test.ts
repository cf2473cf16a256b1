/**
 * The Kysely DB type (src/platform/db/schema.ts) must match the migrated database.
 * `columns` is checked by the compiler against the type (a missing or extra key fails
 * `npm run typecheck`) and by this test against information_schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DB } from '../src/platform/db/schema.js';
import type { Runtime } from '../src/platform/runtime.js';
import { engines, openTestRuntime } from './support/db.js';

type Columns = { [T in keyof DB]: { [C in keyof DB[T]]-?: true } };

const columns: Columns = {
  region: { code: true, code12: true, name: true, parent_code: true, level: true, kind: true, in_gbt2260: true },
  household: { id: true, code: true, region_code: true, hukou_type: true, address: true, hukou_booklet_no: true, status: true, created_at: true, updated_at: true },
  person: {
    id: true, id_number_hash: true, id_number_sealed: true, id_number_masked: true, name: true, household_id: true, relation: true, sex: true, birth_date: true, disability_type: true,
    disability_grade: true, work_ability: true, health: true, school_stage: true, employment: true, phone_hash: true, phone_sealed: true, phone_masked: true, created_at: true, updated_at: true,
  },
  category_membership: { id: true, person_id: true, category: true, status: true, valid_from: true, valid_to: true, decided_by: true, source: true, created_at: true },
  economic_snapshot: {
    id: true, household_id: true, as_of: true, source: true, income_wage: true, income_business: true, income_property: true, income_transfer: true,
    income_other: true, financial_assets: true, vehicle_count: true, vehicle_value: true, property_count: true, rigid_medical: true,
    rigid_education: true, rigid_rehab: true, rigid_other: true, recorded_by: true, created_at: true,
  },
  registry_history: { id: true, at: true, actor: true, action: true, household_id: true, person_id: true, reason: true, batch_id: true, changes: true },
  import_batch: {
    id: true, kind: true, file_name: true, file_sha256: true, actor: true, status: true, rows_total: true, accepted: true, rejected: true,
    unchanged: true, started_at: true, finished_at: true, summary: true,
  },
  audit_log: { id: true, at: true, actor: true, action: true, subject: true, detail: true, prev_hash: true, hash: true },
  role_permission: { role: true, permission: true },
  app_user: {
    id: true, username: true, display_name: true, password_hash: true, role: true, region_code: true, department: true, status: true,
    failed_logins: true, locked_until: true, password_changed_at: true, created_by: true, created_at: true, demo: true,
  },
  user_session: { id: true, user_id: true, csrf_token: true, created_at: true, last_seen_at: true, expires_at: true, revoked_at: true },
  api_token: {
    id: true, user_id: true, token_hash: true, name: true, scope_region: true, scope_permissions: true, created_at: true, created_by: true,
    last_used_at: true, revoked_at: true,
  },
  authorization_record: {
    id: true, household_id: true, signed_by: true, scope: true, signed_on: true, expires_on: true, file_ref: true, recorded_by: true,
    created_at: true, revoked_at: true,
  },
  reference_data: { name: true, version: true, rows: true, loaded_at: true },
  policy_parameter: {
    id: true, key: true, region_code: true, valid_from: true, valid_to: true, value: true, source: true, author: true, version: true,
    created_at: true, superseded_at: true,
  },
  assessment: {
    id: true, household_id: true, snapshot_id: true, region_code: true, as_of: true, tier: true, description_sealed: true,
    parameters: true, result: true, engine_version: true, created_by: true, created_at: true,
  },
  catalog_department: { code: true, zh: true, en: true, full_name: true },
  catalog_dataset: { code: true, department_code: true, definition: true, version: true, updated_by: true, updated_at: true },
  catalog_dataset_version: { dataset_code: true, version: true, definition: true, updated_by: true, updated_at: true },
  ingest_batch: {
    id: true, dataset: true, catalog_version: true, file_name: true, file_sha256: true, file_bytes: true, sent_by: true, department: true, received_at: true,
    finished_at: true, status: true, skip_invalid: true, rows_total: true, accepted: true, rejected: true, matched: true, unmatched: true, errors_total: true,
    supersedes: true, superseded_by: true,
  },
  ingest_error: { batch_id: true, row_no: true, field: true, value: true, reason: true },
  job_outbox: { id: true, kind: true, payload: true, created_at: true, started_at: true, finished_at: true, error: true },
  monitor_indicator: { code: true, definition: true, version: true, active: true, updated_by: true, updated_at: true },
  monitor_indicator_version: { code: true, version: true, definition: true, active: true, updated_by: true, updated_at: true },
  monitor_run: { id: true, kind: true, as_of: true, batch_id: true, actor: true, status: true, started_at: true, finished_at: true, subjects: true, alerts_created: true, by_indicator: true, parameters: true, error: true },
  monitor_alert: {
    id: true, indicator: true, indicator_version: true, level: true, level_rank: true, status: true, outcome: true, subject_key: true, person_id: true, household_id: true,
    id_hash: true, id_masked: true, region_code: true, as_of: true, deadline: true, action: true, evidence: true, run_id: true, created_at: true, handled_at: true, handled_by: true, note: true,
  },
  work_calendar_day: { day: true, kind: true, name: true, source: true, updated_by: true, updated_at: true },
};

describe.each(engines)('schema type matches the migrations on %s', (engine) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await openTestRuntime(engine);
  });
  afterAll(async () => rt?.close());

  it('has exactly the typed columns in each typed table', async () => {
    const rows = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns where table_schema = 'public'`.execute(rt.database.db);
    for (const [table, cols] of Object.entries(columns)) {
      const actual = rows.rows.filter((r) => r.table_name === table).map((r) => r.column_name).sort();
      expect(actual, table).toEqual(Object.keys(cols).sort());
    }
  });
});
