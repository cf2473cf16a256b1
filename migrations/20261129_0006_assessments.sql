-- Identification assessments of registered households, stored so an auditor can replay them:
-- the input (sealed: it holds ID numbers), the parameter values used (key, region, start date,
-- version, value), and the result with ID numbers masked. Append-only.
CREATE TABLE assessment (
  id                 bigserial PRIMARY KEY,
  household_id       bigint NOT NULL REFERENCES household(id),
  snapshot_id        bigint REFERENCES economic_snapshot(id),
  region_code        text NOT NULL,
  as_of              date NOT NULL,
  tier               text NOT NULL CHECK (tier IN ('tekun', 'dibao', 'marginal', 'rigid_expense', 'none')),
  description_sealed text NOT NULL,
  parameters         jsonb NOT NULL,
  result             jsonb NOT NULL,
  engine_version     text NOT NULL,
  created_by         text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessment_household_idx ON assessment (household_id, created_at DESC);

-- Running an assessment is a new permission; existing installations grant it to the roles that
-- review applications (new installations get it from the default grants).
INSERT INTO role_permission (role, permission)
SELECT role, 'recognition.assess' FROM (VALUES ('province_admin'), ('civil_affairs_officer'), ('township_officer')) AS r(role)
WHERE EXISTS (SELECT 1 FROM role_permission)
ON CONFLICT DO NOTHING;
