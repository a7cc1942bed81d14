-- Display tokens for unattended wall screens (领导驾驶舱): read-only, scoped, revocable. Only a hash of the token is
-- stored, like session ids: a leaked table does not yield usable screen URLs.
CREATE TABLE display_token (
  token_id            bigserial PRIMARY KEY,
  token_hash          text NOT NULL UNIQUE,
  name                text NOT NULL,
  screen              text NOT NULL,
  scope_mof_div_code  varchar(9) NOT NULL,
  scope_dept_code     varchar(3),
  scope_agency_code   varchar(6),
  created_by          text NOT NULL,
  created_at          timestamptz NOT NULL,
  expires_at          timestamptz,
  revoked_at          timestamptz,
  revoked_by          text,
  last_used_at        timestamptz,
  CHECK (scope_dept_code IS NULL OR scope_agency_code IS NULL)
);
