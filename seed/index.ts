/**
 * The deterministic synthetic data of Fiscal Cockpit: code lists, regions, units and two fiscal years of facts, with
 * planted violations and near-misses of every risk rule, listed in a manifest. Same scale, seed and asOf → the same
 * bytes, on any machine and in any TZ.
 */
import type { Progress } from '../api/src/progress.ts';
import { silentProgress } from '../api/src/progress.ts';
import { refreshRegionPath } from '../api/src/db/region-path.ts';
import type { Db, Queryable } from '../api/src/db/types.ts';
import { isIsoDate } from '../queries/time.ts';
import { codeListCsv, DEP_BGT_ECO, EXP_FUNC, FUND_TYPE } from './code-lists.ts';
import { createContext } from './context.ts';
import { buildDebt, DEBT_COLUMNS } from './debt.ts';
import type { ManifestEntry, SeedManifest, SeedScale } from './manifest.ts';
import { buildOrg } from './org.ts';
import { PayeePools } from './payees.ts';
import { PAY_VOUCHER_COLUMNS, UnitPayments } from './payments.ts';
import { UnitScenarios } from './scenarios.ts';
import { AGENCY_COLUMNS, agencyCsv, BGT_INDICATOR_COLUMNS, eachUnit, indicatorCsv, PROJECT_COLUMNS, projectCsv, REGION_COLUMNS, regionCsv } from './tables.ts';
import { buildTransfers, TRANSFER_ALLOC_COLUMNS, TRANSFER_COLUMNS } from './transfers.ts';

export type { ManifestEntry, RuleId, SeedManifest, SeedScale, Severity } from './manifest.ts';

export interface SeedOptions {
  scale: SeedScale;
  seed: number;
  /** Business date `yyyy-mm-dd`: the current fiscal year runs up to it (inclusive), the previous one is complete. */
  asOf: string;
  /** Basis of 序时进度 that R01's calibration and manifest use (default `day`). */
  timeProgressBasis?: 'day' | 'month';
}

export interface SeedTable {
  table: string;
  columns: string[];
  estimatedRows: number;
  /** CSV text (no header), each chunk a few MB ending on a row boundary. Can be iterated again: same bytes. */
  chunks(): Iterable<string>;
}

/** Background payments per unit and year, and how many of each scenario, per scale. */
const SCALE: Record<Exclude<SeedScale, 'none'>, { paymentsPerUnit: number; multiplier: number }> = {
  small: { paymentsPerUnit: 110, multiplier: 1 },
  bingtuan: { paymentsPerUnit: 266, multiplier: 3 },
  province: { paymentsPerUnit: 400, multiplier: 6 },
};

const CHUNK = 4 << 20;

interface Part {
  csv: string;
  rows: number;
}

interface Source {
  table: string;
  columns: readonly string[];
  estimatedRows: number;
  parts(): Iterable<Part>;
}

/** Joins parts into chunks of about 4 MB; `onChunk` learns how many rows each chunk holds. */
function* chunked(src: Source, onChunk?: (rows: number) => void, onDone?: (rows: number) => void): Generator<string> {
  // Parts are joined once per chunk: a flat string, never a deep tree of concatenations.
  let buf: string[] = [];
  let size = 0;
  let rows = 0;
  let total = 0;
  for (const p of src.parts()) {
    buf.push(p.csv);
    size += p.csv.length;
    rows += p.rows;
    if (size >= CHUNK) {
      onChunk?.(rows);
      total += rows;
      rows = 0;
      const out = buf.join('');
      buf = [];
      size = 0;
      yield out;
    }
  }
  total += rows;
  if (size > 0) {
    onChunk?.(rows);
    yield buf.join('');
  }
  onDone?.(total);
}

