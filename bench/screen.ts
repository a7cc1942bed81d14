/**
 * Bench part `screen`: a wall screen left running. One Chromium page shows /screen/overview?refresh=2 with a display
 * token; every cycle the data changes on the server (a warning's amount, then the warnings cubes rebuilt: new ETags)
 * and the page checks, fetches the changed cubes, swaps them in DuckDB-WASM and redraws. After warm-up and at the
 * end: the page's JS heap after a forced GC (CDP HeapProfiler.collectGarbage + Runtime.getHeapUsage) and the DuckDB
 * worker's WebAssembly memory. Target: growth < 10 % for both over ≥ 500 cycles (BENCH_SCREEN_CYCLES, default 500).
 */
import type { Page } from 'playwright-core';
import { DisplayTokenService } from '../api/src/auth/display-tokens.ts';
import { rebuildWarningCubes } from '../api/src/cubes/pipeline.ts';
import { launchChromium } from '../tests/e2e/browser.ts';
import { ensureWebBuild } from '../tests/e2e/build-web.ts';
import { startTestServer } from '../tests/support/server.ts';

/**
 * The WebAssembly memory of every DuckDB worker the page has, summed: the running engine's, plus an old one's while it
 * is being retired after a renewal (engine-renewal.ts) — what the browser really holds.
 */
async function wasmBytes(page: Page): Promise<{ total: number; workers: number }> {
  let total = 0;
  let workers = 0;
  for (const w of page.workers()) {
    const n = await w.evaluate(() => {
      const b = (globalThis as { DUCKDB_BINDINGS?: { mod?: { HEAP8?: Int8Array } } }).DUCKDB_BINDINGS;
      return b?.mod?.HEAP8?.byteLength ?? 0;
    }).catch(() => 0);
    if (n > 0) workers++;
    total += n;
  }
  return { total, workers };
}

/**
 * DuckDB's own account, read in its worker between messages: memory its buffer manager holds (duckdb_memory()) and
 * the tables it has — to tell the engine's data from the WebAssembly heap's high-water mark.
 */
async function duckdbStats(page: Page): Promise<{ bufferMiB: number; tables: number } | null> {
  for (const w of page.workers()) {
    const s = await w
      .evaluate(() => {
        type Tbl = { getChildAt(i: number): { get(j: number): unknown } | null };
        const b = (globalThis as { DUCKDB_BINDINGS?: { connect(): { query(sql: string): Tbl; close(): void } } }).DUCKDB_BINDINGS;
        if (!b) return null;
        const c = b.connect();
        // No named functions in here: the TypeScript loader would wrap them in a helper the worker does not have.
        try {
          return {
            bytes: Number(c.query('SELECT coalesce(sum(memory_usage_bytes), 0)::DOUBLE FROM duckdb_memory()').getChildAt(0)?.get(0) ?? 0),
            tables: Number(c.query('SELECT count(*)::INTEGER FROM duckdb_tables()').getChildAt(0)?.get(0) ?? 0),
          };
        } finally {
          c.close();
        }
      })
      .catch(() => null);
    if (s) return { bufferMiB: +(s.bytes / 2 ** 20).toFixed(2), tables: s.tables };
  }
  return null;
}

