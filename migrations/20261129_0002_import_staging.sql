-- Staging for registry imports. Rows valid on their own are bulk-loaded here (COPY), checked
-- against the registry and the whole file with set-based SQL, then merged in one transaction.
-- UNLOGGED: scratch data, rebuilt by re-running the import; each import deletes its rows.

CREATE UNLOGGED TABLE registry_import_staging (
  batch_id         bigint NOT NULL,
  row_no           integer NOT NULL,
  household_code   text NOT NULL,
  region_code      text NOT NULL,
  hukou_type       text NOT NULL,
  address          text,
  hukou_booklet_no text,
  id_number        text NOT NULL,
  name             text NOT NULL,
  relation         text NOT NULL,
  sex              text NOT NULL,
  birth_date       date NOT NULL,
  phone            text,
  disability_type  text,
  disability_grade smallint,
  work_ability     text,
  health           text,
  school_stage     text,
  employment       text,
  categories       text,                       -- category codes joined with ';', '' for none
  category_since   date
);

-- Every problem found, row-level (from the file) and set-based (from SQL). Values are already
-- cut and masked: no full ID number is stored here.
CREATE UNLOGGED TABLE registry_import_error (
  id          bigserial PRIMARY KEY,
  batch_id    bigint NOT NULL,
  row_no      integer NOT NULL,
  column_name text NOT NULL,
  value       text NOT NULL,
  reason      text NOT NULL
);
CREATE INDEX registry_import_error_batch_idx ON registry_import_error (batch_id, row_no, id);

-- What an import changed, found by its batch (counts of accepted rows, re-import checks).
CREATE INDEX registry_history_batch_idx ON registry_history (batch_id) WHERE batch_id IS NOT NULL;