function checkOptions(opts: SeedOptions): void {
  if (!['small', 'bingtuan', 'province', 'none'].includes(opts.scale)) throw new Error(`seed: unknown scale ${String(opts.scale)}`);
  if (!Number.isSafeInteger(opts.seed)) throw new Error(`seed: the seed must be an integer, got ${opts.seed}`);
  if (!isIsoDate(opts.asOf)) throw new Error(`seed: asOf must be a yyyy-mm-dd date, got ${opts.asOf}`);
  if (opts.timeProgressBasis && !['day', 'month'].includes(opts.timeProgressBasis)) throw new Error(`seed: bad timeProgressBasis ${opts.timeProgressBasis}`);
}

function sources(opts: SeedOptions): { sources: Source[]; entries: () => ManifestEntry[] } {
  const year = Number(opts.asOf.slice(0, 4));
  const years = [year - 1, year];
  const codeLists: Source[] = [
    { table: 'exp_func', columns: ['fiscal_year', 'code', 'name', 'parent_code'], estimatedRows: EXP_FUNC.length * 2, parts: () => [{ csv: codeListCsv(EXP_FUNC, years), rows: EXP_FUNC.length * 2 }] },
    { table: 'dep_bgt_eco', columns: ['fiscal_year', 'code', 'name', 'parent_code'], estimatedRows: DEP_BGT_ECO.length * 2, parts: () => [{ csv: codeListCsv(DEP_BGT_ECO, years), rows: DEP_BGT_ECO.length * 2 }] },
    { table: 'fund_type', columns: ['fiscal_year', 'code', 'name', 'parent_code'], estimatedRows: FUND_TYPE.length * 2, parts: () => [{ csv: codeListCsv(FUND_TYPE, years), rows: FUND_TYPE.length * 2 }] },
  ];
  if (opts.scale === 'none') return { sources: codeLists, entries: () => [] };

  const { paymentsPerUnit, multiplier } = SCALE[opts.scale];
  const org = buildOrg(opts.scale, opts.seed);
  const ctx = createContext({ seed: opts.seed, asOf: opts.asOf, basis: opts.timeProgressBasis, org, paymentsPerUnit });
  // Region-level facts are small: built once, lazily.
  let scen: UnitScenarios | null = null;
  const scenarios = () => (scen ??= new UnitScenarios(ctx, multiplier));
  let transfers: ReturnType<typeof buildTransfers> | null = null;
  const tr = () => (transfers ??= buildTransfers(ctx, multiplier));
  let debt: ReturnType<typeof buildDebt> | null = null;
  const dt = () => (debt ??= buildDebt(ctx, multiplier));
  const plan = (u: Parameters<UnitScenarios['plan']>[0], y: number) => scenarios().plan(u, y);
  const units = org.units.length;
  const currentShare = (ctx.asOfDay - ctx.months.get(ctx.year)![1] + 1) / 365;

  const facts: Source[] = [
    { table: 'region', columns: REGION_COLUMNS, estimatedRows: org.regions.length, parts: () => [{ csv: regionCsv(org), rows: org.regions.length }] },
    { table: 'agency', columns: AGENCY_COLUMNS, estimatedRows: units, parts: () => [{ csv: agencyCsv(org), rows: units }] },
    {
      table: 'bgt_indicator', columns: BGT_INDICATOR_COLUMNS, estimatedRows: units * 34,
      *parts() {
        for (const [, prev, cur] of eachUnit(ctx, plan)) {
          const a = indicatorCsv(prev);
          const b = indicatorCsv(cur);
          yield { csv: a.csv + b.csv, rows: a.rows + b.rows };
        }
      },
    },
    {
      table: 'project', columns: PROJECT_COLUMNS, estimatedRows: units * 8,
      *parts() {
        for (const [, prev, cur] of eachUnit(ctx, plan)) {
          const a = projectCsv(prev);
          const b = projectCsv(cur);
          yield { csv: a.csv + b.csv, rows: a.rows + b.rows };
        }
      },
    },
    {
      table: 'pay_voucher', columns: PAY_VOUCHER_COLUMNS, estimatedRows: Math.round(units * paymentsPerUnit * (1 + currentShare)),
      *parts() {
        const pools = new PayeePools(ctx);
        for (const [u, prev, cur] of eachUnit(ctx, plan)) {
          const w = new UnitPayments(ctx, pools, u, prev.salaries.length);
          const csv = w.write([prev, cur]);
          yield { csv, rows: w.rows };
        }
      },
    },
    { table: 'transfer', columns: TRANSFER_COLUMNS, estimatedRows: org.regions.length * 10, parts: () => [{ csv: tr().transfers, rows: tr().transferRows }] },
    { table: 'transfer_alloc', columns: TRANSFER_ALLOC_COLUMNS, estimatedRows: org.regions.length * 30, parts: () => [{ csv: tr().allocs, rows: tr().allocRows }] },
    { table: 'debt', columns: DEBT_COLUMNS, estimatedRows: org.regions.length * 2, parts: () => [{ csv: dt().csv, rows: dt().rows }] },
  ];
  return { sources: [...codeLists, ...facts], entries: () => [...scenarios().entries, ...tr().entries, ...dt().entries] };
}

