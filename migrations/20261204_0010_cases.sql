-- From warning to help: discovery channels (self-applications, village workers' reports, and
-- monitoring alerts), the case that follows a household from discovery to exit, its home visits,
-- economic checks and decisions, assistance programs as data, referrals to departments, the
-- assistance delivered, and follow-up review tasks. Docs: docs/cases.md, docs/assistance.md.

-- An online (or window) self-application: the applicant, the members, the need and the signed
-- authorization for the economic check. ID numbers and the phone are sealed like the registry's.
CREATE TABLE case_application (
  id                  bigserial PRIMARY KEY,
  reference           text NOT NULL UNIQUE,          -- told to the applicant: SQ20261204000123
  region_code         text NOT NULL REFERENCES region(code),
  hukou_type          text NOT NULL CHECK (hukou_type IN ('urban', 'rural')),
  address             text,
  applicant_name      text NOT NULL,
  applicant_id_hash   text COLLATE "C" NOT NULL,
  applicant_id_sealed text NOT NULL,
  applicant_id_masked text NOT NULL,
  phone_sealed        text,
  phone_masked        text,
  members_sealed      text NOT NULL,                 -- sealed JSON: [{name, id_number, relation}], the applicant first
  member_count        integer NOT NULL CHECK (member_count >= 1),
  needs               text[] NOT NULL,
  description         text,
  consent             jsonb NOT NULL,                -- {signer_name, scope[], signed_on, declaration}
  channel             text NOT NULL CHECK (channel IN ('online', 'window')),
  status              text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'accepted', 'withdrawn')),
  received_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_application_region_idx ON case_application (region_code text_pattern_ops, status);
CREATE INDEX case_application_applicant_idx ON case_application (applicant_id_hash);

-- A village grid worker's report of a household (or a person not in the registry) in difficulty.
CREATE TABLE case_report (
  id               bigserial PRIMARY KEY,
  household_id     bigint REFERENCES household(id),
  person_name      text,
  person_id_hash   text COLLATE "C",
  person_id_sealed text,
  person_id_masked text,
  region_code      text NOT NULL REFERENCES region(code),
  address          text,
  difficulties     text[] NOT NULL,
  description      text NOT NULL,
  urgency          text NOT NULL CHECK (urgency IN ('normal', 'urgent')),
  reported_by      text NOT NULL,
  client_key       text,                             -- the form's own id: a double submission is recognized
  status           text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'accepted')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (household_id IS NOT NULL OR person_id_hash IS NOT NULL)
);
CREATE UNIQUE INDEX case_report_client_key_uq ON case_report (reported_by, client_key) WHERE client_key IS NOT NULL;
CREATE INDEX case_report_region_idx ON case_report (region_code text_pattern_ops, status);

-- The case: one household's way from discovery to help and exit. A person not yet in the
-- registry is the subject (masked, hashed) until the household is registered at verification.
CREATE TABLE assistance_case (
  id                bigserial PRIMARY KEY,
  household_id      bigint REFERENCES household(id),
  subject_name      text,
  subject_id_hash   text COLLATE "C",
  subject_id_sealed text,
  subject_id_masked text,
  region_code       text NOT NULL REFERENCES region(code),
  source_kind       text NOT NULL CHECK (source_kind IN ('alert', 'application', 'report', 'review', 'exit_review')),
  source_id         bigint,
  state             text NOT NULL CHECK (state IN (
                      'discovered', 'assigned', 'verifying', 'economic_check', 'assessed', 'publicity', 'decided',
                      'assisting', 'under_review', 'closed', 'exited', 'unreachable', 'no_need')),
  state_since       timestamptz NOT NULL DEFAULT now(),
  step_due          date,
  total_due         date,
  extended          boolean NOT NULL DEFAULT false,
  escalated_to      text,                            -- the region (level) an overdue step was escalated to
  assignee_region   text REFERENCES region(code),
  assignee_user_id  bigint REFERENCES app_user(id),
  proposed_category text,
  assessment_id     bigint REFERENCES assessment(id),
  publicity_from    date,
  publicity_until   date,
  version           integer NOT NULL DEFAULT 1,
  created_by        text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  closed_at         timestamptz,
  CHECK (household_id IS NOT NULL OR subject_id_hash IS NOT NULL)
);
CREATE INDEX assistance_case_region_idx ON assistance_case (region_code text_pattern_ops, state);
CREATE INDEX assistance_case_household_idx ON assistance_case (household_id);
CREATE INDEX assistance_case_subject_idx ON assistance_case (subject_id_hash);
-- An application, a report or a review task becomes at most one case.
CREATE UNIQUE INDEX assistance_case_source_uq ON assistance_case (source_kind, source_id) WHERE source_kind IN ('application', 'report', 'review');
-- One household, one open chain: a new discovery joins the household's open case.
CREATE UNIQUE INDEX assistance_case_open_household_uq ON assistance_case (household_id)
  WHERE household_id IS NOT NULL AND state NOT IN ('closed', 'exited', 'unreachable', 'no_need');

