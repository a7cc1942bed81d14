import type { Row } from '../dashboards/metric-value.ts';
import { fetchArrow, sendJson } from './api.ts';
import { orderRows, PART, type Origin } from './sql.ts';

/** `POST /api/answers`'s reply: each slice's rows as arrays, with each column's type on the wire. */
interface Answers {
  parts: Array<{ columns: Array<{ name: string; type: 'bigint' | 'number' | 'text' }>; rows: unknown[][] }>;
}

/**
 * A query's answer without DuckDB-WASM, from where it came from (see `Origin`): its slices answered by the server, or a
 * served table read here. The rows are those DuckDB would give for the query's SQL — the same columns, BIGINT money and
 * counts as bigint, the slices' order, several slices tagged and ordered as `unionParts` does — so they are kept in the
 * result cache under the query's own key.
 */
export async function answerFrom(origin: Origin): Promise<Row[]> {
  if (origin.kind === 'table') return tableRows(origin);
  const replies = await ask(origin.parts);
  const parts = replies.map((p) =>
    p.rows.map((cells) => {
      const row: Row = {};
      p.columns.forEach((c, i) => {
        const v = cells[i];
        row[c.name] = v === null ? null : c.type === 'bigint' ? BigInt(v as string) : v;
      });
      return row;
    }),
  );
  if (!origin.union) return parts[0];
  return parts.flatMap((rows, i) => orderRows(rows, origin.union!.orderBy).map((r) => ({ [PART]: i, ...r })));
}

type Slice = Extract<Origin, { kind: 'slices' }>['parts'][number];
type Reply = Answers['parts'][number];

/** Slices asked for in the current task: the panels of a page ask together, and get one request (≤ 40 slices). */
let batch: Array<{ parts: Slice[]; resolve: (r: Reply[]) => void; reject: (e: unknown) => void }> = [];
const MAX_PARTS = 40;

function ask(parts: Slice[]): Promise<Reply[]> {
  return new Promise((resolve, reject) => {
    if (batch.length === 0) setTimeout(flush, 0);
    batch.push({ parts, resolve, reject });
  });
}

function flush(): void {
  const all = batch;
  batch = [];
  // Split where a request would pass the server's limit; each asker's slices stay in one request.
  const requests: Array<typeof all> = [[]];
  let n = 0;
  for (const a of all) {
    if (n + a.parts.length > MAX_PARTS && n > 0) {
      requests.push([]);
      n = 0;
    }
    requests[requests.length - 1].push(a);
    n += a.parts.length;
  }
  for (const askers of requests) void send(askers);
}

/** Requests to the server in flight, and who waits for there to be none. */
let inFlight = 0;
let settledWaiters: Array<() => void> = [];

/** Resolves once no server answer is awaited (at once if none is). */
export function answersSettled(): Promise<void> {
  if (inFlight === 0 && batch.length === 0) return Promise.resolve();
  return new Promise((resolve) => settledWaiters.push(resolve));
}

let asked = false;
const askedWaiters: Array<() => void> = [];

/** Runs `f` once this page has sent its first request for answers (at once if it has). */
export function whenAnswersAsked(f: () => void): void {
  if (asked) f();
  else askedWaiters.push(f);
}

async function send(askers: typeof batch): Promise<void> {
  const start = performance.now();
  inFlight++;
  const request = sendJson<Answers>('POST', '/api/answers', { parts: askers.flatMap((a) => a.parts) });
  if (!asked) {
    asked = true;
    for (const f of askedWaiters.splice(0)) f();
  }
  try {
    const reply = await request;
    performance.measure('fc:answers', { start, end: performance.now() });
    if (reply.parts.length !== askers.reduce((n, a) => n + a.parts.length, 0)) throw new Error('服务端答复的查询数不符');
    let i = 0;
    for (const a of askers) {
      a.resolve(reply.parts.slice(i, i + a.parts.length));
      i += a.parts.length;
    }
  } catch (e) {
    for (const a of askers) a.reject(e);
  } finally {
    inFlight--;
    if (inFlight === 0 && batch.length === 0) for (const w of settledWaiters.splice(0)) w();
  }
}

/** A served table's rows (its Arrow file, decoded here), filtered, projected and ordered as the name queries ask. */
async function tableRows(origin: Extract<Origin, { kind: 'table' }>): Promise<Row[]> {
  const [bytes, arrow] = await Promise.all([fetchArrow(`/api/cubes/${encodeURIComponent(origin.id)}`), import('apache-arrow')]);
  const table = arrow.tableFromIPC(bytes);
  const rows: Row[] = [];
  const where = Object.entries(origin.where ?? {});
  for (const r of table) {
    const all = r.toJSON() as Row;
    if (where.some(([k, v]) => all[k] !== v)) continue;
    const row: Row = {};
    for (const c of origin.columns) row[c] = normalize(all[c]);
    rows.push(row);
  }
  return orderRows(rows, origin.orderBy.map((key) => ({ key })));
}

/** Arrow's JS values as DuckDB's rows carry them: small integers as numbers, 64-bit ones as bigint, text as strings. */
function normalize(v: unknown): unknown {
  return v === undefined ? null : v;
}
