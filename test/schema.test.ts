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
  case_application: { id: true, reference: true, region_code: true, hukou_type: true, address: true, applicant_name: true, applicant_id_hash: true, applicant_id_sealed: true, applicant_id_masked: true, phone_sealed: true, phone_masked: true, members_sealed: true, member_count: true, needs: true, description: true, consent: true, channel: true, status: true, received_at: true },
  case_report: { id: true, household_id: true, person_name: true, person_id_hash: true, person_id_sealed: true, person_id_masked: true, region_code: true, address: true, difficulties: true, description: true, urgency: true, reported_by: true, client_key: true, status: true, created_at: true },
  assistance_case: { id: true, household_id: true, subject_name: true, subject_id_hash: true, subject_id_sealed: true, subject_id_masked: true, region_code: true, source_kind: true, source_id: true, state: true, state_since: true, step_due: true, total_due: true, extended: true, escalated_to: true, assignee_region: true, assignee_user_id: true, proposed_category: true, assessment_id: true, publicity_from: true, publicity_until: true, version: true, created_by: true, created_at: true, updated_at: true, closed_at: true },
  case_alert: { case_id: true, alert_id: true, attached_by: true, attached_at: true },
  case_event: { id: true, case_id: true, at: true, actor: true, action: true, from_state: true, to_state: true, note: true, data: true },
  case_visit: { id: true, case_id: true, household_id: true, visitor: true, status: true, form: true, outcome: true, visited_on: true, saved_at: true, submitted_at: true },
  economic_check: { id: true, case_id: true, household_id: true, authorization_id: true, checked_on: true, scopes: true, snapshot_id: true, findings: true, recorded_by: true, created_at: true },
  case_decision: { id: true, case_id: true, household_id: true, kind: true, outcome: true, category: true, engine_tier: true, override_reason: true, reasons: true, assessment_id: true, parameters: true, person_ids: true, valid_from: true, valid_to: true, monthly_amount: true, decided_by: true, decided_at: true },
  assistance_program: { code: true, definition: true, version: true, active: true, updated_by: true, updated_at: true },
  assistance_program_version: { code: true, version: true, definition: true, active: true, updated_by: true, updated_at: true },
  referral: { id: true, case_id: true, household_id: true, program_code: true, program_version: true, department: true, region_code: true, status: true, reason: true, note: true, requested_by: true, requested_at: true, due: true, responded_by: true, responded_at: true, result: true, amount: true, granted_on: true, period_from: true, period_to: true },
  assistance_grant: { id: true, household_id: true, person_id: true, case_id: true, referral_id: true, program_code: true, department: true, amount: true, period_from: true, period_to: true, granted_on: true, fast: true, duplicate_of: true, reason: true, recorded_by: true, created_at: true },
  review_task: { id: true, household_id: true, case_id: true, kind: true, category: true, region_code: true, due: true, status: true, created_at: true, done_at: true, done_by: true },
  payment_entitlement: {
    id: true, program: true, household_id: true, payee_person_id: true, rule: true, start_month: true, end_month: true, status: true, account_sealed: true, account_masked: true,
    case_id: true, decision_id: true, source: true, created_by: true, created_at: true, updated_at: true,
  },
  payment_roll: { id: true, region_code: true, month: true, status: true, totals: true, parameters: true, prepared_by: true, prepared_at: true, approved_by: true, approved_at: true },
  payment_line: {
    id: true, roll_id: true, entitlement_id: true, household_id: true, payee_person_id: true, program: true, for_month: true, kind: true, status: true, change: true,
    amount_fen: true, due_fen: true, previous_amount_fen: true, reason: true, change_reason: true, basis: true, bank_status: true, returned_reason: true,
  },
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
