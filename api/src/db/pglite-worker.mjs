// Hosts the embedded PostgreSQL (PGlite, a real PostgreSQL compiled to WASM) in a worker thread, so long statements
// (seeding, cube builds) never block the API's event loop: health, login and cached cubes keep answering.
// Plain JavaScript: a worker thread starts without the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const RAW = (v) => v;
// Same representation as the pg pool (postgres.ts): money and int8 as strings, dates and timestamps as text.
const parsers = { 20: RAW, 1700: RAW, 1082: RAW, 1114: RAW, 1184: RAW };

const db = new PGlite(workerData.dataDir, { parsers });

parentPort.on('message', async (msg) => {
  try {
    await db.waitReady;
    let result = null;
    if (msg.op === 'query') {
      result = (await db.query(msg.sql, msg.params ?? [], { parsers })).rows;
    } else if (msg.op === 'copyout') {
      // COPY … TO '/dev/blob': PGlite writes the result as one blob, far faster than returning rows one by one.
      const r = await db.query(`COPY (${msg.sql}) TO '/dev/blob'`);
      // No rows: PGlite writes no blob at all.
      result = r.blob ? new Uint8Array(await r.blob.arrayBuffer()) : new Uint8Array(0);
      parentPort.postMessage({ id: msg.id, ok: true, result }, [result.buffer]);
      return;
    } else if (msg.op === 'exec') {
      await db.exec(msg.sql);
    } else if (msg.op === 'copy') {
      const r = await db.query(msg.sql, [], { blob: new Blob([msg.csv]) });
      result = r.affectedRows ?? 0;
    } else if (msg.op === 'close') {
      await db.close();
    }
    parentPort.postMessage({ id: msg.id, ok: true, result });
  } catch (err) {
    parentPort.postMessage({
      id: msg.id,
      ok: false,
      error: { message: err?.message ?? String(err), code: err?.code, detail: err?.detail },
    });
  }
});
