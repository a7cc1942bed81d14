import pg from 'pg';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFromStream, to as copyToStream } from 'pg-copy-streams';
import type { Db, Queryable } from './types.ts';

const { Pool, types } = pg;

/**
 * Type parsers for this pool only (never pg's global registry): NUMERIC and INT8 stay strings so money is never a
 * float, DATE stays `yyyy-mm-dd` (pg would otherwise make a local-midnight Date), TIMESTAMPTZ stays ISO-ish text.
 */
const RAW = (v: string) => v;
const parsers: Record<number, (v: string) => unknown> = {
  20: RAW, // int8
  1700: RAW, // numeric
  1082: RAW, // date
  1114: RAW, // timestamp
  1184: RAW, // timestamptz
};
const poolTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    return parsers[oid] ?? types.getTypeParser(oid, format as 'text');
  },
};

function wrap(run: (sql: string, params?: readonly unknown[]) => Promise<pg.QueryResult>, connect: () => Promise<pg.PoolClient>): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]) {
      const r = await run(sql, params);
      return r.rows as T[];
    },
    async exec(sql: string) {
      await run(sql);
    },
    async copyOut(sql, onChunk) {
      const client = await connect();
      try {
        await copyOutOn(client, sql, onChunk);
      } finally {
        client.release();
      }
    },
    async copyFrom(table, columns, chunks) {
      const client = await connect();
      try {
        return await copyOn(client, table, columns, chunks);
      } finally {
        client.release();
      }
    },
  };
}

async function copyOn(client: pg.PoolClient, table: string, columns: readonly string[], chunks: AsyncIterable<string> | Iterable<string>) {
  const stream = client.query(copyFromStream(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
  await pipeline(Readable.from(chunks as AsyncIterable<string>, { objectMode: false }), stream);
  return Number(stream.rowCount ?? 0);
}

async function copyOutOn(client: pg.PoolClient, sql: string, onChunk: (chunk: Uint8Array) => void) {
  const stream = client.query(copyToStream(`COPY (${sql}) TO STDOUT`));
  for await (const chunk of stream) onChunk(chunk as Buffer);
}

/** PostgreSQL through `pg`. `searchPath` confines every connection to one schema (tests use a fresh one per file). */
export function createPostgresDb(url: string, opts: { searchPath?: string; max?: number } = {}): Db {
  const pool = new Pool({
    connectionString: url,
    max: opts.max ?? 8,
    types: poolTypes,
    options: opts.searchPath ? `-c search_path=${opts.searchPath}` : undefined,
  });
  pool.on('error', () => {
    /* an idle client died (server restart): the pool replaces it; queries report their own errors */
  });
  const base = wrap(
    (sql, params) => pool.query(sql, params as unknown[]),
    () => pool.connect(),
  );
  return {
    kind: 'postgres',
    ...base,
    async transaction(fn) {
      const client = await pool.connect();
      const tx: Queryable = {
        async query<T>(sql: string, params?: readonly unknown[]) {
          return (await client.query(sql, params as unknown[])).rows as T[];
        },
        async exec(sql: string) {
          await client.query(sql);
        },
        copyOut: (sql, onChunk) => copyOutOn(client, sql, onChunk),
        copyFrom: (table, columns, chunks) => copyOn(client, table, columns, chunks),
      };
      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
