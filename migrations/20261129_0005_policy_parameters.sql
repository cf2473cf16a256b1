-- Policy parameters: named values with a region scope (province, prefecture or county) and an
-- effective date range. Setting a value again for the same key, region and start date adds a
-- new version and marks the old one superseded; nothing is deleted.
CREATE TABLE policy_parameter (
  id            bigserial PRIMARY KEY,
  key           text NOT NULL,
  region_code   text NOT NULL REFERENCES region(code),
  valid_from    date NOT NULL,
  valid_to      date,
  value         jsonb NOT NULL,
  source        text,
  author        text NOT NULL,
  version       integer NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  superseded_at timestamptz,
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CHECK (length(region_code) IN (2, 4, 6))
);
CREATE UNIQUE INDEX policy_parameter_version_uq ON policy_parameter (key, region_code, valid_from, version);
CREATE INDEX policy_parameter_lookup_idx ON policy_parameter (key, region_code) WHERE superseded_at IS NULL;
