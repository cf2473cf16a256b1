/**
 * Login and session rules (MLPS 2.0 level 3 habits). Kept here, documented in docs/access.md;
 * the policy-parameter module will make them editable per deployment.
 */
export const ACCESS_SETTINGS = {
  /** Failed logins in a row before the account is locked. */
  maxFailedLogins: 5,
  lockoutMinutes: 15,
  /** A session unused this long is closed. */
  idleTimeoutMinutes: 30,
  /** A session ends after this long whatever its use. */
  absoluteTimeoutHours: 12,
  sessionCookie: 'sn_session',
};
