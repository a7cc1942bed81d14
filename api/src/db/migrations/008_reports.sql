-- Month close and the report archive (issue 8). A closed month is recorded once; every report generated for it
-- (on close, or regenerated later) is a row here, with its files under DATA_DIR/reports and the dataAsOf it was built from.
CREATE TABLE month_close (
  month       integer PRIMARY KEY CHECK (month % 100 BETWEEN 1 AND 12),
  closed_at   timestamptz NOT NULL,
  closed_by   text NOT NULL,
  data_as_of  date NOT NULL
);

CREATE TABLE report_archive (
  report_id     bigserial PRIMARY KEY,
  month         integer NOT NULL,
  mof_div_code  varchar(9) NOT NULL REFERENCES region (mof_div_code),
  status        text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  data_as_of    date,
  xlsx_path     text,
  pdf_path      text,
  xlsx_bytes    bigint,
  pdf_bytes     bigint,
  error         text,
  requested_by  text NOT NULL,
  requested_at  timestamptz NOT NULL,
  finished_at   timestamptz
);
CREATE INDEX report_archive_month ON report_archive (month, mof_div_code);
