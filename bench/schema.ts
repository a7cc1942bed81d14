import { migrate } from '../api/src/db/migrate.ts';
import { createPostgresDb } from '../api/src/db/postgres.ts';
import type { Db } from '../api/src/db/types.ts';
import type { Progress } from '../api/src/progress.ts';
import { seedDatabase, type SeedScale } from '../seed/index.ts';

/**
 * A seeded schema on the PostgreSQL server for one bench part: a fresh one (`<prefix>_<pid>`, dropped by `drop`), or
 * the schema named by BENCH_SCHEMA, seeded once at `scale` if empty and kept, so several parts can share one seed.
 */
export async function benchSchema(o: { pgUrl: string; prefix: string; scale: SeedScale; asOf: string; progress: Progress }): Promise<{ db: Db; schema: string; payments: number; drop: () => Promise<void> }> {
  const keep = process.env.BENCH_SCHEMA;
  const schema = keep ?? `${o.prefix}_${process.pid}`;
  const admin = createPostgresDb(o.pgUrl, { max: 1 });
  await admin.exec(keep ? `CREATE SCHEMA IF NOT EXISTS ${schema}` : `DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  await admin.close();
  const db = createPostgresDb(o.pgUrl, { searchPath: schema });
  await migrate(db);
  const [{ n }] = await db.query<{ n: string }>('SELECT count(*) AS n FROM region');
  if (Number(n) === 0) {
    await seedDatabase(db, { scale: o.scale, seed: 20261, asOf: o.asOf }, o.progress);
    await db.exec('ANALYZE');
  }
  const [{ p }] = await db.query<{ p: string }>('SELECT count(*) AS p FROM pay_voucher');
  return {
    db,
    schema,
    payments: Number(p),
    async drop() {
      await db.close();
      if (keep) return;
      const a = createPostgresDb(o.pgUrl, { max: 1 });
      await a.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await a.close();
    },
  };
}
