/**
 * What a case step handler gets and gives back. The case service checks the state, the
 * permission, the level and the region, locks the case, then calls the handler inside the
 * step's transaction; it writes the new state, the deadline, the event and the audit entry.
 */
import type { Kysely, Updateable } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import type { AssistanceCaseTable } from '../../../platform/db/schema-cases.js';
import type { PiiVault } from '../../../platform/crypto/pii-vault.js';
import { AppError, type Bilingual } from '../../../platform/errors.js';
import type { Actor } from '../../access/domain/actor.js';
import type { AuthorizationService } from '../../access/authorization.service.js';
import type { AssessmentService } from '../../recognition/assessment.service.js';
import type { HouseholdService } from '../../registry/household.service.js';
import type { AlertService } from '../../monitoring/alert.service.js';
import type { PolicyService } from '../../policy/policy.service.js';
import type { WorkingCalendar } from '../../monitoring/calendar/working-days.js';
import type { ReferralService } from '../../assistance/referral.service.js';
import type { GrantService } from '../../assistance/grant.service.js';
import type { CaseParams } from '../case-inputs.js';
import type { CaseRow } from '../case.store.js';
import type { CaseState, Requirement } from '../domain/case-machine.js';
import type { Data } from '../domain/step-data.js';

/** What a case reads of a self-application it came from (the intake module). */
export interface ApplicationReads {
  members(id: string, db: Kysely<DB>): Promise<{ name: string; id_number: string; relation: string }[]>;
  forCase(id: string, db: Kysely<DB>): Promise<{ reference: string; hukou_type: string; address: string | null; consent: { signed_on?: string } }>;
}

export interface CaseDeps {
  applications: ApplicationReads;
  referrals: ReferralService;
  grants: GrantService;
  households: HouseholdService;
  authorizations: AuthorizationService;
  assessments: AssessmentService;
  alerts: AlertService;
  policy: PolicyService;
  vault: PiiVault;
}

export interface StepContext {
  trx: Kysely<DB>;
  row: CaseRow;
  actor: Actor;
  note: string | null;
  data: Data;
  today: string;
  /** The services' clock: every time a step records. */
  now: Date;
  params: CaseParams;
  cal: WorkingCalendar;
  deps: CaseDeps;
  /** What the handler's `prepare` returned (work done before the transaction). */
  prepared: unknown;
}

export interface StepResult {
  /** The state to enter when the action's rule does not fix it (record_visit, assess). */
  to?: CaseState;
  patch?: Updateable<AssistanceCaseTable>;
  /** Recorded with the step in case_event.data (ids and codes, never an ID number or a name). */
  event?: Record<string, unknown>;
  /** The visit's deadline when the step enters assigned or verifying. */
  visitDue?: string | null;
  /** The state changes but the step goes on (assigned → verifying): its deadline and escalation stay. */
  sameStep?: boolean;
  /** Work that must follow the case's own update in the same transaction (a follow-on case). */
  after?: (trx: Kysely<DB>) => Promise<Record<string, unknown> | void>;
}

export interface StepHandler {
  /** Work before the step's transaction (e.g. an assessment, which is stored on its own). */
  prepare?: (ctx: Omit<StepContext, 'trx' | 'prepared'> & { db: Kysely<DB> }) => Promise<unknown>;
  apply: (ctx: StepContext) => Promise<StepResult>;
}

/** A requirement of the step that the case does not meet: 409, naming it. */
export function unmet(requirement: Requirement | string, message: Bilingual): AppError {
  return new AppError('CONFLICT', message, { requirement });
}

export function requireHouseholdOf(row: CaseRow): string {
  if (!row.household_id) {
    throw unmet('household', { zh: '该对象尚未登记入库，请先办理「登记入库」', en: 'the person is not in the registry yet: register the household first' });
  }
  return row.household_id;
}
