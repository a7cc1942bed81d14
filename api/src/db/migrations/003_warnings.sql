-- Risk warnings (动态监控预警): configurable thresholds, holidays, hits with a stable identity, handling workflow.

CREATE TABLE rule_setting (
  rule_id     text PRIMARY KEY,
  thresholds  jsonb NOT NULL DEFAULT '{}'::jsonb,
  enabled     boolean NOT NULL DEFAULT true,
  updated_by  text,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE holiday (
  day   date PRIMARY KEY,
  name  text NOT NULL
);

CREATE TABLE warning (
  warning_id        bigserial PRIMARY KEY,
  rule_id           text NOT NULL,
  hit_key           text NOT NULL,
  severity          text NOT NULL CHECK (severity IN ('red', 'orange', 'yellow')),
  fiscal_year       smallint NOT NULL,
  mof_div_code      varchar(9) NOT NULL,
  agency_code       varchar(6),
  entity_type       text NOT NULL,
  entity_id         text NOT NULL,
  amount_fen        bigint,
  event_date        date,
  evidence          jsonb NOT NULL,
  evidence_ids      text[] NOT NULL DEFAULT '{}',
  first_seen_at     timestamptz NOT NULL,
  first_seen_as_of  date NOT NULL,
  last_seen_at      timestamptz NOT NULL,
  last_seen_as_of   date NOT NULL,
  resolved_at       timestamptz,
  resolved_as_of    date,
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'cleared', 'rectified')),
  status_changed_at timestamptz NOT NULL,
  UNIQUE (rule_id, hit_key)
);
CREATE INDEX warning_org ON warning (mof_div_code, agency_code);
CREATE INDEX warning_open ON warning (rule_id, severity) WHERE resolved_at IS NULL;

CREATE TABLE warning_status_history (
  id           bigserial PRIMARY KEY,
  warning_id   bigint NOT NULL REFERENCES warning (warning_id),
  from_status  text,
  to_status    text NOT NULL,
  user_id      text,
  username     text,
  comment      text NOT NULL,
  at           timestamptz NOT NULL
);
CREATE INDEX warning_status_history_warning ON warning_status_history (warning_id, at);

CREATE TABLE rule_evaluation (
  id           bigserial PRIMARY KEY,
  as_of        date NOT NULL,
  started_at   timestamptz NOT NULL,
  finished_at  timestamptz,
  summary      jsonb NOT NULL DEFAULT '{}'::jsonb
);

-- Working hours between two instants: elapsed hours falling on Monday–Friday (business time zone), minus holidays.
-- R11 (支付审批超时) counts approval time this way.
CREATE FUNCTION working_hours(t0 timestamptz, t1 timestamptz, holidays date[], tz text) RETURNS double precision
LANGUAGE sql IMMUTABLE AS $$
  SELECT COALESCE(sum(
           EXTRACT(EPOCH FROM (LEAST(t1, ((d + 1)::timestamp AT TIME ZONE tz)) - GREATEST(t0, (d::timestamp AT TIME ZONE tz)))) / 3600.0
         ), 0)
    FROM generate_series((t0 AT TIME ZONE tz)::date, (t1 AT TIME ZONE tz)::date, interval '1 day') AS g(day),
         LATERAL (SELECT g.day::date AS d) x
   WHERE t1 > t0
     AND EXTRACT(ISODOW FROM d) < 6
     AND NOT (d = ANY (COALESCE(holidays, '{}'::date[])))
$$;
