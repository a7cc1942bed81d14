-- R06 重复支付 pairs payments of one unit to one payee account with the same amount by date. With the amount and the
-- date in the payee index, PostgreSQL reads the payments in exactly that order and needs no sort of every payment of
-- two years (province scale: 17 M rows). The index replaces the payee index of 001, which is its prefix, so loads
-- maintain no more indexes than before.
DROP INDEX IF EXISTS pay_voucher_payee;
CREATE INDEX pay_voucher_payee ON pay_voucher (mof_div_code, agency_code, payee_acct_no, pay_amt, pay_date);
