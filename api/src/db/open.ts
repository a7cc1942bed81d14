import { join } from 'node:path';
import { createEmbeddedDb } from './embedded.ts';
import { createPostgresDb } from './postgres.ts';
import type { Db } from './types.ts';

/** PostgreSQL when `databaseUrl` is set, else the embedded PGlite under `dataDir/pg`. */
export function openDb(opts: { databaseUrl?: string; dataDir: string }): Db {
  return opts.databaseUrl ? createPostgresDb(opts.databaseUrl) : createEmbeddedDb(join(opts.dataDir, 'pg'));
}
