/**
 * Every case action's form (docs/cases.md, the state machine table). The visit's own actions
 * (save_visit, record_visit) are not here: they open the home-visit page instead.
 */
import type { CaseAction } from '../../../api/cases';
import { checkSpec } from './CheckFields';
import { decideSpec, publicitySpec } from './DecideFields';
import { referSpec } from './ReferFields';
import { registerSpec } from './RegisterFields';
import { assignSpec, exitSpec, fastReliefSpec, temporarySpec } from './SmallFields';
import type { ActionSpec, ActionSpecs } from './spec';

/** Actions that open the home-visit page rather than a dialog. */
export const VISIT_ACTIONS: readonly CaseAction[] = ['save_visit', 'record_visit'];

export const ACTION_SPECS: ActionSpecs = {
  assign: assignSpec,
  start_visit: { note: 'optional', hint: 'startVisit.hint' },
  register_household: registerSpec,
  reopen: { note: 'required', noteLabel: 'reopen.note' },
  record_check: checkSpec,
  assess: { note: 'optional', hint: 'assess.hintStep' },
  start_publicity: publicitySpec,
  object: { note: 'required', noteLabel: 'object.note', danger: true },
  decide: decideSpec,
  refer: referSpec,
  fast_relief: fastReliefSpec,
  grant_temporary: temporarySpec,
  start_assistance: { note: 'optional', hint: 'startAssistance.hint' },
  close: { note: 'required', noteLabel: 'close.note', danger: true },
  start_review: { note: 'optional' },
  continue: { note: 'required', noteLabel: 'continue.note' },
  exit: exitSpec,
  extend: { note: 'required', noteLabel: 'extend.note', hint: 'extend.hint' },
};

/** A plain note form for an action this page does not know yet (the server may add one). */
export const FALLBACK_SPEC: ActionSpec = { note: 'optional' };

export const specOf = (action: string): ActionSpec => ACTION_SPECS[action as CaseAction] ?? FALLBACK_SPEC;
