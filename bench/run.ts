/**
 * `npm run bench` — measures at `bingtuan` scale (set BENCH_SCALE to change):
 *  (a) analyst slices: DuckDB-WASM over the cube vs PostgreSQL over the raw facts (indexes, warm cache): p50/p95, ratio;
 *  (b) cube size in Arrow bytes (raw, br, gzip) and DuckDB load time;
 *  (c) seed + load into local PostgreSQL, and a first `npm start` on a fresh embedded database: time to ready, peak RSS;
 *  (d) all twelve risk rules at `province` scale on PostgreSQL: time per rule (target < 60 s together);
 *  (e) the execution dashboard in Chromium: cold and warm load, click → all panels redrawn, per panel query (interactions.ts);
 *  (f) the monthly report of the top region (`report`, bench/report.ts): xlsx ≤ 5 s, PDF ≤ 15 s;
 *  (g) `workbench`: 3-dimension pivots in DuckDB-WASM, a 100,000-row xlsx export, scrolling 100,000 rows in Chromium;
 *  (h) `screen`: a wall screen over BENCH_SCREEN_CYCLES (default 500) refresh cycles with changing data: JS heap and WASM growth.
 * Prints a table and writes bench/results.json. `--only seed,slices,start,rules,interactions,report,workbench,screen` picks parts.
 * Environment: BENCH_SCALE; BENCH_DATABASE_URL (default the local server's `postgres` database); BENCH_SCHEMA (an already
 * seeded schema to reuse and keep); SEED_AS_OF; for (e) BENCH_THINK_MS (the pause between steps, default 1000; 0 = back to
 * back — figures from before 2 December 2026 were back to back), BENCH_COLD_RUNS (default 4), BENCH_PROFILE=<file> (a CPU
 * profile, summary and <file>.json), BENCH_TRACE=<file> and BENCH_TRACE_CATS (a main-thread trace summary).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { rebuildAll } from '../api/src/cubes/pipeline.ts';
import { CubeStore } from '../api/src/cubes/store.ts';
import { migrate } from '../api/src/db/migrate.ts';
import { createPostgresDb } from '../api/src/db/postgres.ts';
import { consoleProgress } from '../api/src/progress.ts';
import { compileSlice, duckdb, executionCube, postgres } from '../queries/index.ts';
import { seedDatabase, type SeedManifest, type SeedScale } from '../seed/index.ts';
import { evaluateRules } from '../api/src/warnings/evaluate.ts';
import { openDuckDb } from '../tests/support/duckdb-node.ts';
import { analystSlices } from './slices.ts';
import { percentile } from './stats.ts';
import { benchReport } from './report.ts';
import { benchWorkbench } from './workbench.ts';
import { benchScreen } from './screen.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: { only: { type: 'string' }, reps: { type: 'string' } } });
const only = new Set((values.only ?? 'seed,slices,start,rules,interactions,report,workbench,screen').split(','));
const reps = Number(values.reps ?? 15);
const scale = (process.env.BENCH_SCALE ?? 'bingtuan') as SeedScale;
const asOf = process.env.SEED_AS_OF ?? '2026-10-31';
const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const progress = consoleProgress();
const results: Record<string, unknown> = {
  runAt: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  scale,
  asOf,
};

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const peakRssMiB = (pid: number | 'self') => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : null;
};

async function benchSeedAndSlices() {
  const schema = `bench_${process.pid}`;
  const admin = createPostgresDb(pgUrl, { max: 1 });
  await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  await admin.close();
  const db = createPostgresDb(pgUrl, { searchPath: schema });
  const dir = mkdtempSync(join(tmpdir(), 'fc-bench-'));
  try {
    await migrate(db);
    let t0 = process.hrtime.bigint();
    const manifest = await seedDatabase(db, { scale, seed: 20261, asOf }, progress);
    const seedMs = ms(t0);
    results.seed = { target: 'local PostgreSQL', ms: Math.round(seedMs), counts: manifest.counts, peakRssMiB: peakRssMiB('self'), targetMs: 60_000 };
    await db.exec('ANALYZE');

    t0 = process.hrtime.bigint();
    const store = new CubeStore(dir);
    await rebuildAll(db, store, progress);
    const buildMs = ms(t0);
    const s = store.get('execution')!;
    const duck = await openDuckDb();
    const ipc = readFileSync(s.files.identity.path);
    t0 = process.hrtime.bigint();
    duck.load('cube_execution', ipc);
    const loadMs = ms(t0);
    results.cube = {
      rows: s.rowCount,
      buildAndExportMs: Math.round(buildMs),
      arrowBytes: { raw: s.files.identity.size, br: s.files.br.size, gzip: s.files.gzip.size },
      duckdbLoadMs: Math.round(loadMs),
    };
    if (!only.has('slices')) return;

    const [top] = await db.query<{ mof_div_code: string }>('SELECT mof_div_code FROM region WHERE level = 1');
    const [div] = await db.query<{ mof_div_code: string }>('SELECT mof_div_code FROM region WHERE level = 2 ORDER BY mof_div_code LIMIT 1 OFFSET 7');
    const ctx = { dataAsOf: asOf, timeProgressBasis: 'day' as const };
    const rows: Array<Record<string, unknown>> = [];
    const allDuck: number[] = [];
    const allPg: number[] = [];
    progress.start('分析查询 DuckDB vs PostgreSQL', analystSlices(asOf, top.mof_div_code, div.mof_div_code).length, 'slices');
    for (const { name, req } of analystSlices(asOf, top.mof_div_code, div.mof_div_code)) {
      const d = compileSlice(executionCube, req, duckdb, ctx);
      const p = compileSlice(executionCube, req, postgres, ctx, 'raw');
      duck.query(d.sql, d.params); // warm
      await db.query(p.sql, p.params); // warm cache
      const dt: number[] = [];
      const pt: number[] = [];
      for (let i = 0; i < reps; i++) {
        let t = process.hrtime.bigint();
        duck.query(d.sql, d.params);
        dt.push(ms(t));
        if (i < Math.max(3, Math.ceil(reps / 3))) {
          t = process.hrtime.bigint();
          await db.query(p.sql, p.params);
          pt.push(ms(t));
        }
      }
      allDuck.push(...dt);
      allPg.push(...pt);
      rows.push({ name, duckP50: +percentile(dt, 50).toFixed(1), duckP95: +percentile(dt, 95).toFixed(1), pgP50: +percentile(pt, 50).toFixed(1), pgP95: +percentile(pt, 95).toFixed(1), ratioP50: +(percentile(pt, 50) / percentile(dt, 50)).toFixed(1) });
      progress.tick();
    }
    progress.done();
    results.slices = {
      engine: 'DuckDB-WASM 1.32 (Node, same wasm as the browser) over the execution cube vs PostgreSQL 15 over raw facts',
      reps,
      items: rows,
      duckP50: +percentile(allDuck, 50).toFixed(1),
      duckP95: +percentile(allDuck, 95).toFixed(1),
      pgP50: +percentile(allPg, 50).toFixed(1),
      pgP95: +percentile(allPg, 95).toFixed(1),
      ratioP50: +(percentile(allPg, 50) / percentile(allDuck, 50)).toFixed(1),
      ratioP95: +(percentile(allPg, 95) / percentile(allDuck, 95)).toFixed(1),
      targets: { duckP95Ms: 100, ratio: 20 },
    };
    duck.close();
  } finally {
    await db.close();
    const a = createPostgresDb(pgUrl, { max: 1 });
    await a.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await a.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A first `npm start` on a fresh embedded database: time until /api/health says ready, peak RSS of the process. */
