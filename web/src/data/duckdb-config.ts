/**
 * How the dashboards open DuckDB (shared with the Node tests so they see the same result types). BIGINT stays
 * bigint (money in fen, summed exactly); DECIMAL becomes DOUBLE — DuckDB types a literal such as 0.8328767 as
 * DECIMAL, which would otherwise arrive as an Arrow Decimal instead of a number.
 */
export const duckdbConfig = { query: { castBigIntToDouble: false, castDecimalToDouble: true } } as const;
