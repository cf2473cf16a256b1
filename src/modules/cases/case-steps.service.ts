/**
 * Taking a step of a case: the one path every transition goes through. It checks the
 * permission, the case's region (out of scope is "not found"), the level the step needs and
 * the state it may be taken from; runs the step's handler in one transaction with the case
 * locked; and writes the new state, its deadline, the event and the audit entry. Nothing
 * changes when any check fails.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CalendarService } from '../monitoring/calendar/calendar.service.js';
import { can, requirePermission, type Actor } from '../access/domain/actor.js';
import { ACTION_RULES, atLevel, isOpenState, LEVEL_LABEL, ruleOf, stateLabel, targetState, type ActionRule, type CaseState, type VisitOutcome } from './domain/case-machine.js';
import { asData, optionalText } from './domain/step-data.js';
import { caseParams, stepDue } from './case-inputs.js';
import { findCase, insertEvent, lockCase, requireCase, updateCase, type CaseRow } from './case.store.js';
import type { CaseDeps, StepHandler } from './steps/step.js';
import { HANDLERS } from './steps/handlers.js';

export interface StepInput {
  action: string;
  note?: string | null;
  data?: unknown;
}

export class CaseStepService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: CaseDeps,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The actions possible from the case's state, and whether this actor may take each. */
  actionsFor(row: CaseRow, actor: Actor): { action: string; zh: string; en: string; permitted: boolean }[] {
    return ACTION_RULES.filter((r) => r.from.includes(row.state) && HANDLERS[r.action]).map((r) => ({ action: r.action, zh: r.zh, en: r.en, permitted: this.permitted(r, actor) }));
  }

  async take(id: string, input: StepInput, actor: Actor): Promise<{ row: CaseRow; follow_on?: Record<string, unknown> }> {
    const rule = ruleOf(input.action);
    const handler: StepHandler | undefined = rule ? HANDLERS[rule.action] : undefined;
    if (!rule || !handler) {
      throw new AppError('VALIDATION', { zh: `未知的操作「${input.action}」`, en: `unknown action "${input.action}"` }, { field: 'action' });
    }
    requirePermission(actor, rule.permission);
    for (const p of rule.also ?? []) requirePermission(actor, p);
    const visible = (r: CaseRow) => r.region_code.startsWith(actor.regionCode);
    const before = requireCase(await findCase(this.db, id), id, visible);
    this.checkLevel(rule, actor);
    this.checkState(rule, before.state);
    const note = optionalText({ note: input.note }, 'note', 2000, 'input');
    if (rule.requires.includes('note') && !note) {
      throw new AppError('VALIDATION', { zh: `「${rule.zh}」须写明理由或说明（note）`, en: `"${rule.en}" needs a written reason (note)` }, { field: 'note' });
    }
    const data = asData(input.data);
    const today = this.clock.today();
    const params = await caseParams(this.deps.policy, before.region_code, today, this.db);
    const cal = await this.calendar.workingCalendar();
    const base = { row: before, actor, note, data, today, now: this.clock.now(), params, cal, deps: this.deps };
    const prepared = handler.prepare ? await handler.prepare({ ...base, db: this.db }) : undefined;

    return this.db.transaction().execute(async (trx) => {
      const row = await lockCase(trx, id, visible);
      if (row.version !== before.version) this.checkState(rule, row.state);
      const result = await handler.apply({ ...base, row, trx, prepared });
      const outcome = typeof data.outcome === 'string' ? (data.outcome as VisitOutcome) : undefined;
      const to: CaseState = result.to ?? targetState(rule, row.state, outcome);
      const moved = to !== row.state;
      const patch = { ...result.patch };
      if (moved || result.visitDue !== undefined) {
        const publicityUntil = (patch.publicity_until as string | null | undefined) ?? row.publicity_until;
        patch.step_due = stepDue(to, today, cal, params, { visitDue: result.visitDue, publicityUntil });
      }
      if (moved) {
        Object.assign(patch, { state: to, state_since: base.now });
        if (!result.sameStep) patch.escalated_to = null;
        if (!isOpenState(to)) patch.closed_at = base.now;
      }
      await updateCase(trx, row.id, patch, base.now);
      const event = { ...result.event };
      const followOn = result.after ? await result.after(trx) : undefined;
      if (followOn) Object.assign(event, followOn);
      await insertEvent(trx, { case_id: row.id, actor: actor.label, action: rule.action, from_state: row.state, to_state: to, note, data: event, at: base.now });
      await this.audit.record({ actor: actor.label, action: `case.${rule.action}`, subject: `case:${row.id}`, detail: { from: row.state, to, ...event } }, trx);
      const after = await trx.selectFrom('assistance_case').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      return { row: after, follow_on: followOn ?? undefined };
    });
  }

  private permitted(rule: ActionRule, actor: Actor): boolean {
    return can(actor, rule.permission) && (rule.also ?? []).every((p) => can(actor, p)) && atLevel(actor.regionCode, rule.level);
  }

  private checkLevel(rule: ActionRule, actor: Actor): void {
    if (!atLevel(actor.regionCode, rule.level)) {
      const l = LEVEL_LABEL[rule.level];
      throw new AppError('FORBIDDEN', { zh: `「${rule.zh}」须由${l.zh}及以上办理`, en: `"${rule.en}" is taken at ${l.en} level or above` }, { requirement: 'level' });
    }
  }

  private checkState(rule: ActionRule, state: CaseState): void {
    if (!rule.from.includes(state)) {
      const s = stateLabel(state);
      throw new AppError('CONFLICT', {
        zh: `案件当前为「${s.zh}」，不能「${rule.zh}」（仅限：${rule.from.map((f) => stateLabel(f).zh).join('、')}）`,
        en: `the case is ${s.en}: "${rule.en}" is possible only from ${rule.from.map((f) => stateLabel(f).en).join(', ')}`,
      }, { state });
    }
  }
}

