/**
 * From discovery to the home visit (铁脚板): assign the visit, save its drafts, register a
 * household found on the ground, and submit the visit with its outcome.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { AppError } from '../../../platform/errors.js';
import { inScope } from '../../access/domain/actor.js';
import { CHECK_SCOPES, type AuthorizationInput } from '../../access/authorization.service.js';
import { monthsLater } from '../case-inputs.js';
import type { HouseholdInput } from '../../registry/household.service.js';
import type { PersonInput } from '../../registry/domain/person-input.js';
import { checkIdNumber } from '../../registry/domain/id-number.js';
import { VISIT_OUTCOMES, type VisitOutcome } from '../domain/case-machine.js';
import { invalid, oneOf, optionalText, type Data } from '../domain/step-data.js';
import { missingForSubmit, parseVisitForm, VISIT_FIELD_LABEL, type VisitForm } from '../domain/visit-form.js';
import { alertDeadline, caseAlertIds } from '../case.store.js';
import { requireHouseholdOf, unmet, type StepContext, type StepHandler, type StepResult } from './step.js';

export const assign: StepHandler = {
  async apply({ trx, row, data }) {
    const to = optionalText(data, 'to_region', 12) ?? row.region_code;
    let region = row.region_code;
    if (row.region_code.length === 12) {
      const township = row.region_code.slice(0, 9);
      if (!(to === row.region_code || to === township)) {
        throw invalid('data.to_region', `应为该户所在村（${row.region_code}）或乡镇（${township}）`, `must be the household's village (${row.region_code}) or township (${township})`);
      }
    } else {
      // a lead routed to a county (or the province): the assignment sends it to the village or township that visits
      if (!/^\d{9}(\d{3})?$/.test(to) || !to.startsWith(row.region_code)) {
        throw invalid('data.to_region', `请指定 ${row.region_code} 内负责核查的乡镇或村（社区）`, `name the township or village within ${row.region_code} that visits`);
      }
      const known = await trx.selectFrom('region').select('code').where('code', '=', to).executeTakeFirst();
      if (!known) throw invalid('data.to_region', `区划 ${to} 不存在`, `region ${to} does not exist`);
      region = to;
    }
    let assignee: string | null = null;
    const username = optionalText(data, 'username', 40);
    if (username) {
      const u = await trx.selectFrom('app_user as u').innerJoin('role_permission as rp', 'rp.role', 'u.role')
        .select(['u.id', 'u.region_code']).where('u.username', '=', username).where('u.status', '=', 'active').where('rp.permission', '=', 'case.visit').executeTakeFirst();
      if (!u || !region.startsWith(u.region_code)) {
        throw invalid('data.username', `「${username}」不是负责该村入户核查的在岗人员`, `"${username}" is not an active user who visits in this village`);
      }
      assignee = u.id;
    }
    return { patch: { assignee_region: to, assignee_user_id: assignee, region_code: region }, visitDue: await alertDeadline(trx, row.id), event: { to_region: to, assignee_user_id: assignee } };
  },
};

export const startVisit: StepHandler = {
  async apply({ trx, row }) {
    return { visitDue: row.step_due ?? (await alertDeadline(trx, row.id)), sameStep: true };
  },
};

async function draftOf(trx: Kysely<DB>, caseId: string) {
  return trx.selectFrom('case_visit').selectAll().where('case_id', '=', caseId).where('status', '=', 'draft').executeTakeFirst();
}

export const saveVisit: StepHandler = {
  async apply({ trx, row, data, actor, today, now }) {
    const form = parseVisitForm(data.visit, today);
    const draft = await draftOf(trx, row.id);
    const merged = { ...((draft?.form as VisitForm | undefined) ?? {}), ...form };
    if (draft) {
      await trx.updateTable('case_visit').set({ form: JSON.stringify(merged), visitor: actor.label, saved_at: now }).where('id', '=', draft.id).execute();
    } else {
      await trx.insertInto('case_visit').values({ case_id: row.id, household_id: row.household_id, visitor: actor.label, status: 'draft', form: JSON.stringify(merged), saved_at: now }).execute();
    }
    // saving a draft is not a change of step: the visit keeps its deadline
    return { to: row.state === 'under_review' ? 'under_review' : 'verifying', visitDue: row.step_due, sameStep: true, event: { draft: true, fields: Object.keys(form) } };
  },
};

export const recordVisit: StepHandler = {
  async apply(ctx) {
    const { trx, row, data, actor, today, deps, note, now } = ctx;
    const outcome = oneOf(data, 'outcome', VISIT_OUTCOMES.map((o) => o.code)) as VisitOutcome | null;
    if (!outcome) throw invalid('data.outcome', `请选择核查结论（${VISIT_OUTCOMES.map((o) => `${o.code} ${o.zh}`).join('、')}）`, `choose an outcome (${VISIT_OUTCOMES.map((o) => o.code).join(', ')})`);
    const draft = await draftOf(trx, row.id);
    const form: VisitForm = { ...((draft?.form as VisitForm | undefined) ?? {}), ...parseVisitForm(data.visit, today) };
    const missing = missingForSubmit(form, outcome);
    if (missing.length) {
      throw unmet('visit_form', {
        zh: `入户调查表不完整：${missing.map((m) => VISIT_FIELD_LABEL[m].zh).join('、')}`,
        en: `the visit form is incomplete: ${missing.map((m) => VISIT_FIELD_LABEL[m].en).join(', ')}`,
      });
    }
    let authorizationId: string | null = null;
    if (outcome === 'need_confirmed') {
      const householdId = requireHouseholdOf(row);
      if (data.authorization !== undefined && data.authorization !== null) {
        const code = await householdCode(trx, householdId);
        authorizationId = (await deps.authorizations.recordIn(trx, code, authorizationInput(data.authorization), actor, 'case.visit')).id;
      }
      await deps.authorizations.requireValid(householdId, '*', today, trx).catch((e: unknown) => {
        if (e instanceof AppError) throw unmet('authorization', { zh: '核实确有困难后须有家庭签署的有效核对授权书，请随表登记', en: 'a confirmed need needs the family\'s signed, valid authorization for the economic check: record it with the visit' });
        throw e;
      });
    }
    const values = { form: JSON.stringify(form), outcome, visited_on: form.visited_on!, visitor: actor.label, status: 'submitted' as const, submitted_at: now, saved_at: now };
    const visit = draft
      ? await trx.updateTable('case_visit').set(values).where('id', '=', draft.id).returning('id').executeTakeFirstOrThrow()
      : await trx.insertInto('case_visit').values({ case_id: row.id, household_id: row.household_id, ...values }).returning('id').executeTakeFirstOrThrow();
    await deps.alerts.closeForCase(trx, await caseAlertIds(trx, row.id), outcome, actor.label, note);
    const result: StepResult = { event: { visit_id: visit.id, outcome, authorization_id: authorizationId } };
    // a review's visit is part of the review: the case stays under review
    if (row.state === 'under_review') result.to = 'under_review';
    return result;
  },
};

export const reopen: StepHandler = {
  async apply({ trx, row }) {
    return { visitDue: null, patch: { assignee_user_id: null }, event: { alerts: (await caseAlertIds(trx, row.id)).length } };
  },
};

export const registerHousehold: StepHandler = {
  async apply(ctx) {
    const { trx, row, data, actor, deps } = ctx;
    if (row.household_id) throw unmet('unregistered', { zh: '该案件已关联登记户', en: 'the case already has a registered household' });
    const h = (data.household ?? {}) as Data;
    if (typeof h !== 'object' || Array.isArray(h)) throw invalid('data.household', '应为对象', 'must be an object');
    let code: string;
    if (typeof h.household_code === 'string') {
      code = h.household_code;
      await requireSubjectIn(trx, code, row.subject_id_hash, deps.vault);
    } else {
      const application = row.source_kind === 'application' && row.source_id ? await deps.applications.forCase(row.source_id, trx) : null;
      // a case from a self-application registers the members the family gave (their ID numbers stay on the server)
      const members = (h.members ?? (application ? (await deps.applications.members(row.source_id!, trx)).map((m) => ({ ...m, categories: [] })) : [])) as PersonInput[];
      if (!Array.isArray(members) || members.length === 0) throw invalid('data.household.members', '请填写家庭成员', 'list the members');
      if (row.subject_id_hash && !members.some((m) => typeof m?.id_number === 'string' && deps.vault.hash(checkIdNumber(m.id_number).id_number ?? m.id_number) === row.subject_id_hash)) {
        throw invalid('data.household.members', '成员中应包含本案件的对象本人', "the members must include the case's subject");
      }
      const input: HouseholdInput = {
        code: typeof h.code === 'string' && h.code ? h.code : await nextHouseholdCode(trx, row.region_code),
        region_code: typeof h.region_code === 'string' ? h.region_code : row.region_code,
        hukou_type: String(h.hukou_type ?? application?.hukou_type ?? ''),
        address: typeof h.address === 'string' ? h.address : application?.address ?? null,
        members,
      };
      if (!inScope(actor, input.region_code)) throw invalid('data.household.region_code', '不在您的管辖范围内', 'outside your area');
      code = await deps.households.createIn(trx, input, { actor, reason: `救助案件 ${row.id} 核实登记 / registered by case ${row.id}` });
      if (application && row.subject_id_hash) await consentOf(trx, code, row.subject_id_hash, application.reference, application.consent, ctx);
    }
    const hh = await trx.selectFrom('household').select(['id', 'region_code']).where('code', '=', code).executeTakeFirstOrThrow();
    const other = await trx.selectFrom('assistance_case').select('id').where('household_id', '=', hh.id).where('state', 'not in', ['closed', 'exited', 'unreachable', 'no_need']).executeTakeFirst();
    if (other) throw new AppError('CONFLICT', { zh: `户「${code}」已有在办案件 ${other.id}`, en: `household "${code}" already has an open case ${other.id}` }, { case_id: other.id });
    return { patch: { household_id: hh.id, region_code: hh.region_code }, event: { household_code: code } };
  },
};

/** The applicant's online authorization becomes the new household's authorization record. */
async function consentOf(trx: Kysely<DB>, code: string, applicantHash: string, reference: string, consent: { signed_on?: string }, ctx: StepContext): Promise<void> {
  const p = await trx.selectFrom('person').select('id').where('id_number_hash', '=', applicantHash).executeTakeFirstOrThrow();
  const signed = consent.signed_on && consent.signed_on <= ctx.today ? consent.signed_on : ctx.today;
  await ctx.deps.authorizations.recordIn(trx, code, {
    signed_by_person_id: p.id, scope: [...CHECK_SCOPES], signed_on: signed, expires_on: monthsLater(signed, 12), file_ref: `online-application:${reference}`,
  }, ctx.actor, 'case.manage');
}

