-- Dimensions and facts of DOMAIN.md. Money NUMERIC(18,2), timestamps timestamptz, dates date.

CREATE TABLE region (
  mof_div_code  varchar(9) PRIMARY KEY,
  mof_div_name  text NOT NULL,
  parent_code   varchar(9) REFERENCES region (mof_div_code),
  level         smallint NOT NULL CHECK (level BETWEEN 1 AND 4)
);

-- The region path at every level, derived from region (see api/src/db/region-path.ts).
CREATE TABLE region_path (
  mof_div_code varchar(9) PRIMARY KEY REFERENCES region (mof_div_code),
  level        smallint NOT NULL,
  lvl1_code    varchar(9) NOT NULL,
  lvl2_code    varchar(9),
  lvl3_code    varchar(9),
  lvl4_code    varchar(9)
);

CREATE TABLE agency (
  mof_div_code varchar(9) NOT NULL REFERENCES region (mof_div_code),
  agency_code  varchar(6) NOT NULL CHECK (agency_code ~ '^[0-9]{6}$'),
  agency_name  text NOT NULL,
  dept_code    varchar(3) NOT NULL,
  dept_name    text NOT NULL,
  PRIMARY KEY (mof_div_code, agency_code)
);

-- Code lists change yearly: keyed by (fiscal_year, code).
CREATE TABLE exp_func (
  fiscal_year smallint NOT NULL,
  code        varchar(7) NOT NULL,
  name        text NOT NULL,
  parent_code varchar(7),
  PRIMARY KEY (fiscal_year, code)
);
CREATE TABLE dep_bgt_eco (
  fiscal_year smallint NOT NULL,
  code        varchar(5) NOT NULL,
  name        text NOT NULL,
  parent_code varchar(5),
  PRIMARY KEY (fiscal_year, code)
);
CREATE TABLE fund_type (
  fiscal_year smallint NOT NULL,
  code        varchar(3) NOT NULL,
  name        text NOT NULL,
  parent_code varchar(3),
  PRIMARY KEY (fiscal_year, code)
);

CREATE TABLE bgt_indicator (
  bgt_id           varchar(40) PRIMARY KEY,
  fiscal_year      smallint NOT NULL,
  mof_div_code     varchar(9) NOT NULL,
  agency_code      varchar(6) NOT NULL,
  pro_code         varchar(40),
  exp_func_code    varchar(7) NOT NULL,
  dep_bgt_eco_code varchar(5) NOT NULL,
  fund_type_code   varchar(3) NOT NULL,
  bgt_source       text NOT NULL CHECK (bgt_source IN ('initial', 'adjust', 'supplement', 'transfer', 'carryover')),
  src_bgt_id       varchar(40),
  amount           numeric(18,2) NOT NULL,
  doc_date         date NOT NULL,
  FOREIGN KEY (mof_div_code, agency_code) REFERENCES agency (mof_div_code, agency_code)
);
CREATE INDEX bgt_indicator_org ON bgt_indicator (fiscal_year, mof_div_code, agency_code);
CREATE INDEX bgt_indicator_src ON bgt_indicator (src_bgt_id) WHERE src_bgt_id IS NOT NULL;

CREATE TABLE pay_voucher (
  pay_app_no       varchar(40) PRIMARY KEY,
  pay_cert_no      varchar(40),
  fiscal_year      smallint NOT NULL,
  mof_div_code     varchar(9) NOT NULL,
  agency_code      varchar(6) NOT NULL,
  bgt_id           varchar(40),
  exp_func_code    varchar(7) NOT NULL,
  dep_bgt_eco_code varchar(5) NOT NULL,
  fund_type_code   varchar(3) NOT NULL,
  pay_amt          numeric(18,2) NOT NULL CHECK (pay_amt <> 0),
  ori_pay_app_no   varchar(40),
  pay_type         text NOT NULL CHECK (pay_type IN ('direct', 'authorized')),
  payee_type       text NOT NULL CHECK (payee_type IN ('org', 'person')),
  payee_acct_name  text NOT NULL,
  payee_acct_no    varchar(40) NOT NULL,
  apply_time       timestamptz NOT NULL,
  approve_time     timestamptz,
  pay_date         date,
  CHECK (pay_amt > 0 OR ori_pay_app_no IS NOT NULL),
  FOREIGN KEY (mof_div_code, agency_code) REFERENCES agency (mof_div_code, agency_code)
);
CREATE INDEX pay_voucher_org ON pay_voucher (fiscal_year, mof_div_code, agency_code);
CREATE INDEX pay_voucher_date ON pay_voucher (pay_date);
CREATE INDEX pay_voucher_bgt ON pay_voucher (bgt_id);
CREATE INDEX pay_voucher_payee ON pay_voucher (mof_div_code, agency_code, payee_acct_no);

CREATE TABLE project (
  pro_code       varchar(40) NOT NULL,
  fiscal_year    smallint NOT NULL,
  mof_div_code   varchar(9) NOT NULL,
  agency_code    varchar(6) NOT NULL,
  pro_name       text NOT NULL,
  pro_cat_code   varchar(1) NOT NULL CHECK (pro_cat_code IN ('1', '2', '3')),
  exp_func_code  varchar(7) NOT NULL,
  amount         numeric(18,2) NOT NULL,
  has_perf_goal  boolean NOT NULL,
  monitored      boolean NOT NULL,
  eval_level     text NOT NULL CHECK (eval_level IN ('none', 'self', 'dept', 'finance')),
  eval_score     numeric(5,2) CHECK (eval_score BETWEEN 0 AND 100),
  PRIMARY KEY (fiscal_year, pro_code),
  FOREIGN KEY (mof_div_code, agency_code) REFERENCES agency (mof_div_code, agency_code)
);

CREATE TABLE transfer (
  transfer_id    varchar(40) PRIMARY KEY,
  fiscal_year    smallint NOT NULL,
  mof_div_code   varchar(9) NOT NULL REFERENCES region (mof_div_code),
  transfer_kind  text NOT NULL CHECK (transfer_kind IN ('general', 'special')),
  amount         numeric(18,2) NOT NULL,
  received_date  date NOT NULL
);

CREATE TABLE transfer_alloc (
  transfer_id      varchar(40) NOT NULL REFERENCES transfer (transfer_id),
  alloc_date       date NOT NULL,
  to_mof_div_code  varchar(9) NOT NULL REFERENCES region (mof_div_code),
  amount           numeric(18,2) NOT NULL,
  PRIMARY KEY (transfer_id, alloc_date, to_mof_div_code)
);

CREATE TABLE debt (
  mof_div_code    varchar(9) NOT NULL REFERENCES region (mof_div_code),
  fiscal_year     smallint NOT NULL,
  debt_balance    numeric(18,2) NOT NULL,
  debt_limit      numeric(18,2) NOT NULL,
  fiscal_capacity numeric(18,2) NOT NULL,
  PRIMARY KEY (mof_div_code, fiscal_year)
);

-- Application state: data as-of, seed manifest, and the cube catalogue.
CREATE TABLE app_meta (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cube_version (
  cube_id      text PRIMARY KEY,
  version      bigint NOT NULL,
  row_count    bigint NOT NULL,
  data_as_of   date,
  built_at     timestamptz NOT NULL DEFAULT now()
);
