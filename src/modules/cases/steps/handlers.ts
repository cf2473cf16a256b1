/** Each action of the state machine and the handler that takes it. */
import type { CaseAction } from '../domain/case-machine.js';
import type { StepHandler } from './step.js';
import { assign, recordVisit, registerHousehold, reopen, saveVisit, startVisit } from './visit-steps.js';
import { assess, recordCheck } from './check-steps.js';
import { decide, exit, extend, object, startPublicity } from './decision-steps.js';
import { close, continueAssistance, startAssistance, startReview } from './lifecycle-steps.js';
import { fastRelief, grantTemporary, refer } from './assistance-steps.js';

export const HANDLERS: Partial<Record<CaseAction, StepHandler>> = {
  assign,
  start_visit: startVisit,
  save_visit: saveVisit,
  register_household: registerHousehold,
  record_visit: recordVisit,
  reopen,
  record_check: recordCheck,
  assess,
  start_publicity: startPublicity,
  object,
  decide,
  refer,
  fast_relief: fastRelief,
  grant_temporary: grantTemporary,
  start_assistance: startAssistance,
  close,
  start_review: startReview,
  continue: continueAssistance,
  exit,
  extend,
};
