-- Each warning's handling status as it stood at the end of every business month it was open in: written by every
-- evaluation and every status change, so "how many were open at the end of month M" is a plain count.
CREATE TABLE warning_month_status (
  month       integer NOT NULL,
  warning_id  bigint NOT NULL REFERENCES warning (warning_id),
  status      text NOT NULL,
  resolved    boolean NOT NULL,
  PRIMARY KEY (month, warning_id)
);
