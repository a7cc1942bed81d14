-- Users, sessions and the tamper-evident audit log (security issue).

CREATE TABLE app_user (
  user_id              bigserial PRIMARY KEY,
  username             text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9_.-]{3,40}$'),
  display_name         text NOT NULL,
  password_hash        text NOT NULL,
  roles                text[] NOT NULL,
  scope_mof_div_code   varchar(9) NOT NULL,
  scope_dept_code      varchar(3),
  scope_agency_code    varchar(6),
  totp_secret          text,
  totp_enabled         boolean NOT NULL DEFAULT false,
  disabled             boolean NOT NULL DEFAULT false,
  failed_logins        integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  created_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (scope_dept_code IS NULL OR scope_agency_code IS NULL)
);

-- The session id is stored hashed: a leaked table does not yield usable cookies.
CREATE TABLE app_session (
  session_hash  text PRIMARY KEY,
  user_id       bigint NOT NULL REFERENCES app_user (user_id),
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  address       text,
  revoked_at    timestamptz
);
CREATE INDEX app_session_user ON app_session (user_id);

CREATE TABLE audit_log (
  id         bigint PRIMARY KEY,
  at         timestamptz NOT NULL,
  user_id    text,
  username   text,
  scope      text,
  action     text NOT NULL,
  target     text,
  address    text,
  outcome    text NOT NULL DEFAULT 'ok',
  detail     jsonb NOT NULL DEFAULT '{}'::jsonb,
  algo       text NOT NULL,
  prev_hash  text NOT NULL,
  hash       text NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_action ON audit_log (action, at);

-- The head of the chain: appenders lock this row, so several API processes extend one chain in order.
CREATE TABLE audit_head (
  one        boolean PRIMARY KEY DEFAULT true CHECK (one),
  last_id    bigint NOT NULL,
  last_hash  text NOT NULL
);
INSERT INTO audit_head (one, last_id, last_hash) VALUES (true, 0, repeat('0', 64));

-- The log is append-only: UPDATE, DELETE and TRUNCATE are refused (verification still detects tampering by a
-- superuser who disables these triggers).
CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse();