-- The alerts a case answers (an alert belongs to at most one case).
CREATE TABLE case_alert (
  case_id     bigint NOT NULL REFERENCES assistance_case(id),
  alert_id    bigint NOT NULL UNIQUE REFERENCES monitor_alert(id),
  attached_by text NOT NULL,
  attached_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, alert_id)
);

-- Every step of a case: who, when, from which state to which, why, and what was recorded.
CREATE TABLE case_event (
  id         bigserial PRIMARY KEY,
  case_id    bigint NOT NULL REFERENCES assistance_case(id),
  at         timestamptz NOT NULL DEFAULT now(),
  actor      text NOT NULL,
  action     text NOT NULL,
  from_state text,
  to_state   text NOT NULL,
  note       text,
  data       jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX case_event_case_idx ON case_event (case_id, id);

-- A home visit (入户调查): drafts are saved as the worker goes; a submitted visit is final.
CREATE TABLE case_visit (
  id           bigserial PRIMARY KEY,
  case_id      bigint NOT NULL REFERENCES assistance_case(id),
  household_id bigint REFERENCES household(id),
  visitor      text NOT NULL,
  status       text NOT NULL CHECK (status IN ('draft', 'submitted')),
  form         jsonb NOT NULL,
  outcome      text CHECK (outcome IN ('need_confirmed', 'no_need', 'unreachable')),
  visited_on   date,
  saved_at     timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz
);
CREATE INDEX case_visit_case_idx ON case_visit (case_id);
CREATE UNIQUE INDEX case_visit_one_draft_uq ON case_visit (case_id) WHERE status = 'draft';

-- The economic-status check (家庭经济状况核对): under which authorization, which data were
-- queried, what was found; the figures become an economic_snapshot of source 'economic_check'.
CREATE TABLE economic_check (
  id               bigserial PRIMARY KEY,
  case_id          bigint NOT NULL REFERENCES assistance_case(id),
  household_id     bigint NOT NULL REFERENCES household(id),
  authorization_id bigint NOT NULL REFERENCES authorization_record(id),
  checked_on       date NOT NULL,
  scopes           text[] NOT NULL,
  snapshot_id      bigint NOT NULL REFERENCES economic_snapshot(id),
  findings         text,
  recorded_by      text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX economic_check_case_idx ON economic_check (case_id);

-- A decision: a recognition approved or refused (with written reasons), or an exit. Approval
-- writes category memberships whose source is 'decision:<id>'.
CREATE TABLE case_decision (
  id              bigserial PRIMARY KEY,
  case_id         bigint NOT NULL REFERENCES assistance_case(id),
  household_id    bigint NOT NULL REFERENCES household(id),
  kind            text NOT NULL CHECK (kind IN ('recognition', 'exit')),
  outcome         text NOT NULL CHECK (outcome IN ('approved', 'refused', 'exited')),
  category        text CHECK (category IN ('dibao', 'tekun', 'marginal', 'rigid_expense')),
  engine_tier     text,
  override_reason text,
  reasons         text,
  assessment_id   bigint REFERENCES assessment(id),
  parameters      jsonb NOT NULL DEFAULT '[]'::jsonb,
  person_ids      jsonb NOT NULL DEFAULT '[]'::jsonb,
  valid_from      date,
  valid_to        date,
  monthly_amount  numeric(12,2),
  decided_by      text NOT NULL,
  decided_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_decision_case_idx ON case_decision (case_id);
CREATE INDEX case_decision_household_idx ON case_decision (household_id);

-- Assistance programs as versioned data (like indicators): who provides them, who qualifies, the amount rule.
CREATE TABLE assistance_program (
  code       text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,60}$'),
  definition jsonb NOT NULL,
  version    integer NOT NULL,
  active     boolean NOT NULL DEFAULT true,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE assistance_program_version (
  code       text NOT NULL REFERENCES assistance_program(code),
  version    integer NOT NULL,
  definition jsonb NOT NULL,
  active     boolean NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (code, version)
);

-- A referral (转介) of a household to a department's program; the department answers it.
CREATE TABLE referral (
  id              bigserial PRIMARY KEY,
  case_id         bigint REFERENCES assistance_case(id),
  household_id    bigint NOT NULL REFERENCES household(id),
  program_code    text NOT NULL REFERENCES assistance_program(code),
  program_version integer NOT NULL,
  department      text NOT NULL,                    -- catalog department code of the provider
  region_code     text NOT NULL REFERENCES region(code),
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
  reason          text,                             -- why it was recommended
  note            text,
  requested_by    text NOT NULL,
  requested_at    timestamptz NOT NULL DEFAULT now(),
  due             date,
  responded_by    text,
  responded_at    timestamptz,
  result          text,
  amount          numeric(12,2),
  granted_on      date,
  period_from     date,
  period_to       date
);
CREATE INDEX referral_department_idx ON referral (department, status);
CREATE INDEX referral_household_idx ON referral (household_id);
CREATE INDEX referral_case_idx ON referral (case_id);
-- One open referral per household and program.
CREATE UNIQUE INDEX referral_open_uq ON referral (household_id, program_code) WHERE status = 'pending';

-- Assistance delivered (money or service), from any department: the ledger the household chain
-- shows and the double-payment check reads.
CREATE TABLE assistance_grant (
  id           bigserial PRIMARY KEY,
  household_id bigint NOT NULL REFERENCES household(id),
  person_id    bigint REFERENCES person(id),
  case_id      bigint REFERENCES assistance_case(id),
  referral_id  bigint REFERENCES referral(id),
  program_code text NOT NULL REFERENCES assistance_program(code),
  department   text NOT NULL,
  amount       numeric(12,2),
  period_from  date NOT NULL,
  period_to    date NOT NULL,
  granted_on   date NOT NULL,
  fast         boolean NOT NULL DEFAULT false,     -- 小额快救
  duplicate_of bigint REFERENCES assistance_grant(id),
  reason       text,
  recorded_by  text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (period_to >= period_from)
);
CREATE INDEX assistance_grant_household_idx ON assistance_grant (household_id, program_code, period_from);

-- Follow-up: periodic reviews by category and recognitions about to expire.
CREATE TABLE review_task (
  id           bigserial PRIMARY KEY,
  household_id bigint NOT NULL REFERENCES household(id),
  case_id      bigint REFERENCES assistance_case(id),
  kind         text NOT NULL CHECK (kind IN ('periodic_review', 'expiry')),
  category     text NOT NULL,
  region_code  text NOT NULL REFERENCES region(code),
  due          date NOT NULL,
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  done_at      timestamptz,
  done_by      text
);
CREATE UNIQUE INDEX review_task_once_uq ON review_task (household_id, kind, category, due);
CREATE INDEX review_task_region_idx ON review_task (region_code text_pattern_ops, status, due);

INSERT INTO role_permission (role, permission)
SELECT role, permission FROM (VALUES
  ('province_admin', 'case.read'), ('province_admin', 'case.manage'), ('province_admin', 'case.visit'), ('province_admin', 'case.report'),
  ('province_admin', 'case.decide'), ('province_admin', 'program.manage'),
  ('civil_affairs_officer', 'case.read'), ('civil_affairs_officer', 'case.manage'), ('civil_affairs_officer', 'case.visit'), ('civil_affairs_officer', 'case.decide'),
  ('township_officer', 'case.read'), ('township_officer', 'case.manage'), ('township_officer', 'case.visit'), ('township_officer', 'case.report'),
  ('village_worker', 'case.read'), ('village_worker', 'case.visit'), ('village_worker', 'case.report'),
  ('auditor', 'case.read')
) AS g(role, permission)
WHERE EXISTS (SELECT 1 FROM role_permission)
ON CONFLICT DO NOTHING;
