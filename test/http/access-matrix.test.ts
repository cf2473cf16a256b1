/**
 * Every API route, as every role, in scope and out of scope. A role without the permission gets
 * 403; a record outside the user's region is 404 (its existence does not leak); lists hold only
 * in-scope records; no response carries a full ID number (except the audited reveal). A route
 * missing from the table below fails the test, so new routes must declare their access.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { engines, openTestRuntime } from '../support/db.js';
import { newHousehold, newIdNumber, newPerson } from '../support/factories.js';
import { signIn } from '../support/http.js';
import { tempDir, writeCsv } from '../support/dataset-files.js';
import { newApplication, newReport } from '../support/intake.js';
import { buildApp } from '../../src/api/app.js';
import { operatorActor } from '../../src/modules/access/domain/actor.js';
import { DEFAULT_GRANTS, type Permission, type Role } from '../../src/modules/access/domain/roles.js';
import type { Runtime } from '../../src/platform/runtime.js';

const HOME_VILLAGE = '220102001001';
const AWAY_VILLAGE = '220581102001';

/** Where each role sits: all of them cover HOME_VILLAGE and none covers AWAY_VILLAGE unless province-wide. */
const SEATS: Record<Role, string> = {
  province_admin: '22',
  civil_affairs_officer: '220102',
  township_officer: '220102001',
  village_worker: HOME_VILLAGE,
  department_data_provider: '2201',
  department_handler: '2201',
  auditor: '2201',
};

/** Department handlers act for one department: the matrix's handles 医保局's referrals only. */
const DEPARTMENTS: Partial<Record<Role, string>> = { department_handler: '医保局' };

interface Target {
  household: string;
  authorization: string;
  person: string;
  membership: string;
  idNumber: string;
  assessment: string;
  batch: string;
  alert: string;
  case: string;
  application: string;
  report: string;
  /** A pending referral to 医保局's medical assistance, and one to 教育厅. */
  referral: string;
  otherReferral: string;
}

interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  /** One permission, or any of several. */
  permission: Permission | Permission[] | 'authenticated';
  /** Build the request against a target household (fresh for state-changing cases). */
  request: (t: Target, prepared?: string) => { url: string; payload?: object | string; headers?: Record<string, string> };
  /** Work done as the signed-in user before the request (e.g. start an upload to follow); its result goes to request(). */
  prepare?: (headers: Record<string, string>) => Promise<string>;
  /** The route reads or changes one record, so out of scope must be 404. */
  scoped?: boolean;
  mutates?: boolean;
}

