-- Regions and the low-income population registry.
-- Runs on PostgreSQL 15+ and on PGlite (PostgreSQL 18 in WASM): plain SQL, no extensions.

CREATE TABLE region (
  code        text PRIMARY KEY,              -- NBS variable-length code: 22, 2201, 220102, 220102001, 220102001001
  code12      text NOT NULL UNIQUE,          -- 12-digit padded form
  name        text NOT NULL,
  parent_code text REFERENCES region(code),
  level       text NOT NULL CHECK (level IN ('province', 'prefecture', 'county', 'township', 'village')),
  kind        text,                          -- township kind by code range; development zone marker for counties
  in_gbt2260  boolean NOT NULL DEFAULT true
);
CREATE INDEX region_parent_idx ON region (parent_code);
CREATE INDEX region_code_prefix_idx ON region (code text_pattern_ops);

CREATE TABLE household (
  id               bigserial PRIMARY KEY,
  code             text NOT NULL UNIQUE,
  region_code      text NOT NULL REFERENCES region(code),
  hukou_type       text NOT NULL CHECK (hukou_type IN ('urban', 'rural')),
  address          text,
  hukou_booklet_no text,
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'dissolved')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
-- Region subtree queries are prefix matches on the hierarchical code.
CREATE INDEX household_region_idx ON household (region_code text_pattern_ops);

CREATE TABLE person (
  id               bigserial PRIMARY KEY,
  -- The ID number (18-digit GB 11643-1999; 15-digit numbers are upgraded on entry) is never
  -- stored in the plain: a keyed hash (HMAC-SHA256) for exact-match lookup and matching, the
  -- value sealed with AES-256-GCM, and its masked form for display.
  id_number_hash   text NOT NULL UNIQUE,
  id_number_sealed text NOT NULL,
  id_number_masked text NOT NULL,
  name             text NOT NULL,
  household_id     bigint REFERENCES household(id),
  relation         text NOT NULL CHECK (relation IN ('head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other')),
  sex              text NOT NULL CHECK (sex IN ('male', 'female')),
  birth_date       date NOT NULL,
  disability_type  text CHECK (disability_type IN ('visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple')),
  disability_grade smallint CHECK (disability_grade BETWEEN 1 AND 4),
  work_ability     text CHECK (work_ability IN ('full', 'partial', 'none')),
  health           text CHECK (health IN ('healthy', 'chronic', 'serious')),
  school_stage     text,
  employment       text,
  phone_hash       text,                      -- keyed hash, to tell a changed phone from an unchanged one
  phone_sealed     text,
  phone_masked     text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_household_idx ON person (household_id);
CREATE INDEX person_name_idx ON person (name text_pattern_ops);

-- Category memberships with history: a row is never overwritten; ending a membership sets valid_to/status.
CREATE TABLE category_membership (
  id          bigserial PRIMARY KEY,
  person_id   bigint NOT NULL REFERENCES person(id),
  category    text NOT NULL CHECK (category IN ('dibao', 'tekun', 'marginal', 'rigid_expense', 'anti_return_poverty', 'other')),
  status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'ended')),
  valid_from  date NOT NULL,
  valid_to    date,
  decided_by  text,
  source      text NOT NULL,                 -- import:<batch>, decision:<id>, manual, demo
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX category_membership_person_idx ON category_membership (person_id);
CREATE INDEX category_membership_active_idx ON category_membership (category) WHERE status = 'active';
-- At most one open membership per person and category.
CREATE UNIQUE INDEX category_membership_open_uq ON category_membership (person_id, category) WHERE valid_to IS NULL;

-- Household economic situation at a date, from a source (declaration, economic check, import).
-- Amounts are CNY; incomes and rigid expenses cover the 12 months before as_of.
CREATE TABLE economic_snapshot (
  id                 bigserial PRIMARY KEY,
  household_id       bigint NOT NULL REFERENCES household(id),
  as_of              date NOT NULL,
  source             text NOT NULL,
  income_wage        numeric(14,2) NOT NULL DEFAULT 0,
  income_business    numeric(14,2) NOT NULL DEFAULT 0,
  income_property    numeric(14,2) NOT NULL DEFAULT 0,
  income_transfer    numeric(14,2) NOT NULL DEFAULT 0,
  income_other       numeric(14,2) NOT NULL DEFAULT 0,
  financial_assets   numeric(14,2) NOT NULL DEFAULT 0,
  vehicle_count      integer NOT NULL DEFAULT 0,
  vehicle_value      numeric(14,2) NOT NULL DEFAULT 0,
  property_count     integer NOT NULL DEFAULT 0,
  rigid_medical      numeric(14,2) NOT NULL DEFAULT 0,
  rigid_education    numeric(14,2) NOT NULL DEFAULT 0,
  rigid_rehab        numeric(14,2) NOT NULL DEFAULT 0,
  rigid_other        numeric(14,2) NOT NULL DEFAULT 0,
  recorded_by        text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX economic_snapshot_household_idx ON economic_snapshot (household_id, as_of DESC);

-- Every change to the registry: who, when, why, and what changed. Append-only.
CREATE TABLE registry_history (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL,
  action      text NOT NULL,                 -- household.create, person.update, person.move, membership.create, ...
  household_id bigint,
  person_id   bigint,
  reason      text,
  batch_id    bigint,
  changes     jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX registry_history_household_idx ON registry_history (household_id, at);
CREATE INDEX registry_history_person_idx ON registry_history (person_id, at);

-- One row per import run (registry and, later, department datasets).
CREATE TABLE import_batch (
  id          bigserial PRIMARY KEY,
  kind        text NOT NULL,                 -- 'registry'
  file_name   text,
  file_sha256 text,
  actor       text NOT NULL,
  status      text NOT NULL CHECK (status IN ('running', 'committed', 'refused', 'failed')),
  rows_total  integer NOT NULL DEFAULT 0,
  accepted    integer NOT NULL DEFAULT 0,
  rejected    integer NOT NULL DEFAULT 0,
  unchanged   integer NOT NULL DEFAULT 0,
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  summary     jsonb NOT NULL DEFAULT '{}'::jsonb
);

-- Who did what: every read of a person's details and every change is recorded here.
-- (The access issue turns this into a hash-chained, tamper-evident log.)
CREATE TABLE audit_log (
  id        bigserial PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  actor     text NOT NULL,
  action    text NOT NULL,
  subject   text,                            -- e.g. household:<code>, person:<id>; never an ID number or name
  detail    jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at);

-- Reference data loaded and their versions, so a fresh database loads each once.
CREATE TABLE reference_data (
  name      text PRIMARY KEY,
  version   text NOT NULL,
  rows      integer NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);