const byRuleKey = (a: ManifestEntry, b: ManifestEntry) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function makeManifest(opts: SeedOptions, counts: Record<string, number>, entries: ManifestEntry[]): SeedManifest {
  return {
    scale: opts.scale,
    seed: opts.seed,
    asOf: opts.asOf,
    timeProgressBasis: opts.timeProgressBasis ?? 'day',
    counts,
    violations: entries.filter((e) => e.severity).sort(byRuleKey),
    nearMisses: entries.filter((e) => !e.severity).sort(byRuleKey),
  };
}

/** The pure generator: per table the CSV chunks, and the manifest (row counts come from a full pass over the chunks). */
export function generate(opts: SeedOptions): { tables: SeedTable[]; manifest(): SeedManifest } {
  checkOptions(opts);
  const { sources: srcs, entries } = sources(opts);
  const counts: Record<string, number> = {};
  const tables: SeedTable[] = srcs.map((s) => ({
    table: s.table,
    columns: [...s.columns],
    estimatedRows: s.estimatedRows,
    chunks: () => chunked(s, undefined, (n) => (counts[s.table] = n)),
  }));
  return {
    tables,
    manifest() {
      // Tables not iterated yet are counted by generating them once more (streaming, never held whole).
      for (const s of srcs) {
        if (counts[s.table] !== undefined) continue;
        let n = 0;
        for (const p of s.parts()) n += p.rows;
        counts[s.table] = n;
      }
      const ordered: Record<string, number> = {};
      for (const s of srcs) ordered[s.table] = counts[s.table];
      return makeManifest(opts, ordered, entries());
    },
  };
}

/**
 * Drops the foreign keys of `table` (in the current schema), its primary and unique keys that no foreign key
 * references, and its other indexes; returns the statements that restore them: keys, then foreign keys, then indexes.
 */
