/**
 * A case as officers see it (docs/cases.md "Reading cases"): the household or the person not yet
 * registered (masked), where it came from, its deadlines and escalation, every record of its
 * steps, and the actions the user may take next.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor } from '../access/domain/actor.js';
import type { AssessmentResult, AssessmentService } from '../recognition/assessment.service.js';
import { FINISHED_STATES, stateLabel } from './domain/case-machine.js';
import type { CaseRow } from './case.store.js';
import type { CaseStepService } from './case-steps.service.js';

export interface CaseSummary {
  id: string;
  state: string;
  state_zh: string;
  state_en: string;
  household_code: string | null;
  region_code: string;
  region_name: string | null;
  head: { name: string; id_number_masked: string } | null;
  subject: { name: string | null; id_number_masked: string | null } | null;
  source: { kind: string; id: string | null };
  proposed_category: string | null;
  deadlines: { step: { due: string | null; overdue: boolean }; total: { due: string | null; extended: boolean; overdue: boolean } };
  escalated_to: { code: string; name: string | null } | null;
  created_at: string;
  updated_at: string;
}

/** Assistance records the case shows; filled by the assistance module once it is wired. */
export interface AssistanceReads {
  referralsForCase(caseId: string, db: Kysely<DB>): Promise<unknown[]>;
  grantsForCase(caseId: string, db: Kysely<DB>): Promise<unknown[]>;
}

export interface CaseView extends CaseSummary {
  address: string | null;
  alerts: { id: string; indicator: string; level: string; status: string; deadline: string; as_of: string }[];
  assignee: { region_code: string; region_name: string | null; username: string | null } | null;
  assessment: AssessmentResult | null;
  decision: DecisionView | null;
  decisions: DecisionView[];
  publicity: { from: string; until: string; over: boolean } | null;
  visits: unknown[];
  checks: unknown[];
  referrals: unknown[];
  grants: unknown[];
  history: { at: string; actor: string; action: string; from: string | null; to: string; note: string | null; data: unknown }[];
  actions: { action: string; zh: string; en: string; permitted: boolean }[];
}

export interface DecisionView {
  id: string; kind: string; outcome: string; category: string | null; engine_tier: string | null; override_reason: string | null; reasons: string | null;
  assessment_id: string | null; person_ids: unknown; valid_from: string | null; valid_to: string | null; monthly_amount: number | null; decided_by: string; decided_at: string;
}

const iso = (d: Date) => new Date(d).toISOString();

