import { randomBytes } from 'node:crypto';
import { createEmbeddedDb } from '../../api/src/db/embedded.ts';
import { migrate } from '../../api/src/db/migrate.ts';
import { createPostgresDb } from '../../api/src/db/postgres.ts';
import type { Db } from '../../api/src/db/types.ts';

/**
 * A fresh, migrated database for one test file: a new schema on the real PostgreSQL when TEST_DATABASE_URL is set,
 * else an in-memory embedded PGlite. `close` drops the schema.
 */
export async function openTestDb(): Promise<Db & { label: string }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = createPostgresDb(url, { max: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    await admin.close();
    const db = createPostgresDb(url, { searchPath: schema });
    await migrate(db);
    const close = db.close;
    return Object.assign(db, {
      label: `postgres:${schema}`,
      async close() {
        await close();
        const a = createPostgresDb(url, { max: 1 });
        await a.exec(`DROP SCHEMA ${schema} CASCADE`);
        await a.close();
      },
    });
  }
  const db = createEmbeddedDb();
  await migrate(db);
  return Object.assign(db, { label: 'embedded' });
}