const CASES: RouteCase[] = [
  { method: 'GET', path: '/api/auth/me', permission: 'authenticated', request: () => ({ url: '/api/auth/me' }) },
  { method: 'GET', path: '/api/access/roles', permission: 'authenticated', request: () => ({ url: '/api/access/roles' }) },
  { method: 'POST', path: '/api/id/check', permission: 'authenticated', request: () => ({ url: '/api/id/check', payload: { id_number: newIdNumber() } }) },
  { method: 'GET', path: '/api/households', permission: 'registry.read', request: () => ({ url: '/api/households' }) },
  { method: 'POST', path: '/api/households/search', permission: 'registry.read', request: () => ({ url: '/api/households/search', payload: {} }) },
  { method: 'POST', path: '/api/households/export', permission: 'registry.read', request: () => ({ url: '/api/households/export', payload: {} }) },
  { method: 'GET', path: '/api/households/{code}', permission: 'registry.read', scoped: true, request: (t) => ({ url: `/api/households/${t.household}` }) },
  { method: 'GET', path: '/api/households/{code}/export', permission: 'registry.read', scoped: true, request: (t) => ({ url: `/api/households/${t.household}/export` }) },
  { method: 'POST', path: '/api/persons/lookup', permission: 'registry.read', scoped: true, request: (t) => ({ url: '/api/persons/lookup', payload: { id_number: t.idNumber } }) },
  { method: 'POST', path: '/api/persons/{id}/reveal', permission: 'pii.reveal', scoped: true, request: (t) => ({ url: `/api/persons/${t.person}/reveal`, payload: { field: 'id_number', purpose: '入户核查核对身份' } }) },
  { method: 'POST', path: '/api/households', permission: 'registry.write', mutates: true, scoped: true, request: (t) => ({ url: '/api/households', payload: newHousehold({ region_code: t.household.startsWith('A') ? AWAY_VILLAGE : HOME_VILLAGE }) }) },
  { method: 'PATCH', path: '/api/households/{code}', permission: 'registry.write', mutates: true, scoped: true, request: (t) => ({ url: `/api/households/${t.household}`, payload: { address: '新址', reason: '核实' } }) },
  { method: 'POST', path: '/api/households/{code}/members', permission: 'registry.write', mutates: true, scoped: true, request: (t) => ({ url: `/api/households/${t.household}/members`, payload: newPerson({ relation: 'child', id_number: newIdNumber('20100101') }) }) },
  { method: 'POST', path: '/api/households/{code}/split', permission: 'registry.write', mutates: true, scoped: true, request: (t) => ({ url: `/api/households/${t.household}/split`, payload: { new_code: `${t.household}S`, person_ids: [t.person], head_person_id: t.person, reason: '分户' } }) },
  { method: 'POST', path: '/api/households/{code}/merge', permission: 'registry.write', mutates: true, scoped: true, request: (t) => ({ url: `/api/households/${t.household}/merge`, payload: { into: t.household === 'x' ? 'y' : `${t.household}M`, reason: '合户' } }) },
  { method: 'POST', path: '/api/households/{code}/snapshots', permission: 'registry.write', mutates: true, scoped: true, request: (t) => ({ url: `/api/households/${t.household}/snapshots`, payload: { as_of: '2026-10-01', source: 'declaration', income_wage: 1000 } }) },
  { method: 'PATCH', path: '/api/persons/{id}', permission: 'registry.write', mutates: true, scoped: true, request: (t) => ({ url: `/api/persons/${t.person}`, payload: { health: 'serious', reason: '核实' } }) },
  { method: 'POST', path: '/api/persons/{id}/move', permission: 'registry.write', mutates: true, scoped: true, request: (t) => ({ url: `/api/persons/${t.person}/move`, payload: { to: `${t.household}M`, relation: 'other', reason: '迁户' } }) },
  { method: 'POST', path: '/api/persons/{id}/memberships', permission: 'registry.write', mutates: true, scoped: true, request: (t) => ({ url: `/api/persons/${t.person}/memberships`, payload: { category: 'other', valid_from: '2026-10-01', source: 'manual' } }) },
  { method: 'POST', path: '/api/memberships/{id}/end', permission: 'registry.write', mutates: true, scoped: true, request: (t) => ({ url: `/api/memberships/${t.membership}/end`, payload: { valid_to: '2026-10-31', reason: '退出' } }) },
  { method: 'GET', path: '/api/households/{code}/authorizations', permission: 'registry.read', scoped: true, request: (t) => ({ url: `/api/households/${t.household}/authorizations` }) },
  { method: 'POST', path: '/api/households/{code}/authorizations', permission: 'authorization.manage', mutates: true, scoped: true, request: (t) => ({ url: `/api/households/${t.household}/authorizations`, payload: { signed_by_person_id: t.person, scope: ['tax', 'banks'], signed_on: '2026-10-01', expires_on: '2027-09-30' } }) },
  { method: 'POST', path: '/api/authorizations/{id}/revoke', permission: 'authorization.manage', mutates: true, scoped: true, request: (t) => ({ url: `/api/authorizations/${t.authorization}/revoke`, payload: { reason: '家属撤回' } }) },
  { method: 'GET', path: '/api/policy/parameters', permission: 'authenticated', request: () => ({ url: '/api/policy/parameters' }) },
  { method: 'GET', path: '/api/policy/parameters/{key}', permission: 'authenticated', request: () => ({ url: '/api/policy/parameters/dibao.standard.urban?region=220102&on=2025-01-01' }) },
  { method: 'POST', path: '/api/policy/parameters', permission: 'policy.manage', mutates: true, request: () => ({ url: '/api/policy/parameters', payload: { key: 'dibao.standard.urban', value: 700, region: '220102', from: '2026-01-01', source: 'test' } }) },
  { method: 'POST', path: '/api/assessments', permission: 'recognition.assess', scoped: true, request: (t) => ({ url: '/api/assessments', payload: { household_code: t.household, on: '2026-11-01' } }) },
  { method: 'GET', path: '/api/assessments/{id}', permission: 'registry.read', scoped: true, request: (t) => ({ url: `/api/assessments/${t.assessment}` }) },
  { method: 'GET', path: '/api/assessments/{id}/replay', permission: 'registry.read', scoped: true, request: (t) => ({ url: `/api/assessments/${t.assessment}/replay` }) },
  { method: 'GET', path: '/api/households/{code}/assessments', permission: 'registry.read', scoped: true, request: (t) => ({ url: `/api/households/${t.household}/assessments` }) },
  { method: 'GET', path: '/api/catalog', permission: 'authenticated', request: () => ({ url: '/api/catalog' }) },
  { method: 'GET', path: '/api/catalog/datasets/{code}', permission: 'authenticated', request: () => ({ url: '/api/catalog/datasets/medical_settlement' }) },
  { method: 'PUT', path: '/api/catalog/datasets/{code}', permission: 'catalog.manage', mutates: true, request: () => ({ url: '/api/catalog/datasets/matrix_feed', payload: MATRIX_DATASET }) },
  { method: 'POST', path: '/api/ingest/{dataset}', permission: 'dataset.upload', mutates: true, request: () => ({ url: '/api/ingest/death_record', payload: `id_number,death_date\n${newIdNumber()},2026-10-01\n`, headers: { 'content-type': 'text/csv' } }) },
  {
    method: 'GET', path: '/api/ingest/uploads/{id}', permission: 'dataset.upload',
    prepare: async (headers) => {
      const res = await app.inject({ method: 'POST', url: '/api/ingest/death_record?async=true', headers: { ...headers, 'content-type': 'text/csv' }, payload: `id_number,death_date\n${newIdNumber()},2026-10-02\n` });
      return res.statusCode === 202 ? (res.json().upload_id as string) : 'none';
    },
    request: (_t, id) => ({ url: `/api/ingest/uploads/${id}` }),
  },
  { method: 'GET', path: '/api/households/{code}/facts', permission: 'registry.read', scoped: true, request: (t) => ({ url: `/api/households/${t.household}/facts` }) },
  { method: 'GET', path: '/api/ingest/batches', permission: 'dataset.read', request: () => ({ url: '/api/ingest/batches' }) },
  { method: 'GET', path: '/api/ingest/batches/{id}', permission: 'dataset.read', request: (t) => ({ url: `/api/ingest/batches/${t.batch}` }) },
  { method: 'GET', path: '/api/ingest/batches/{id}/errors.csv', permission: 'dataset.read', request: (t) => ({ url: `/api/ingest/batches/${t.batch}/errors.csv` }) },
  { method: 'GET', path: '/api/calendar', permission: 'authenticated', request: () => ({ url: '/api/calendar?year=2026' }) },
  { method: 'GET', path: '/api/calendar/deadline', permission: 'authenticated', request: () => ({ url: '/api/calendar/deadline?from=2026-02-13&days=3' }) },
  { method: 'PUT', path: '/api/calendar/{date}', permission: 'monitor.manage', mutates: true, request: () => ({ url: '/api/calendar/2031-01-07', payload: { kind: 'holiday', name: '矩阵测试' } }) },
  {
    method: 'DELETE', path: '/api/calendar/{date}', permission: 'monitor.manage', mutates: true,
    prepare: async (headers) => {
      await app.inject({ method: 'PUT', url: '/api/calendar/2031-01-08', headers, payload: { kind: 'holiday', name: '矩阵测试' } });
      return '2031-01-08';
    },
    request: (_t, date) => ({ url: `/api/calendar/${date}` }),
  },
  { method: 'GET', path: '/api/monitoring/indicators', permission: 'authenticated', request: () => ({ url: '/api/monitoring/indicators' }) },
  { method: 'GET', path: '/api/monitoring/indicators/{code}', permission: 'authenticated', request: () => ({ url: '/api/monitoring/indicators/medical_oop_annual' }) },
  { method: 'PUT', path: '/api/monitoring/indicators/{code}', permission: 'monitor.manage', mutates: true, request: () => ({ url: '/api/monitoring/indicators/matrix_indicator', payload: { definition: MATRIX_INDICATOR, active: false } }) },
  { method: 'POST', path: '/api/monitoring/indicators/{code}/preview', permission: 'monitor.manage', request: () => ({ url: '/api/monitoring/indicators/matrix_indicator/preview', payload: { definition: MATRIX_INDICATOR } }) },
  { method: 'POST', path: '/api/monitoring/runs', permission: 'monitor.manage', mutates: true, request: () => ({ url: '/api/monitoring/runs', payload: { on: '2026-11-01' } }) },
  { method: 'GET', path: '/api/monitoring/runs', permission: 'alert.read', request: () => ({ url: '/api/monitoring/runs' }) },
  { method: 'GET', path: '/api/alerts', permission: 'alert.read', request: () => ({ url: '/api/alerts' }) },
  { method: 'GET', path: '/api/alerts/summary', permission: 'alert.read', request: () => ({ url: '/api/alerts/summary' }) },
  { method: 'GET', path: '/api/alerts/{id}', permission: 'alert.read', scoped: true, request: (t) => ({ url: `/api/alerts/${t.alert}` }) },
  { method: 'POST', path: '/api/alerts/{id}/status', permission: 'alert.handle', mutates: true, scoped: true, request: (t) => ({ url: `/api/alerts/${t.alert}/status`, payload: { status: 'verifying' } }) },
  { method: 'POST', path: '/api/cases', permission: 'case.manage', mutates: true, scoped: true, request: (t) => ({ url: '/api/cases', payload: { alert_id: t.alert } }) },
  { method: 'GET', path: '/api/cases', permission: 'case.read', request: () => ({ url: '/api/cases' }) },
  { method: 'GET', path: '/api/cases/{id}', permission: 'case.read', scoped: true, request: (t) => ({ url: `/api/cases/${t.case}` }) },
  { method: 'POST', path: '/api/cases/{id}/transitions', permission: 'case.manage', mutates: true, scoped: true, request: (t) => ({ url: `/api/cases/${t.case}/transitions`, payload: { action: 'assign' } }) },
  { method: 'GET', path: '/api/cases/{id}/documents/{kind}', permission: 'case.read', scoped: true, request: (t) => ({ url: `/api/cases/${t.case}/documents/visit` }) },
  { method: 'GET', path: '/api/cases/{id}/recommendations', permission: 'case.read', scoped: true, request: (t) => ({ url: `/api/cases/${t.case}/recommendations` }) },
  { method: 'GET', path: '/api/publicity', permission: 'case.read', request: () => ({ url: '/api/publicity' }) },
  { method: 'GET', path: '/api/households/{code}/timeline', permission: 'case.read', scoped: true, request: (t) => ({ url: `/api/households/${t.household}/timeline` }) },
  { method: 'GET', path: '/api/inbox', permission: 'authenticated', request: () => ({ url: '/api/inbox' }) },
  { method: 'GET', path: '/api/applications', permission: 'case.read', request: () => ({ url: '/api/applications' }) },
  { method: 'GET', path: '/api/applications/{id}', permission: 'case.read', scoped: true, request: (t) => ({ url: `/api/applications/${t.application}` }) },
  { method: 'POST', path: '/api/reports', permission: 'case.report', mutates: true, scoped: true, request: (t) => ({ url: '/api/reports', payload: newReport({ household_code: t.household }) }) },
  { method: 'GET', path: '/api/reports', permission: 'case.read', request: () => ({ url: '/api/reports' }) },
  { method: 'GET', path: '/api/reports/{id}', permission: 'case.read', scoped: true, request: (t) => ({ url: `/api/reports/${t.report}` }) },
  { method: 'GET', path: '/api/programs', permission: 'authenticated', request: () => ({ url: '/api/programs' }) },
  { method: 'GET', path: '/api/programs/{code}', permission: 'authenticated', request: () => ({ url: '/api/programs/medical_assistance' }) },
  { method: 'PUT', path: '/api/programs/{code}', permission: 'program.manage', mutates: true, request: () => ({ url: '/api/programs/matrix_program', payload: { definition: MATRIX_PROGRAM, active: false } }) },
  { method: 'GET', path: '/api/households/{code}/recommendations', permission: 'registry.read', scoped: true, request: (t) => ({ url: `/api/households/${t.household}/recommendations?tier=dibao` }) },
  { method: 'GET', path: '/api/referrals', permission: ['case.read', 'referral.handle'], request: () => ({ url: '/api/referrals?limit=500' }) },
  { method: 'GET', path: '/api/referrals/{id}', permission: ['case.read', 'referral.handle'], scoped: true, request: (t) => ({ url: `/api/referrals/${t.referral}` }) },
  { method: 'POST', path: '/api/referrals/{id}/respond', permission: 'referral.handle', mutates: true, scoped: true, request: (t) => ({ url: `/api/referrals/${t.referral}/respond`, payload: { decision: 'declined', result: '矩阵测试：不符合条件' } }) },
  { method: 'POST', path: '/api/payments/rolls', permission: 'payment.prepare', mutates: true, request: () => ({ url: '/api/payments/rolls', payload: { month: '2031-01', region: '220102' } }) },
  {
    method: 'GET', path: '/api/payments/rolls/{region}/{month}', permission: 'payment.read',
    prepare: async () => (await preparedRoll('2031-02')).month, request: (_t, month) => ({ url: `/api/payments/rolls/220102/${month}` }),
  },
  {
    method: 'POST', path: '/api/payments/rolls/{region}/{month}/approve', permission: 'payment.approve', mutates: true,
    prepare: async () => (await preparedRoll(nextMonth())).month, request: (_t, month) => ({ url: `/api/payments/rolls/220102/${month}/approve` }),
  },
  {
    method: 'GET', path: '/api/payments/rolls/{region}/{month}/export', permission: 'payment.read',
    prepare: async () => (await preparedRoll('2031-02')).month, request: (_t, month) => ({ url: `/api/payments/rolls/220102/${month}/export` }),
  },
  {
    method: 'GET', path: '/api/payments/rolls/{region}/{month}/bank-file', permission: 'payment.prepare',
    prepare: async () => (await approvedRoll()).month, request: (_t, month) => ({ url: `/api/payments/rolls/220102/${month}/bank-file` }),
  },
  {
    method: 'POST', path: '/api/payments/rolls/{region}/{month}/bank-returns', permission: 'payment.prepare', mutates: true,
    prepare: async () => (await approvedRoll()).month, request: (_t, month) => ({ url: `/api/payments/rolls/220102/${month}/bank-returns`, payload: { text: '业务参考号,账号,金额,状态,原因\r\n' } }),
  },
  { method: 'GET', path: '/api/payments/entitlements', permission: 'payment.read', request: () => ({ url: '/api/payments/entitlements?region=220102' }) },
  { method: 'GET', path: '/api/users', permission: 'users.manage', request: () => ({ url: '/api/users' }) },
  { method: 'POST', path: '/api/users', permission: 'users.manage', mutates: true, request: () => ({ url: '/api/users', payload: { username: `u${Math.floor(Math.random() * 1e9)}`, password: 'Another-Passw0rd', role: 'village_worker', region: HOME_VILLAGE } }) },
  { method: 'POST', path: '/api/users/{username}/disable', permission: 'users.manage', mutates: true, request: () => ({ url: '/api/users/victim_user/disable' }) },
  { method: 'POST', path: '/api/tokens', permission: 'users.manage', mutates: true, request: () => ({ url: '/api/tokens', payload: { username: 'victim_user' } }) },
  { method: 'POST', path: '/api/tokens/{id}/revoke', permission: 'users.manage', mutates: true, request: () => ({ url: '/api/tokens/1/revoke' }) },
  { method: 'GET', path: '/api/audit', permission: 'audit.read', request: () => ({ url: '/api/audit' }) },
  { method: 'GET', path: '/api/audit/verify', permission: 'audit.read', request: () => ({ url: '/api/audit/verify' }) },
  { method: 'POST', path: '/api/auth/logout', permission: 'authenticated', request: () => ({ url: '/api/auth/logout' }) },
];

