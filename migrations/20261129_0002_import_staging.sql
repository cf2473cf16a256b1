-- Staging for registry imports. Every data row of a file is bulk-loaded here (COPY): rows valid
-- on their own with valid = true; rejected rows with the values that did parse, so the
-- set-based checks (duplicates, heads, households) see the whole file. The checks and the merge
-- into the registry are set-based SQL in one transaction. UNLOGGED: scratch data; each import
-- deletes its rows when it ends.

CREATE UNLOGGED TABLE registry_import_staging (
  batch_id         bigint NOT NULL,
  row_no           integer NOT NULL,
  valid            boolean NOT NULL,
  household_code   text,
  region_code      text,
  hukou_type       text,
  address          text,
  hukou_booklet_no text,
  id_number_hash   text,                       -- keyed hash; the plain ID number is never staged
  id_number_sealed text,
  id_number_masked text,
  name             text,
  relation         text,
  sex              text,
  birth_date       date,
  phone_hash       text,
  phone_sealed     text,
  phone_masked     text,
  disability_type  text,
  disability_grade smallint,
  work_ability     text,
  health           text,
  school_stage     text,
  employment       text,
  categories       text,                       -- category codes joined with ';'; NULL or '' for none
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

-- What an import changed, found by its batch (accepted-row counts).
CREATE INDEX registry_history_batch_idx ON registry_history (batch_id) WHERE batch_id IS NOT NULL;
