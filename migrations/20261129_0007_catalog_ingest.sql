-- The data-sharing catalog (departments → datasets → fields) and the batches departments send.
-- Each dataset's rows live in their own table, ds_<code>, created from the catalog definition
-- (typed columns, indexed on the keyed hash of the ID number and the event date).

CREATE TABLE catalog_department (
  code       text PRIMARY KEY,
  zh         text NOT NULL,
  en         text NOT NULL,
  full_name  text
);

CREATE TABLE catalog_dataset (
  code            text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,40}$'),
  department_code text NOT NULL REFERENCES catalog_department(code),
  definition      jsonb NOT NULL,
  version         integer NOT NULL,
  updated_by      text NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Every version of every dataset definition: what a batch was validated against.
CREATE TABLE catalog_dataset_version (
  dataset_code text NOT NULL REFERENCES catalog_dataset(code),
  version      integer NOT NULL,
  definition   jsonb NOT NULL,
  updated_by   text NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dataset_code, version)
);

CREATE TABLE ingest_batch (
  id              bigserial PRIMARY KEY,
  dataset         text NOT NULL REFERENCES catalog_dataset(code),
  catalog_version integer NOT NULL,
  file_name       text,
  file_sha256     text NOT NULL,
  file_bytes      bigint NOT NULL,
  sent_by         text NOT NULL,
  department      text,
  received_at     timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz,
  status          text NOT NULL CHECK (status IN ('committed', 'rejected', 'superseded')),
  skip_invalid    boolean NOT NULL DEFAULT false,
  rows_total      integer NOT NULL DEFAULT 0,
  accepted        integer NOT NULL DEFAULT 0,
  rejected        integer NOT NULL DEFAULT 0,
  matched         integer NOT NULL DEFAULT 0,
  unmatched       integer NOT NULL DEFAULT 0,
  errors_total    integer NOT NULL DEFAULT 0,
  supersedes      bigint REFERENCES ingest_batch(id),
  superseded_by   bigint REFERENCES ingest_batch(id)
);
-- The same file is loaded once: a second send is recognized by its SHA-256.
CREATE UNIQUE INDEX ingest_batch_once_uq ON ingest_batch (dataset, file_sha256) WHERE status = 'committed';
CREATE INDEX ingest_batch_dataset_idx ON ingest_batch (dataset, received_at DESC);

-- Row-level errors of a batch (values cut, ID numbers masked), for the downloadable report.
CREATE TABLE ingest_error (
  batch_id bigint NOT NULL REFERENCES ingest_batch(id),
  row_no   integer NOT NULL,
  field    text NOT NULL,
  value    text NOT NULL,
  reason   text NOT NULL
);
CREATE INDEX ingest_error_batch_idx ON ingest_error (batch_id, row_no);

-- Work for the server's job worker, written in the same transaction as what caused it.
CREATE TABLE job_outbox (
  id          bigserial PRIMARY KEY,
  kind        text NOT NULL,
  payload     jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  started_at  timestamptz,
  finished_at timestamptz,
  error       text
);
CREATE INDEX job_outbox_pending_idx ON job_outbox (id) WHERE finished_at IS NULL;

-- New permissions for existing installations (new ones get them from the default grants).
INSERT INTO role_permission (role, permission)
SELECT role, permission FROM (VALUES
  ('province_admin', 'catalog.manage'), ('province_admin', 'dataset.read'),
  ('civil_affairs_officer', 'dataset.read'), ('department_data_provider', 'dataset.read')
) AS g(role, permission)
WHERE EXISTS (SELECT 1 FROM role_permission)
ON CONFLICT DO NOTHING;