const PUBLIC_ROUTES = [
  '/api/health', '/api/regions/{code}', '/api/regions/{code}/children', '/api/vocabulary', '/api/auth/login', '/api/auth/demo-accounts', '/api/templates/registry',
  '/api/public/applications', '/api/public/applications/status',
];

const MATRIX_DATASET = {
  department: 'health', zh: '矩阵测试数据', en: 'Matrix test feed', frequency: 'monthly', legal_basis: '测试', purpose: '测试', retention_days: 30, responsible_unit: '测试',
  key_field: 'id_number', event_field: 'day',
  fields: [
    { code: 'id_number', zh: '身份证号', en: 'ID number', type: 'id_number', required: true, pii: 'identifier' },
    { code: 'day', zh: '日期', en: 'Day', type: 'date', required: true },
  ],
};

const MATRIX_INDICATOR = {
  code: 'matrix_indicator', zh: '矩阵测试指标', en: 'Matrix test indicator', kind: 'hardship', subject: 'person', level: 'blue', population: { kind: 'registered' },
  facts: { died: { dataset: 'death_record', agg: 'exists', months: 6 } }, condition: { fact: 'died', operator: 'eq', value: true }, suppress_days: 30, action: 'home_visit',
};

const MATRIX_PROGRAM = {
  code: 'matrix_program', zh: '矩阵测试项目', en: 'Matrix test program', type: 'charity', department: 'civil_affairs', tiers: ['none'],
  amount: { kind: 'none' }, description: { zh: '测试', en: 'Test' }, legal_basis: '测试',
};

