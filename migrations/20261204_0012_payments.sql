-- Payments (救助金发放, docs/payments.md): what a decision entitles a household or a person to
-- each month, the county's monthly roll (发放花名册) with a maker and a checker, and its lines,
-- which are the ledger: one regular line per entitlement and month, ever (no double payment).

CREATE TABLE payment_entitlement (
  id               bigserial PRIMARY KEY,
  program          text NOT NULL CHECK (program IN ('dibao_allowance', 'tekun_support', 'tekun_care', 'temporary', 'heating')),
  household_id     bigint NOT NULL REFERENCES household(id),
  payee_person_id  bigint NOT NULL REFERENCES person(id),
  -- {"kind": "dibao_gap" | "tekun_support" | "tekun_care"} or {"kind": "fixed", "amount_fen": N}
  rule             jsonb NOT NULL,
  start_month      text NOT NULL CHECK (start_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  end_month        text CHECK (end_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' AND end_month >= start_month),
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'ended')),
  -- the bank account: sealed like an ID number, masked for display (6222********1234)
  account_sealed   text,
  account_masked   text,
  case_id          bigint REFERENCES assistance_case(id),
  decision_id      bigint REFERENCES case_decision(id),
  source           text NOT NULL,                    -- 'decision:<id>' or 'import:<file name>'
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
-- one open entitlement per program and person (per household for household programs: its payee)
CREATE UNIQUE INDEX payment_entitlement_open_uq ON payment_entitlement (program, payee_person_id) WHERE status <> 'ended';
CREATE INDEX payment_entitlement_household_idx ON payment_entitlement (household_id);

-- A county's roll for a month: prepared (draft, recomputed on every prepare), then approved by
-- someone else and frozen; a later change goes to the next month's roll as an adjustment.
CREATE TABLE payment_roll (
  id           bigserial PRIMARY KEY,
  region_code  text NOT NULL REFERENCES region(code) CHECK (length(region_code) = 6),
  month        text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
  totals       jsonb NOT NULL,
  -- the distinct parameter lists its lines were computed with, once: {"p0": [{key, value, …}], …}
  parameters   jsonb NOT NULL DEFAULT '{}',
  prepared_by  text NOT NULL,
  prepared_at  timestamptz NOT NULL,
  approved_by  text,
  approved_at  timestamptz,
  CHECK (status = 'draft' OR (approved_by IS NOT NULL AND approved_by <> prepared_by)),
  UNIQUE (region_code, month)
);

-- A line of a roll: the ledger. amount_fen is what the roll pays (0 held or stopped, negative
-- for a recovery); for_month is the month the money is for (earlier than the roll's month for
-- back pay). bank_status follows the bank: pending → paid, or returned (a closed account).
CREATE TABLE payment_line (
  id                  bigserial PRIMARY KEY,
  roll_id             bigint NOT NULL REFERENCES payment_roll(id) ON DELETE CASCADE,
  entitlement_id      bigint NOT NULL REFERENCES payment_entitlement(id),
  household_id        bigint NOT NULL REFERENCES household(id),
  payee_person_id     bigint NOT NULL REFERENCES person(id),
  program             text NOT NULL,
  for_month           text NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('regular', 'adjustment')),
  status              text NOT NULL CHECK (status IN ('payable', 'held', 'stopped', 'recovery')),
  change              text NOT NULL CHECK (change IN ('new', 'stopped', 'changed', 'unchanged', 'back_pay', 'recovery')),
  amount_fen          bigint NOT NULL,
  due_fen             bigint,
  previous_amount_fen bigint,
  reason              jsonb,                          -- {code, zh, en}: why held, stopped or adjusted
  change_reason       jsonb NOT NULL,                 -- {zh, en}: against last month
  basis               jsonb,                          -- how the amount was computed; parameters_ref names the roll's list
  bank_status         text NOT NULL DEFAULT 'pending' CHECK (bank_status IN ('pending', 'paid', 'returned')),
  returned_reason     text
);
-- a month is paid once per entitlement: the regular line is unique across every roll
CREATE UNIQUE INDEX payment_line_regular_uq ON payment_line (entitlement_id, for_month) WHERE kind = 'regular';
CREATE INDEX payment_line_roll_idx ON payment_line (roll_id);
CREATE INDEX payment_line_entitlement_idx ON payment_line (entitlement_id, for_month);

INSERT INTO role_permission (role, permission)
SELECT role, permission FROM (VALUES
  ('province_admin', 'payment.read'), ('province_admin', 'payment.prepare'), ('province_admin', 'payment.approve'),
  ('civil_affairs_officer', 'payment.read'), ('civil_affairs_officer', 'payment.prepare'), ('civil_affairs_officer', 'payment.approve'),
  ('auditor', 'payment.read')
) AS g(role, permission)
WHERE EXISTS (SELECT 1 FROM role_permission)
ON CONFLICT DO NOTHING;
