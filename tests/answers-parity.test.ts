/**
 * A page's first answers from the server (`POST /api/answers`, through the browser's own `answerFrom`) against
 * DuckDB-WASM's answers to the same queries (under Node, over the same cubes): for every panel of the execution and
 * performance dashboards, at the top, in a division and at a unit, the rows are equal — the same columns, types
 * (BIGINT as bigint), values and order — so either may be kept under the query's key.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboards, type Panel } from '../dashboards/index.ts';
import type { Db } from '../api/src/db/types.ts';
import type { SliceContext, SliceRequest } from '../queries/index.ts';
import { answerFrom } from '../web/src/data/answers.ts';
import { sliceSql, unionParts, type Query } from '../web/src/data/sql.ts';
import type { Row } from '../web/src/dashboards/metric-value.ts';
import type { PageScope } from '../web/src/dashboards/scope.ts';
import { barSlice, heatmapSlice, kpiSlices, lineSlices, pieSlice, tableSlice } from '../web/src/dashboards/slices.ts';
import { buildAndLoad } from './support/cubes.ts';
import { openTestDb } from './support/db.ts';
import { DATA_AS_OF, expected, loadFixture } from './support/fixture.ts';
import { closeRuntimes, runtimesFor, type Runtime } from './support/runtimes.ts';
import { principal } from './support/users.ts';

const ctx: SliceContext = { dataAsOf: DATA_AS_OF, timeProgressBasis: 'day' };
let db: Db;
let built: Awaited<ReturnType<typeof buildAndLoad>>;
let rts = new Map<string, Runtime>();
const realFetch = globalThis.fetch;

beforeAll(async () => {
  db = await openTestDb();
  await loadFixture(db);
  built = await buildAndLoad(db);
  rts = await runtimesFor(db, mkdtempSync(join(tmpdir(), 'fc-answers-parity-')), [['hq', principal(['analyst'], { kind: 'region', mofDivCode: '660000000' }, 'hq_analyst')]] as const);
  // The browser's fetch, answered by the API in this process as the signed-in analyst.
  globalThis.fetch = ((input: string, init?: RequestInit) => rts.get('hq')!.app.request(input, init)) as typeof fetch;
}, 180_000);

afterAll(async () => {
  globalThis.fetch = realFetch;
  built?.cleanup();
  await closeRuntimes(rts, db);
});

/** Each panel's query as its component builds it (web/src/dashboards/panels). */
function panelQuery(p: Panel, scope: PageScope): Query | null {
  switch (p.kind) {
    case 'kpi': {
      const s = kpiSlices(p, scope);
      return unionParts([s.main.request, ...(s.yoy ? [s.yoy] : []), ...(s.mom ? [s.mom] : [])].map((r) => sliceSql(p.cube, r, ctx)));
    }
    case 'line': {
      const s = lineSlices(p, scope);
      return unionParts([s.main.request, ...(s.previous ? [s.previous] : [])].map((r) => sliceSql(p.cube, r, ctx)), s.main.request.orderBy);
    }
    case 'bar':
    case 'pie':
    case 'table':
    case 'heatmap': {
      const build = { bar: barSlice, pie: pieSlice, table: tableSlice, heatmap: heatmapSlice }[p.kind] as (panel: Panel, scope: PageScope) => { request: SliceRequest; names: boolean };
      const s = build(p, scope);
      return sliceSql(p.cube, s.request, ctx, s.names);
    }
    default:
      return null;
  }
}

const scopes: Array<[string, PageScope]> = [
  ['全兵团', { org: { code: '660000000', level: 1, hasChildren: true }, own: false, asOf: expected.march.asOf, datedPage: true }],
  ['第一师, 一般公共预算', { org: { code: '660100000', level: 2, hasChildren: true }, own: false, asOf: expected.march.asOf, datedPage: true, fund: '11' }],
  ['兵团本级', { org: { code: '660000000', level: 1, hasChildren: true }, own: true, asOf: DATA_AS_OF, datedPage: true }],
];

describe('the server’s first answers equal DuckDB’s', () => {
  for (const dash of ['execution', 'performance'] as const) {
    for (const [name, scope] of scopes) {
      it(`${dash}, ${name}: every panel`, async () => {
        let compared = 0;
        for (const p of dashboards[dash].panels) {
          const q = panelQuery(p, scope);
          if (!q?.origin) continue;
          const duck: Row[] = built.duck.query(q.sql, q.params);
          const server = await answerFrom(q.origin);
          expect(server, `${p.id}`).toEqual(duck);
          compared++;
        }
        expect(compared).toBeGreaterThanOrEqual(dash === 'execution' ? 9 : 4);
      });
    }
  }
});