const dir = tempDir('sn-matrix-');
let app: FastifyInstance;
let matrixRt: Runtime;
/** A draft roll of the home county, prepared by someone none of the matrix's users is (so each may approve it). */
const preparedRoll = (month: string) => matrixRt.services.rolls.prepare({ month, region: '220102' }, operatorActor('matrix-maker'));
let monthSeq = 0;
const approvedRoll = async () => {
  const roll = await preparedRoll(nextMonth());
  return matrixRt.services.rolls.approve(roll, operatorActor('matrix-checker'));
};
const nextMonth = () => `${2040 + Math.floor(monthSeq / 12)}-${String((monthSeq++ % 12) + 1).padStart(2, '0')}`;

describe.each(engines)('access matrix on %s', (engine) => {
  let rt: Runtime;
  const allIdNumbers: string[] = [];
  const seq = { n: 0 };

  async function target(village: string): Promise<Target> {
    const code = `${village === HOME_VILLAGE ? 'H' : 'A'}${++seq.n}X${Math.floor(Math.random() * 1e6)}`;
    const input = newHousehold({ code, region_code: village });
    allIdNumbers.push(...input.members!.map((m) => m.id_number));
    await rt.services.households.create(input, { actor: operatorActor('test') });
    await rt.services.households.create(newHousehold({ code: `${code}M`, region_code: village, members: [] }), { actor: operatorActor('test') });
    const d = await rt.services.householdReads.get(code, operatorActor('test'));
    const spouse = d.members.find((m) => m.relation === 'spouse')!;
    const auth = await rt.services.authorizations.record(code, { signed_by_person_id: spouse.id, scope: ['tax'], signed_on: '2026-10-01', expires_on: '2027-09-30' }, operatorActor('test'));
    await rt.services.households.addSnapshot(code, { as_of: '2026-10-01', source: 'declaration', income_wage: 9000 }, { actor: operatorActor('test') });
    const assessment = await rt.services.assessments.assessHousehold(code, '2026-11-01', operatorActor('test'));
    const batch = await rt.services.ingest.ingest({ dataset: 'death_record', file: writeCsv(dir, `${code}.csv`, ['id_number', 'death_date'], [[newIdNumber(), '2026-10-01'], [newIdNumber(), '2026-13-01']]) }, operatorActor('test'));
    const alert = await anAlert(code, spouse.id, village);
    const opened = await rt.services.cases.open({ alert_id: await anAlert(code, spouse.id, village) }, operatorActor('test'));
    const applied = newApplication({ region_code: village });
    allIdNumbers.push(applied.applicant.id_number, ...applied.members.map((m) => m.id_number));
    const { reference } = await rt.services.applications.submit(applied);
    const application = await rt.database.db.selectFrom('case_application').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
    const report = await rt.services.reports.create(newReport({ household_code: code }), operatorActor('test'));
    const householdId = (await rt.database.db.selectFrom('household').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const [referral, otherReferral] = await rt.database.db.transaction().execute((trx) =>
      rt.services.referrals.create(trx, { case_id: null, household_id: householdId, region_code: village, programs: ['medical_assistance', 'education_assistance'], note: '矩阵测试' }, operatorActor('test')));
    return {
      household: code, authorization: auth.id, person: spouse.id, membership: spouse.categories[0].id, idNumber: input.members![1].id_number, assessment: assessment.id!,
      batch: batch.batch_id, alert, referral: referral.id, otherReferral: otherReferral.id, application: application.id, report: report.id, case: opened.case.id,
    };
  }

  /** An open alert about the household's spouse, as a monitoring run would raise it. */
  async function anAlert(code: string, personId: string, village: string): Promise<string> {
    const db = rt.database.db;
    const household = await db.selectFrom('household').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    const run = await db.insertInto('monitor_run').values({ kind: 'full', as_of: '2026-11-01', actor: 'test', status: 'finished' }).returning('id').executeTakeFirstOrThrow();
    const a = await db.insertInto('monitor_alert').values({
      indicator: 'serious_illness_new', indicator_version: 1, level: 'orange', level_rank: 3, subject_key: `p:${personId}:${Math.random()}`, person_id: personId, household_id: household.id,
      region_code: village, as_of: '2026-11-01', deadline: '2026-11-10', action: 'home_visit', evidence: JSON.stringify([{ fact: 'illness', operator: 'eq', threshold: true, value: true, passed: true }]), run_id: run.id,
    }).returning('id').executeTakeFirstOrThrow();
    return a.id;
  }

  beforeAll(async () => {
    rt = await openTestRuntime(engine);
    matrixRt = rt;
    app = await buildApp(rt);
    await rt.services.users.add({ username: 'victim_user', password: 'Victim-Passw0rd', role: 'village_worker', region: HOME_VILLAGE }, operatorActor('test'));
    await rt.services.auth.createToken('victim_user', {}, operatorActor('test'));
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  it('covers every route of the API', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const declared = new Set(CASES.map((c) => `${c.method} ${c.path}`));
    const missing: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const m of Object.keys(methods)) {
        const key = `${m.toUpperCase()} ${path}`;
        if (!declared.has(key) && !PUBLIC_ROUTES.includes(path)) missing.push(key);
      }
    }
    expect(missing).toEqual([]);
  });

  for (const role of Object.keys(SEATS) as Role[]) {
    it(`holds for ${role}`, async () => {
      const session = await signIn(app, rt, role, SEATS[role], DEPARTMENTS[role]);
      const grants = new Set<string>(DEFAULT_GRANTS[role]);
      const home = await target(HOME_VILLAGE);
      const away = await target(AWAY_VILLAGE);
      for (const c of CASES.filter((x) => x.path !== '/api/auth/logout')) {
        const allowed = c.permission === 'authenticated' || (Array.isArray(c.permission) ? c.permission.some((p) => grants.has(p)) : grants.has(c.permission));
        const scopes = c.scoped ? [home, away] : [home];
        for (const t of scopes) {
          const fresh = c.mutates && c.scoped ? await target(t === home ? HOME_VILLAGE : AWAY_VILLAGE) : t;
          const prepared = c.prepare ? await c.prepare(session.headers) : undefined;
          const { url, payload, headers } = c.request(fresh, prepared);
          const res = await app.inject({ method: c.method, url, payload, headers: { ...session.headers, ...headers } });
          const where = `${role} ${c.method} ${c.path} ${t === home ? 'in scope' : 'out of scope'}`;
          const outOfScope = t === away && SEATS[role] !== '22';
          if (!allowed) expect(res.statusCode, `${where}: ${res.body}`).toBe(403);
          else if (outOfScope) expect([403, 404], `${where}: ${res.body}`).toContain(res.statusCode);
          else expect(res.statusCode, `${where}: ${res.body}`).toBeLessThan(300);
          if (c.path !== '/api/persons/{id}/reveal') {
            for (const id of allIdNumbers) expect(res.body.includes(id), `${where} leaks a full ID number`).toBe(false);
          }
          if (allowed && c.path === '/api/alerts') {
            const regions = (res.json().alerts as { region_code: string | null }[]).map((a) => a.region_code ?? '');
            expect(regions.every((rc) => rc.startsWith(SEATS[role])), `${where}: alerts outside the region`).toBe(true);
          }
          if (allowed && c.method === 'GET' && c.path === '/api/cases') {
            const regions = (res.json().cases as { region_code: string }[]).map((x) => x.region_code);
            expect(regions.every((rc) => rc.startsWith(SEATS[role])), `${where}: cases outside the region`).toBe(true);
          }
          if (allowed && c.method === 'GET' && (c.path === '/api/applications' || c.path === '/api/reports')) {
            const list = (res.json().applications ?? res.json().reports) as { region_code: string }[];
            expect(list.length, `${where}: the in-scope records are listed`).toBeGreaterThan(0);
            expect(list.every((x) => x.region_code.startsWith(SEATS[role])), `${where}: list outside the region`).toBe(true);
          }
          if (allowed && c.path === '/api/referrals') {
            const referrals = res.json().referrals as { region_code: string; department: { code: string } }[];
            expect(referrals.every((r) => r.region_code.startsWith(SEATS[role])), `${where}: referrals outside the region`).toBe(true);
            if (role === 'department_handler') {
              expect(referrals.length, `${where}: sees its department's referrals`).toBeGreaterThan(0);
              expect(referrals.every((r) => r.department.code === 'medical_insurance'), `${where}: another department's referrals`).toBe(true);
            }
          }
          if (allowed && c.path === '/api/households/search') {
            const codes = (res.json().items as { region_code: string }[]).map((i) => i.region_code);
            expect(codes.every((rc) => rc.startsWith(SEATS[role])), `${where}: list outside the region`).toBe(true);
          }
        }
      }
    });
  }

  it('keeps a department handler out of another department’s referral, as not found', async () => {
    const session = await signIn(app, rt, 'department_handler', '2201', '医保局');
    const home = await target(HOME_VILLAGE);
    const read = await app.inject({ method: 'GET', url: `/api/referrals/${home.otherReferral}`, headers: session.headers });
    expect(read.statusCode).toBe(404);
    const answer = await app.inject({ method: 'POST', url: `/api/referrals/${home.otherReferral}/respond`, headers: session.headers, payload: { decision: 'declined', result: '越权' } });
    expect(answer.statusCode).toBe(404);
    const education = await signIn(app, rt, 'department_handler', '2201', 'education');
    expect((await app.inject({ method: 'GET', url: `/api/referrals/${home.otherReferral}`, headers: education.headers })).statusCode).toBe(200);
  });

  it('refuses a household read out of scope as not found, so existence does not leak', async () => {
    const session = await signIn(app, rt, 'township_officer', '220102001');
    const away = await target(AWAY_VILLAGE);
    const res = await app.inject({ method: 'GET', url: `/api/households/${away.household}`, headers: session.headers });
    expect(res.statusCode).toBe(404);
    const missing = await app.inject({ method: 'GET', url: '/api/households/DOES-NOT-EXIST', headers: session.headers });
    expect(res.json().error.code).toBe(missing.json().error.code);
    expect(res.json().error.message.replaceAll(away.household, 'X')).toBe(missing.json().error.message.replaceAll('DOES-NOT-EXIST', 'X'));
  });
});
