-- Keyed hashes are hex strings compared for equality only: give them the "C" collation, so
-- index maintenance and joins compare bytes (memcmp) instead of going through the locale.
-- Every column joined on a hash must share it (person, registry staging, ds_* tables).
ALTER TABLE person ALTER COLUMN id_number_hash TYPE text COLLATE "C";
ALTER TABLE person ALTER COLUMN phone_hash TYPE text COLLATE "C";
ALTER TABLE registry_import_staging ALTER COLUMN id_number_hash TYPE text COLLATE "C";
ALTER TABLE registry_import_staging ALTER COLUMN phone_hash TYPE text COLLATE "C";