export async function benchScreen(opts: { cycles: number; log?: (s: string) => void }) {
  const log = opts.log ?? ((s: string) => console.log(s));
  ensureWebBuild();
  const server = await startTestServer({ scale: 'small' });
  const browser = await launchChromium();
  try {
    const tokens = server.rt.sessions.fallbacks.find((f): f is DisplayTokenService => f instanceof DisplayTokenService)!;
    const { token } = await tokens.issue({ name: 'bench', screen: 'overview', scope: { kind: 'region', mofDivCode: '660000000' }, createdBy: 'bench', expiresAt: null });
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/screen/overview?token=${token}&refresh=2`);
    // Drawn (an empty list of panels is not), and the first data check counted.
    const drawn = () => {
      const panels = [...document.querySelectorAll<HTMLElement>('.screen-grid > [data-testid^=panel-]')];
      return panels.length >= 5 && panels.every((e) => e.dataset.state === 'ready') && Number(document.querySelector<HTMLElement>('[data-testid=screen-canvas]')?.dataset.checks) >= 1;
    };
    await page.waitForFunction(drawn, null, { timeout: 180_000 });
    const cdp = await browser.context.newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const fetches = async () => Number(await page.getByTestId('screen-canvas').getAttribute('data-fetches'));
    const renewals = async () => Number(await page.getByTestId('screen-canvas').getAttribute('data-renewals'));
    const MiB = (n: number) => +(n / 2 ** 20).toFixed(2);
    const cycle = async () => {
      const before = await fetches();
      await server.db.query('UPDATE warning SET amount_fen = COALESCE(amount_fen, 0) + 100 WHERE warning_id = (SELECT min(warning_id) FROM warning)');
      await rebuildWarningCubes(server.db, server.rt.store);
      await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('[data-testid=screen-canvas]')?.dataset.fetches) >= n + 2, before, { timeout: 60_000 }).catch(async (e: unknown) => {
        const d = await page.getByTestId('screen-canvas').evaluate((el) => ({ ...(el as HTMLElement).dataset })).catch(() => null);
        throw new Error(`screen bench: no refetch within 60 s (fetches before ${before}, now ${JSON.stringify(d)}): ${String(e)}`);
      });
      await page.waitForFunction(drawn, null, { timeout: 60_000 });
    };
    const warmup = Math.min(20, Math.max(2, Math.floor(opts.cycles / 10)));
    for (let i = 0; i < warmup; i++) await cycle();
    const heap0 = await heap();
    const wasm0 = (await wasmBytes(page)).total;
    const duck0 = await duckdbStats(page);
    const renewals0 = await renewals();
    const t0 = Date.now();
    let wasmMax = wasm0;
    const samples: Array<{ cycle: number; heapMiB: number; wasmMiB: number; workers: number; renewals: number }> = [];
    for (let i = 1; i <= opts.cycles; i++) {
      await cycle();
      const w = await wasmBytes(page);
      wasmMax = Math.max(wasmMax, w.total);
      if (i % 50 === 0) {
        const s = { cycle: i, heapMiB: MiB(await heap()), wasmMiB: MiB(w.total), workers: w.workers, renewals: (await renewals()) - renewals0 };
        samples.push(s);
        log(`screen: ${i}/${opts.cycles} cycles, heap ${s.heapMiB} MiB, wasm ${s.wasmMiB} MiB in ${s.workers} worker(s), engine renewals ${s.renewals}, duckdb ${JSON.stringify(await duckdbStats(page))}`);
      }
    }
    const heap1 = await heap();
    const wasm1 = (await wasmBytes(page)).total;
    const duck1 = await duckdbStats(page);
    const pct = (a: number, b: number) => (a ? Math.round(((b - a) / a) * 1000) / 10 : null);
    return {
      cycles: opts.cycles,
      warmupCycles: warmup,
      cubeFetches: await fetches(),
      msPerCycle: Math.round((Date.now() - t0) / opts.cycles),
      jsHeapAfterGcMiB: { start: MiB(heap0), end: MiB(heap1), growthPct: pct(heap0, heap1) },
      // All DuckDB workers' memory together, after every cycle: `max` includes an old engine not yet retired.
      wasmMemoryMiB: { start: MiB(wasm0), end: MiB(wasm1), max: MiB(wasmMax), growthPct: pct(wasm0, wasm1), maxGrowthPct: pct(wasm0, wasmMax) },
      engineRenewals: (await renewals()) - renewals0,
      samples,
      duckdb: { start: duck0, end: duck1 },
      targetGrowthPct: 10,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
