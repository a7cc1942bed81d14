-- R11 支付审批超时 calls working_hours once per payment whose span exceeds the limit. A function is PARALLEL UNSAFE
-- unless declared otherwise, which kept the whole query in one process (province scale: 7.5 M payments of a year
-- filtered serially). working_hours only reads its arguments, so parallel workers may run it.
ALTER FUNCTION working_hours(timestamptz, timestamptz, date[], text) PARALLEL SAFE;
