/**
 * `npm run bench -- --only report` — the monthly execution analysis report of the top region (whole tree) at
 * BENCH_SCALE (default bingtuan) on the PostgreSQL server: figures + xlsx (target ≤ 5 s) and figures + PDF via
 * Chromium (target ≤ 15 s). Seeds its own schema, builds the cubes and runs the rules first (not timed).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rebuildAll } from '../api/src/cubes/pipeline.ts';
import { CubeStore } from '../api/src/cubes/store.ts';
import type { Progress } from '../api/src/progress.ts';
import { renderReport } from '../api/src/reports/archive.ts';
import { chromiumAvailable } from '../api/src/reports/pdf.ts';
import { monthKey } from '../queries/index.ts';
import type { SeedScale } from '../seed/index.ts';
import { benchSchema } from './schema.ts';

export async function benchReport(o: { pgUrl: string; scale: SeedScale; asOf: string; reps: number; progress: Progress }): Promise<Record<string, unknown>> {
  const bs = await benchSchema({ pgUrl: o.pgUrl, prefix: 'bench_report', scale: o.scale, asOf: o.asOf, progress: o.progress });
  const db = bs.db;
  const dir = mkdtempSync(join(tmpdir(), 'fc-bench-report-'));
  try {
    await rebuildAll(db, new CubeStore(dir), o.progress);
    const [top] = await db.query<{ mof_div_code: string }>('SELECT mof_div_code FROM region WHERE level = 1');
    const month = monthKey(o.asOf);
    const time = async (format: 'xlsx' | 'pdf') => {
      const runs: number[] = [];
      let bytes = 0;
      for (let i = 0; i < o.reps; i++) {
        const t0 = process.hrtime.bigint();
        const r = await renderReport(db, { org: top.mof_div_code, month, dataAsOf: o.asOf, format, basis: 'day' });
        runs.push(Math.round(Number(process.hrtime.bigint() - t0) / 1e6));
        bytes = r.body.length;
        o.progress.log(`report ${format} ${i + 1}/${o.reps}: ${runs[runs.length - 1]} ms, ${bytes} bytes`);
      }
      const sorted = [...runs].sort((a, b) => a - b);
      return { runsMs: runs, medianMs: sorted[Math.floor(sorted.length / 2)], maxMs: sorted[sorted.length - 1], bytes };
    };
    const xlsx = await time('xlsx');
    const pdf = chromiumAvailable() ? await time('pdf') : { skipped: 'Chromium not installed at /usr/bin/chromium' };
    return { scale: o.scale, payments: bs.payments, org: top.mof_div_code, month, xlsx: { ...xlsx, targetMs: 5_000 }, pdf: { ...pdf, targetMs: 15_000 } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await bs.drop();
  }
}
