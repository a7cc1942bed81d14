/**
 * `npm run cli -- <noun> <verb> [--flags]`. Exit 0 on success, 1 when a check fails, 2 on bad usage.
 *   seed load   [--scale small|bingtuan|province|none] [--seed N] [--as-of yyyy-mm-dd] [--manifest FILE]
 *   cubes build                      build every cube in PostgreSQL and write its Arrow files
 *   cubes refresh --year Y --region CODE|top   rebuild one partition (fiscal year × level-2 region)
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cubes, isIsoDate, lastCompleteMonthEnd } from '../../queries/index.ts';
import { seedDatabase, type SeedScale } from '../../seed/index.ts';
import { refreshPartition } from './cubes/build.ts';
import { exportAll, rebuildAll } from './cubes/pipeline.ts';
import { migrate } from './db/migrate.ts';
import { openDb } from './db/open.ts';
import { loadEnv } from './env.ts';
import { cubeStoreFor } from './pipeline.ts';
import { consoleProgress } from './progress.ts';

class UsageError extends Error {}

const USAGE = `用法 / usage: npm run cli -- <noun> <verb> [--flags]
  seed load [--scale small|bingtuan|province|none] [--seed N] [--as-of yyyy-mm-dd] [--manifest FILE]
  cubes build
  cubes refresh --year YYYY --region <mof_div_code of a level-2 region | top>`;

async function main(argv: string[]): Promise<number> {
  const [noun, verb, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      scale: { type: 'string' },
      seed: { type: 'string' },
      'as-of': { type: 'string' },
      manifest: { type: 'string' },
      year: { type: 'string' },
      region: { type: 'string' },
    },
    strict: true,
  });
  const env = loadEnv();
  const progress = consoleProgress();
  const command = `${noun ?? ''} ${verb ?? ''}`.trim();
  if (!['seed load', 'cubes build', 'cubes refresh'].includes(command)) throw new UsageError(command ? `unknown command: ${command}` : 'missing command');

  const db = openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    await migrate(db);
    const store = cubeStoreFor(env.DATA_DIR);
    if (command === 'seed load') {
      const scale = (values.scale ?? env.SEED_SCALE) as SeedScale;
      if (!['small', 'bingtuan', 'province', 'none'].includes(scale)) throw new UsageError(`--scale: expected small|bingtuan|province|none, got ${scale}`);
      const seed = values.seed !== undefined ? Number(values.seed) : env.SEED;
      if (!Number.isInteger(seed)) throw new UsageError(`--seed: expected an integer, got ${values.seed}`);
      const asOf = values['as-of'] ?? env.SEED_AS_OF ?? lastCompleteMonthEnd(new Date(), env.APP_TIME_ZONE);
      if (!isIsoDate(asOf)) throw new UsageError(`--as-of: expected yyyy-mm-dd, got ${asOf}`);
      const manifest = await seedDatabase(db, { scale, seed, asOf, timeProgressBasis: env.TIME_PROGRESS_BASIS }, progress);
      for (const [table, n] of Object.entries(manifest.counts)) progress.log(`  ${table.padEnd(16)} ${n}`);
      const byRule = new Map<string, number>();
      for (const v of manifest.violations) byRule.set(v.rule, (byRule.get(v.rule) ?? 0) + 1);
      progress.log(`  planted violations: ${[...byRule].map(([r, n]) => `${r}=${n}`).join(' ')}; near-misses: ${manifest.nearMisses.length}`);
      if (values.manifest) writeFileSync(values.manifest, JSON.stringify(manifest, null, 2));
      await rebuildAll(db, store, progress);
    } else if (command === 'cubes build') {
      await rebuildAll(db, store, progress);
    } else {
      const year = Number(values.year);
      if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new UsageError('--year: expected a fiscal year such as 2026');
      const region = values.region;
      if (!region || !(region === 'top' || /^\d{9}$/.test(region))) throw new UsageError('--region: expected a 9-digit mof_div_code or "top"');
      const r = await refreshPartition(db, cubes.execution, { fiscal_year: year, lvl2_code: region === 'top' ? null : region });
      progress.log(`execution cube partition ${year} × ${region} rebuilt: version ${r.version}, ${r.rowCount} rows in all`);
      await exportAll(db, store, progress);
    }
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith?.('ERR_PARSE_ARGS')) {
      console.error(`${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(`失败 / failed: ${err?.message ?? err}`);
    process.exit(1);
  },
);
