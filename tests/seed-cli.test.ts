// The seed command: summary, manifest file, scale `none` (code lists only, re-runnable), refusal on a seeded database.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../api/src/db/types.ts';
import { silentProgress } from '../api/src/progress.ts';
import { formatSummary, runSeedCommand } from '../seed/cli.ts';
import { generate, seedDatabase } from '../seed/index.ts';
import { openTestDb } from './support/db.ts';

let db: Db;
const dir = mkdtempSync(join(tmpdir(), 'seed-cli-'));

beforeAll(async () => {
  db = await openTestDb();
}, 120_000);

afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('seed command', () => {
  it('loads the code lists alone at scale none, twice without duplicates, and writes the manifest file', async () => {
    const path = join(dir, 'manifest.json');
    const opts = { scale: 'none' as const, seed: 1, asOf: '2026-10-31', manifestPath: path };
    const m = await runSeedCommand(db, opts, silentProgress);
    await runSeedCommand(db, opts, silentProgress);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(m);
    const rows = await db.query<{ t: string; n: string }>(`
      SELECT 'exp_func' AS t, count(*) AS n FROM exp_func UNION ALL SELECT 'dep_bgt_eco', count(*) FROM dep_bgt_eco
      UNION ALL SELECT 'fund_type', count(*) FROM fund_type UNION ALL SELECT 'region', count(*) FROM region ORDER BY 1`);
    expect(Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]))).toEqual({ ...m.counts, region: 0 });
    const [parent] = await db.query<{ n: string }>(`
      SELECT count(*) AS n FROM exp_func c WHERE c.parent_code IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM exp_func p WHERE p.fiscal_year = c.fiscal_year AND p.code = c.parent_code)`);
    expect(parent.n).toBe('0');
    const [opt] = await db.query<{ value: unknown }>(`SELECT value FROM app_meta WHERE key = 'seed_options'`);
    expect(opt.value).toEqual({ scale: 'none', seed: 1, asOf: '2026-10-31', timeProgressBasis: 'day' });
  });

  it('summarises tables and rules', () => {
    const m = generate({ scale: 'small', seed: 3, asOf: '2026-10-31' }).manifest();
    const text = formatSummary(m);
    expect(text).toContain(`pay_voucher`);
    expect(text).toMatch(/R06 {2}red [1-9]\d* {2}orange 0 {2}yellow 0 {2}near-misses [1-9]/);
    expect(text.split('\n').filter((l) => /^ {2}R\d\d /.test(l))).toHaveLength(12);
  });

  it('refuses a database that already holds regions', async () => {
    await db.exec(`INSERT INTO region (mof_div_code, mof_div_name, parent_code, level) VALUES ('990000000', '示范省', NULL, 1)`);
    await expect(seedDatabase(db, { scale: 'small', seed: 1, asOf: '2026-10-31' })).rejects.toThrow(/already holds data/);
  });

  it('rejects bad options', () => {
    expect(() => generate({ scale: 'small', seed: 1, asOf: '2026-02-30' })).toThrow(/asOf/);
    expect(() => generate({ scale: 'huge' as never, seed: 1, asOf: '2026-02-20' })).toThrow(/scale/);
    expect(() => generate({ scale: 'small', seed: 1.5, asOf: '2026-02-20' })).toThrow(/seed/);
  });
});
