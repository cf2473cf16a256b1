-- Dynamic monitoring and early warning: indicators as versioned data, monitoring runs, the
-- alerts they raise (with their evidence), and the working-day calendar deadlines count in.

CREATE TABLE monitor_indicator (
  code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,60}$'),
  definition  jsonb NOT NULL,
  version     integer NOT NULL,
  active      boolean NOT NULL DEFAULT true,
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Every version of every indicator: what an alert was raised under.
CREATE TABLE monitor_indicator_version (
  code        text NOT NULL REFERENCES monitor_indicator(code),
  version     integer NOT NULL,
  definition  jsonb NOT NULL,
  active      boolean NOT NULL,
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (code, version)
);

CREATE TABLE monitor_run (
  id             bigserial PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('full', 'incremental')),
  as_of          date NOT NULL,
  batch_id       bigint,
  actor          text NOT NULL,
  status         text NOT NULL CHECK (status IN ('running', 'finished', 'failed')),
  started_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz,
  subjects       integer NOT NULL DEFAULT 0,
  alerts_created integer NOT NULL DEFAULT 0,
  by_indicator   jsonb NOT NULL DEFAULT '{}'::jsonb,
  parameters     jsonb NOT NULL DEFAULT '{}'::jsonb,
  error          text
);
CREATE INDEX monitor_run_started_idx ON monitor_run (started_at DESC);

-- An alert is about a registered person (person_id), a household (household-level indicators:
-- person_id is the head), or someone only seen in departments' data (person_id NULL, id_hash set):
-- a "potential new low-income" lead. subject_key names it for idempotency and suppression.
CREATE TABLE monitor_alert (
  id                bigserial PRIMARY KEY,
  indicator         text NOT NULL REFERENCES monitor_indicator(code),
  indicator_version integer NOT NULL,
  level             text NOT NULL CHECK (level IN ('red', 'orange', 'yellow', 'blue')),
  level_rank        smallint NOT NULL,
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'verifying', 'closed')),
  outcome           text,
  subject_key       text COLLATE "C" NOT NULL,
  person_id         bigint REFERENCES person(id),
  household_id      bigint REFERENCES household(id),
  id_hash           text COLLATE "C",
  id_masked         text,
  region_code       text,
  as_of             date NOT NULL,
  deadline          date NOT NULL,
  action            text NOT NULL,
  evidence          jsonb NOT NULL,
  run_id            bigint NOT NULL REFERENCES monitor_run(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  handled_at        timestamptz,
  handled_by        text,
  note              text
);
-- A rerun of the same date never raises the same alert twice.
CREATE UNIQUE INDEX monitor_alert_once_uq ON monitor_alert (indicator, subject_key, as_of);
CREATE INDEX monitor_alert_subject_idx ON monitor_alert (subject_key, indicator, as_of DESC);
CREATE INDEX monitor_alert_region_idx ON monitor_alert (region_code text_pattern_ops, status);
CREATE INDEX monitor_alert_created_idx ON monitor_alert (created_at DESC);
CREATE INDEX monitor_alert_household_idx ON monitor_alert (household_id);

-- Exceptions to the Monday–Friday week: public holidays and make-up working days (调休), per the
-- State Council's yearly notice. Deadlines in working days count on this calendar.
CREATE TABLE work_calendar_day (
  day        date PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name       text NOT NULL,
  source     text,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO role_permission (role, permission)
SELECT role, permission FROM (VALUES
  ('province_admin', 'monitor.manage'), ('province_admin', 'alert.read'), ('province_admin', 'alert.handle'),
  ('civil_affairs_officer', 'alert.read'), ('civil_affairs_officer', 'alert.handle'),
  ('township_officer', 'alert.read'), ('township_officer', 'alert.handle'),
  ('village_worker', 'alert.read'), ('auditor', 'alert.read')
) AS g(role, permission)
WHERE EXISTS (SELECT 1 FROM role_permission)
ON CONFLICT DO NOTHING;
