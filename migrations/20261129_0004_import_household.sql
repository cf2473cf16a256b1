-- Registry import, second step (after 0002): one summary row per household of a batch, and no
-- batch index on registry_history (an import finds its own history rows by id range instead;
-- the index cost about 2 s per million history rows).

DROP INDEX IF EXISTS registry_history_batch_idx;

-- One row per household of the batch: the value of each household field (rows must agree:
-- min = max; empty address/booklet cells do not count), its heads and rows. Used by the
-- agreement and head checks and as the merge's household source. Deleted with the batch.
CREATE UNLOGGED TABLE registry_import_household (
  batch_id         bigint NOT NULL,
  household_code   text NOT NULL,
  region_code      text,
  hukou_type       text,
  address          text,
  hukou_booklet_no text,
  disagree         text[] NOT NULL,            -- fields on which the rows disagree
  heads            integer NOT NULL,           -- rows with relation = head
  row_count        integer NOT NULL
);
