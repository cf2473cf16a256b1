-- Access: users, sessions, API tokens, permissions as data, household authorizations (授权书),
-- and the hash-chained audit log.

CREATE TABLE role_permission (
  role       text NOT NULL,
  permission text NOT NULL,
  PRIMARY KEY (role, permission)
);

CREATE TABLE app_user (
  id                  bigserial PRIMARY KEY,
  username            text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9_.-]{3,40}$'),
  display_name        text,
  password_hash       text NOT NULL,
  role                text NOT NULL,
  region_code         text NOT NULL REFERENCES region(code),
  department          text,
  status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  failed_logins       integer NOT NULL DEFAULT 0,
  locked_until        timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_by          text NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  demo                boolean NOT NULL DEFAULT false
);

-- Web sessions: the cookie carries a random token; only its SHA-256 is stored.
CREATE TABLE user_session (
  id           text PRIMARY KEY,                 -- sha256(token), hex
  user_id      bigint NOT NULL REFERENCES app_user(id),
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

-- Long-lived API tokens for department systems: hashed at rest, revocable, optionally narrower.
CREATE TABLE api_token (
  id            bigserial PRIMARY KEY,
  user_id       bigint NOT NULL REFERENCES app_user(id),
  token_hash    text NOT NULL UNIQUE,
  name          text,
  scope_region  text REFERENCES region(code),
  scope_permissions text,                        -- ';'-separated subset of the role's permissions; NULL = all
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL,
  last_used_at  timestamptz,
  revoked_at    timestamptz
);

-- A household's signed authorization for the economic-status check (家庭经济状况核对授权书).
CREATE TABLE authorization_record (
  id            bigserial PRIMARY KEY,
  household_id  bigint NOT NULL REFERENCES household(id),
  signed_by     bigint NOT NULL REFERENCES person(id),
  scope         text NOT NULL,                   -- ';'-separated data kinds: household_registration, tax, ...
  signed_on     date NOT NULL,
  expires_on    date NOT NULL,
  file_ref      text,
  recorded_by   text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz,
  CHECK (expires_on >= signed_on)
);
CREATE INDEX authorization_record_household_idx ON authorization_record (household_id);

-- The audit chain: each entry carries the hash of the one before. A trigger computes both on
-- every insert, so no code path can write an entry outside the chain.
ALTER TABLE audit_log ADD COLUMN prev_hash text;
ALTER TABLE audit_log ADD COLUMN hash text;

CREATE FUNCTION audit_entry_hash(e audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|',
    e.id::text, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), e.actor, e.action,
    coalesce(e.subject, ''), e.detail::text, coalesce(e.prev_hash, '')), 'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7400221);     -- one writer at a time extends the chain
  SELECT hash INTO NEW.prev_hash FROM audit_log ORDER BY id DESC LIMIT 1;
  NEW.hash := audit_entry_hash(NEW);
  RETURN NEW;
END
$$;

CREATE TRIGGER audit_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_chain();

-- Entries written before the chain existed are chained now, in order.
DO $$
DECLARE r audit_log; prev text := NULL;
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    r.prev_hash := prev;
    prev := audit_entry_hash(r);
    UPDATE audit_log SET prev_hash = r.prev_hash, hash = prev WHERE id = r.id;
  END LOOP;
END
$$;

-- Nobody updates or deletes audit entries through the application.
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
