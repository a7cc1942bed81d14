import { describe, expect, it } from 'vitest';
import { clearResults, getResult, putResult, resultGeneration, resultKey } from '../web/src/data/result-cache.ts';

const t = (table: string, etag: string) => ({ table, etag, kind: 'rollup' as const, rows: 1, load: async () => undefined, loaded: () => true });

describe('result cache keys', () => {
  const q = { sql: 'SELECT lvl2_code, sum(paid_fen) FROM cube_execution__region_month WHERE fiscal_year = ? GROUP BY 1', params: [2026] };
  it('name the SQL, its parameters and the version (and scope) of every table it reads', () => {
    const a = resultKey(q, [t('cube_execution__region_month', '"execution__region_month-v3-ab-660000000-identity"')]);
    expect(a).toContain('660000000');
    // Another scope, another version, another parameter: another key.
    expect(resultKey(q, [t('cube_execution__region_month', '"execution__region_month-v3-ab-660100000-identity"')])).not.toBe(a);
    expect(resultKey(q, [t('cube_execution__region_month', '"execution__region_month-v4-cd-660000000-identity"')])).not.toBe(a);
    expect(resultKey({ ...q, params: [2025] }, [t('cube_execution__region_month', '"execution__region_month-v3-ab-660000000-identity"')])).not.toBe(a);
  });
  it('tell a code from a number, and do not depend on the order tables are listed in', () => {
    const one = [t('dim_agency', 'x'), t('cube_execution__unit_month', 'y')];
    expect(resultKey({ sql: 's', params: ['5'] }, one)).not.toBe(resultKey({ sql: 's', params: [5] }, one));
    expect(resultKey({ sql: 's', params: [] }, one)).toBe(resultKey({ sql: 's', params: [] }, [...one].reverse()));
  });
  it('are null for SQL that reads no catalog table (nothing versions its answer)', () => {
    expect(resultKey({ sql: 'SELECT 1', params: [] }, [])).toBeNull();
  });
});

describe('result cache across a sign-out', () => {
  it('does not keep an answer asked for before the cache was cleared, and keeps those asked for after', async () => {
    const rows = [{ paid: 1n }];
    const before = resultGeneration();
    await clearResults(); // sign-out while the query was running
    await putResult('asked-before', rows, before);
    expect(await getResult('asked-before')).toBeUndefined();
    await putResult('asked-after', rows, resultGeneration());
    expect(await getResult('asked-after')).toEqual(rows);
    await clearResults();
    expect(await getResult('asked-after')).toBeUndefined();
  });
});