async function householdCode(trx: Kysely<DB>, id: string): Promise<string> {
  return (await trx.selectFrom('household').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code;
}

/** A code for a household registered from a case: H + the village code + a running number. */
async function nextHouseholdCode(trx: Kysely<DB>, village: string): Promise<string> {
  const r = await trx.selectFrom('household').select((eb) => eb.fn.countAll<string>().as('n')).where('code', 'like', `H${village}%`).executeTakeFirstOrThrow();
  for (let n = Number(r.n) + 1; ; n++) {
    const code = `H${village}${String(n).padStart(4, '0')}`;
    if (!(await trx.selectFrom('household').select('id').where('code', '=', code).executeTakeFirst())) return code;
  }
}

async function requireSubjectIn(trx: Kysely<DB>, code: string, hash: string | null, _vault: unknown): Promise<void> {
  if (!hash) return;
  const p = await trx.selectFrom('person as p').innerJoin('household as h', 'h.id', 'p.household_id').select('p.id').where('h.code', '=', code).where('p.id_number_hash', '=', hash).executeTakeFirst();
  if (!p) throw invalid('data.household.household_code', `户「${code}」中没有本案件的对象`, `household "${code}" does not hold the case's subject`);
}

function authorizationInput(raw: unknown): AuthorizationInput {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid('data.authorization', '应为对象', 'must be an object');
  const a = raw as Record<string, unknown>;
  return {
    signed_by_person_id: String(a.signed_by_person_id ?? ''),
    scope: Array.isArray(a.scope) ? a.scope.map(String) : [],
    signed_on: String(a.signed_on ?? ''),
    expires_on: String(a.expires_on ?? ''),
    file_ref: typeof a.file_ref === 'string' ? a.file_ref : null,
  };
}

export type { StepContext };