export class CaseViews {
  private assistance: AssistanceReads | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly steps: CaseStepService,
    private readonly assessments: AssessmentService,
    private readonly clock: Clock,
  ) {}

  useAssistance(reads: AssistanceReads): void {
    this.assistance = reads;
  }

  async summaries(rows: CaseRow[]): Promise<CaseSummary[]> {
    if (rows.length === 0) return [];
    const householdIds = rows.map((r) => r.household_id).filter((id): id is string => !!id);
    const households = householdIds.length
      ? await this.db.selectFrom('household as h').leftJoin('person as p', (j) => j.onRef('p.household_id', '=', 'h.id').on('p.relation', '=', 'head'))
        .select(['h.id', 'h.code', 'h.address', 'p.name', 'p.id_number_masked']).where('h.id', 'in', householdIds).execute()
      : [];
    const codes = [...new Set(rows.flatMap((r) => [r.region_code, r.escalated_to ?? '']).filter(Boolean))];
    const names = new Map((await this.db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute()).map((r) => [r.code, r.name]));
    const today = this.clock.today();
    return rows.map((r) => {
      const h = households.find((x) => x.id === r.household_id);
      const open = !FINISHED_STATES.includes(r.state);
      const s = stateLabel(r.state);
      return {
        id: r.id, state: r.state, state_zh: s.zh, state_en: s.en,
        household_code: h?.code ?? null, region_code: r.region_code, region_name: names.get(r.region_code) ?? null,
        head: h?.name ? { name: h.name, id_number_masked: h.id_number_masked! } : null,
        subject: r.household_id ? null : { name: r.subject_name, id_number_masked: r.subject_id_masked },
        source: { kind: r.source_kind, id: r.source_id },
        proposed_category: r.proposed_category,
        deadlines: {
          step: { due: r.step_due, overdue: open && r.state !== 'assisting' && !!r.step_due && r.step_due < today },
          total: { due: r.total_due, extended: r.extended, overdue: beforeDecision(r.state) && !!r.total_due && r.total_due < today },
        },
        escalated_to: r.escalated_to ? { code: r.escalated_to, name: names.get(r.escalated_to) ?? null } : null,
        created_at: iso(r.created_at), updated_at: iso(r.updated_at),
      };
    });
  }

  async build(row: CaseRow, actor: Actor): Promise<CaseView> {
    const [summary] = await this.summaries([row]);
    const db = this.db;
    const alerts = await db.selectFrom('case_alert as ca').innerJoin('monitor_alert as a', 'a.id', 'ca.alert_id')
      .select(['a.id', 'a.indicator', 'a.level', 'a.status', 'a.deadline', 'a.as_of']).where('ca.case_id', '=', row.id).orderBy('a.id').execute();
    const events = await db.selectFrom('case_event').selectAll().where('case_id', '=', row.id).orderBy('id').execute();
    const visits = await db.selectFrom('case_visit').select(['id', 'status', 'outcome', 'visited_on', 'visitor', 'form', 'saved_at', 'submitted_at']).where('case_id', '=', row.id).orderBy('id').execute();
    const checks = await db.selectFrom('economic_check as c').innerJoin('economic_snapshot as s', 's.id', 'c.snapshot_id')
      .select(['c.id', 'c.checked_on', 'c.scopes', 'c.findings', 'c.recorded_by', 'c.authorization_id', 's.income_wage', 's.income_business', 's.income_property', 's.income_transfer', 's.income_other',
        's.financial_assets', 's.vehicle_count', 's.vehicle_value', 's.property_count', 's.rigid_medical', 's.rigid_education', 's.rigid_rehab', 's.rigid_other'])
      .where('c.case_id', '=', row.id).orderBy('c.id').execute();
    const decisions = (await db.selectFrom('case_decision').selectAll().where('case_id', '=', row.id).orderBy('id').execute()).map((d) => ({
      id: d.id, kind: d.kind, outcome: d.outcome, category: d.category, engine_tier: d.engine_tier, override_reason: d.override_reason, reasons: d.reasons,
      assessment_id: d.assessment_id, person_ids: d.person_ids, valid_from: d.valid_from, valid_to: d.valid_to,
      monthly_amount: d.monthly_amount === null ? null : Number(d.monthly_amount), decided_by: d.decided_by, decided_at: iso(d.decided_at),
    }));
    const assignee = row.assignee_region ? {
      region_code: row.assignee_region,
      region_name: (await db.selectFrom('region').select('name').where('code', '=', row.assignee_region).executeTakeFirst())?.name ?? null,
      username: row.assignee_user_id ? (await db.selectFrom('app_user').select('username').where('id', '=', row.assignee_user_id).executeTakeFirst())?.username ?? null : null,
    } : null;
    const address = row.household_id ? (await db.selectFrom('household').select('address').where('id', '=', row.household_id).executeTakeFirst())?.address ?? null : null;
    return {
      ...summary,
      address,
      alerts: alerts.map((a) => ({ ...a, id: a.id })),
      assignee,
      assessment: row.assessment_id ? await this.assessments.forCase(row.assessment_id) : null,
      decision: decisions.filter((d) => d.kind === 'recognition').at(-1) ?? null,
      decisions,
      publicity: row.publicity_from && row.publicity_until ? { from: row.publicity_from, until: row.publicity_until, over: this.clock.today() > row.publicity_until } : null,
      visits: visits.map((v) => ({ ...v, saved_at: iso(v.saved_at), submitted_at: v.submitted_at ? iso(v.submitted_at) : null })),
      checks: checks.map((c) => ({ ...c, figures: figuresOf(c) })).map(({ id, checked_on, scopes, findings, recorded_by, authorization_id, figures }) => ({ id, checked_on, scopes, findings, recorded_by, authorization_id, figures })),
      referrals: this.assistance ? await this.assistance.referralsForCase(row.id, db) : [],
      grants: this.assistance ? await this.assistance.grantsForCase(row.id, db) : [],
      history: events.map((e) => ({ at: iso(e.at), actor: e.actor, action: e.action, from: e.from_state, to: e.to_state, note: e.note, data: e.data })),
      actions: this.steps.actionsFor(row, actor),
    };
  }
}

function beforeDecision(state: string): boolean {
  return ['discovered', 'assigned', 'verifying', 'economic_check', 'assessed', 'publicity'].includes(state);
}

const FIGURES = ['income_wage', 'income_business', 'income_property', 'income_transfer', 'income_other', 'financial_assets', 'vehicle_count', 'vehicle_value', 'property_count', 'rigid_medical', 'rigid_education', 'rigid_rehab', 'rigid_other'] as const;

function figuresOf(c: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(FIGURES.map((k) => [k, Number(c[k] ?? 0)]));
}