async function dropKeysAndIndexes(tx: Queryable, table: string): Promise<string[]> {
  const keys = await tx.query<{ name: string; type: string; def: string }>(
    `SELECT conname AS name, contype AS type, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE conrelid = to_regclass(quote_ident(current_schema()) || '.' || $1) AND contype IN ('p', 'u', 'f')
       -- a key that another table's foreign key references stays
       AND NOT (contype IN ('p', 'u') AND EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = pg_constraint.conindid))
     ORDER BY contype = 'f' DESC, conname`,
    [table],
  );
  const indexes = await tx.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = $1
       AND indexname NOT IN (SELECT c.relname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conindid
                             WHERE k.conrelid = to_regclass(quote_ident(current_schema()) || '.' || $1))
     ORDER BY indexname`,
    [table],
  );
  for (const k of keys) await tx.exec(`ALTER TABLE ${table} DROP CONSTRAINT ${k.name}`);
  for (const i of indexes) await tx.exec(`DROP INDEX ${i.name}`);
  const restoreKeys = [...keys].reverse().map((k) => `ALTER TABLE ${table} ADD CONSTRAINT ${k.name} ${k.def}`);
  return [...restoreKeys, ...indexes.map((i) => i.def)];
}

/**
 * Generates and bulk-loads everything (code lists of both years, dimensions, facts) in one transaction, rebuilds
 * region_path, and stores the manifest in app_meta under `seed_manifest` and the options under `seed_options`.
 * Refuses when region or pay_voucher already has rows. Returns the manifest.
 */
export async function seedDatabase(db: Db, opts: SeedOptions, progress: Progress = silentProgress): Promise<SeedManifest> {
  checkOptions(opts);
  const [state] = await db.query<{ regions: string; payments: string }>(
    'SELECT (SELECT count(*) FROM region) AS regions, (SELECT count(*) FROM pay_voucher) AS payments',
  );
  if (Number(state.regions) > 0 || Number(state.payments) > 0) {
    throw new Error(`seed: the database already holds data (${state.regions} regions, ${state.payments} payments); seed an empty one`);
  }
  const { sources: srcs, entries } = sources(opts);
  const year = Number(opts.asOf.slice(0, 4));
  return db.transaction(async (tx) => {
    // Sorted index builds after the load (see below) want memory: in memory rather than on disk, they took 25 s instead
    // of 33 s for one payee index of bingtuan on the embedded engine too.
    await tx.exec(`SET LOCAL maintenance_work_mem = '256MB'`);
    // Code lists are product data: this year's and last year's are replaced.
    for (const t of ['exp_func', 'dep_bgt_eco', 'fund_type']) await tx.query(`DELETE FROM ${t} WHERE fiscal_year IN ($1, $2)`, [year - 1, year]);
    const counts: Record<string, number> = {};
    for (const s of srcs) {
      // As pg_restore does: the big tables lose their keys and indexes for the load and get them back after it, with
      // the same names and definitions, in the same transaction. A sorted index build and one validating join are
      // several times faster than maintaining them row by row.
      const rebuild = s.estimatedRows > 100 ? await dropKeysAndIndexes(tx, s.table) : [];
      progress.start(s.table, s.estimatedRows, 'rows');
      const loaded = await tx.copyFrom(s.table, s.columns, chunked(s, (n) => progress.tick(n), (n) => (counts[s.table] = n)));
      if (loaded !== counts[s.table]) throw new Error(`seed: ${s.table}: generated ${counts[s.table]} rows but loaded ${loaded}`);
      progress.done(`${loaded} rows`);
      if (rebuild.length > 0) {
        progress.start(`${s.table} keys and indexes`, rebuild.length, 'items');
        for (const sql of rebuild) {
          await tx.exec(sql);
          progress.tick();
        }
        progress.done();
      }
    }
    if (opts.scale !== 'none') await refreshRegionPath(tx);
    // Statistics for the planner, now rather than whenever autovacuum gets to it (the embedded engine has none):
    // without them it takes a million payments for a few rows and picks nested loops that run for minutes.
    const tables = [...new Set(srcs.map((s) => s.table)), 'region_path'];
    progress.start('ANALYZE', tables.length, 'tables');
    for (const t of tables) {
      await tx.exec(`ANALYZE ${t}`);
      progress.tick();
    }
    progress.done();
    const manifest = makeManifest(opts, counts, entries());
    const options = { scale: opts.scale, seed: opts.seed, asOf: opts.asOf, timeProgressBasis: opts.timeProgressBasis ?? 'day' };
    await tx.query(
      `INSERT INTO app_meta (key, value) VALUES ('seed_manifest', $1::jsonb), ('seed_options', $2::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [JSON.stringify(manifest), JSON.stringify(options)],
    );
    // The facts now run to asOf: cubes, rules and health report it as the data's as-of date.
    if (opts.scale !== 'none') {
      await tx.query(
        `INSERT INTO app_meta (key, value) VALUES ('data_as_of', to_jsonb($1::text)) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [opts.asOf],
      );
    }
    return manifest;
  });
}