async function benchFirstStart() {
  const dataDir = mkdtempSync(join(tmpdir(), 'fc-start-'));
  const port = 18787;
  const t0 = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'api/src/start.ts')], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), SEED_SCALE: scale, SEED_AS_OF: asOf, DATABASE_URL: '', CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (b) => (log += b));
  child.stderr.on('data', (b) => (log += b));
  let peak = 0;
  let ready = false;
  let firstAnswerMs: number | null = null;
  try {
    while (Date.now() - t0 < 15 * 60_000 && child.exitCode === null) {
      peak = Math.max(peak, peakRssMiB(child.pid!) ?? 0);
      try {
        const h = await (await fetch(`http://127.0.0.1:${port}/api/health`)).json();
        firstAnswerMs ??= Date.now() - t0;
        if (h.ready) {
          ready = true;
          break;
        }
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    peak = Math.max(peak, peakRssMiB(child.pid!) ?? 0);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
    // The start's own progress lines (seed, each cube, each export, the rules), for a breakdown.
    if (process.env.BENCH_START_LOG) writeFileSync(process.env.BENCH_START_LOG, log);
  }
  results.firstStart = { database: 'embedded (PGlite)', ready, msToReady: Date.now() - t0, msToFirstHealthAnswer: firstAnswerMs, peakRssMiB: peak, targets: { msToReady: 180_000, peakRssMiB: 4096 } };
  if (!ready) results.firstStart = { ...(results.firstStart as object), logTail: log.slice(-2000) };
}

/** All twelve rules at `province` scale (~10 M payments a year) on the PostgreSQL server: time per rule. */
async function benchRules() {
  const scaleForRules = (process.env.BENCH_RULES_SCALE ?? 'province') as SeedScale;
  // A database seeded once (`createdb bench_province`, then `DATABASE_URL=…/bench_province npm run cli -- seed load
  // --scale province --as-of 2026-10-31 --seed 20261`): the rules are timed on it without seeding again.
  if (process.env.BENCH_RULES_DATABASE_URL) return benchRulesOn(process.env.BENCH_RULES_DATABASE_URL);
  const schema = `bench_rules_${process.pid}`;
  const admin = createPostgresDb(pgUrl, { max: 1 });
  await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  await admin.close();
  const db = createPostgresDb(pgUrl, { searchPath: schema });
  try {
    await migrate(db);
    let t0 = process.hrtime.bigint();
    const manifest = await seedDatabase(db, { scale: scaleForRules, seed: 20261, asOf }, progress);
    const seedMs = ms(t0);
    await db.exec('ANALYZE');
    t0 = process.hrtime.bigint();
    const r = await evaluateRules(db, { asOf, progress });
    const evalMs = ms(t0);
    const hits = await db.query<{ rule_id: string; hit_key: string; severity: string }>('SELECT rule_id, hit_key, severity FROM warning WHERE resolved_at IS NULL');
    results.rules = { scale: scaleForRules, seedAndLoadMs: Math.round(seedMs), ...scoreRules(manifest, hits, r, evalMs) };
  } finally {
    await db.close();
    const a = createPostgresDb(pgUrl, { max: 1 });
    await a.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await a.close();
  }
}

/** The rule results against the seed's manifest: every planted violation found with its severity, no near-miss. */
function scoreRules(manifest: SeedManifest, hits: Array<{ rule_id: string; hit_key: string; severity: string }>, r: Awaited<ReturnType<typeof evaluateRules>>, evalMs: number) {
  const got = new Map(hits.map((h) => [`${h.rule_id} ${h.hit_key}`, h.severity]));
  const missed = manifest.violations.filter((v) => got.get(`${v.rule} ${v.key}`) !== v.severity).length;
  return {
    payments: manifest.counts.pay_voucher,
    loadAverage: loadavg().map((x) => +x.toFixed(2)),
    totalMs: Math.round(evalMs),
    targetMs: 60_000,
    perRule: r.rules.map((x) => ({ rule: x.rule, ms: x.ms, hits: x.hits, skipped: x.skipped ?? null })),
    planted: manifest.violations.length,
    missed,
    nearMissesFlagged: manifest.nearMisses.filter((n) => got.has(`${n.rule} ${n.key}`)).length,
    extraHits: hits.length - (manifest.violations.length - missed),
  };
}

/** The rules on an already seeded database (BENCH_RULES_DATABASE_URL): migrations applied, the manifest read back. */
async function benchRulesOn(url: string) {
  const db = createPostgresDb(url);
  try {
    await migrate(db);
    const [{ value: manifest }] = await db.query<{ value: SeedManifest }>(`SELECT value FROM app_meta WHERE key = 'seed_manifest'`);
    const t0 = process.hrtime.bigint();
    // BENCH_RULES_CONCURRENCY=1 measures the rules one after another (default: as many at once as the machine has cores).
    const concurrency = process.env.BENCH_RULES_CONCURRENCY ? Number(process.env.BENCH_RULES_CONCURRENCY) : undefined;
    const loadAverageBefore = loadavg().map((x) => +x.toFixed(2));
    const r = await evaluateRules(db, { asOf, progress, concurrency });
    const evalMs = ms(t0);
    const hits = await db.query<{ rule_id: string; hit_key: string; severity: string }>('SELECT rule_id, hit_key, severity FROM warning WHERE resolved_at IS NULL');
    results.rules = { scale: manifest.scale, database: url.replace(/\/\/[^@]*@/, '//'), concurrency: concurrency ?? availableParallelism(), loadAverageBefore, ...scoreRules(manifest, hits, r, evalMs) };
  } finally {
    await db.close();
  }
}

if (only.has('seed') || only.has('slices')) await benchSeedAndSlices();
if (only.has('rules')) await benchRules();
if (only.has('start')) await benchFirstStart();
if (only.has('interactions')) results.interactions = await (await import('./interactions.ts')).benchInteractions({ pgUrl, scale, asOf, progress });
if (only.has('report')) results.report = await benchReport({ pgUrl, scale, asOf, reps: Number(values.reps ?? 3), progress });
if (only.has('workbench')) results.workbench = await benchWorkbench({ pgUrl, scale, asOf, reps, progress });
if (only.has('screen')) results.screen = await benchScreen({ cycles: Number(process.env.BENCH_SCREEN_CYCLES ?? 500) });

const out = join(root, 'bench/results.json');
const previous = (() => {
  try {
    return JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    return {};
  }
})();
writeFileSync(out, JSON.stringify({ ...previous, ...results }, null, 2) + '\n');
console.log(JSON.stringify(results, null, 2));
console.log(`\nwritten ${out}`);
process.exit(0);
