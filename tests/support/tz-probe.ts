// Prints the fixture's figures as JSON: run under different TZ values by tests/timezone.test.ts.
import { createEmbeddedDb } from '../../api/src/db/embedded.ts';
import { migrate } from '../../api/src/db/migrate.ts';
import { compileSlice, duckdb, executionCube, lastCompleteMonthEnd, postgres, timeProgress } from '../../queries/index.ts';
import { buildAndLoad } from './cubes.ts';
import { DATA_AS_OF, loadFixture } from './fixture.ts';

const db = createEmbeddedDb();
await migrate(db);
await loadFixture(db);
const built = await buildAndLoad(db);
const ctx = { dataAsOf: DATA_AS_OF, timeProgressBasis: 'day' as const };
const out: Record<string, unknown> = {
  timeProgress: timeProgress('2026-10-31'),
  // 16:30 UTC on 31 Oct is 00:30 on 1 Nov in China: the last complete month is October.
  defaultAsOf: lastCompleteMonthEnd(new Date('2026-10-31T16:30:00Z')),
};
for (const asOf of ['2026-03-31', '2026-04-30']) {
  const req = { dimensions: ['month', 'mof_div_code', 'agency_code'], metrics: ['budget', 'paid', 'execution_rate', 'progress_gap'], asOf, cumulative: true };
  const d = compileSlice(executionCube, req, duckdb, ctx);
  const p = compileSlice(executionCube, req, postgres, ctx, 'raw');
  out[`cube ${asOf}`] = built.duck.query(d.sql, d.params);
  out[`raw ${asOf}`] = await db.query(p.sql, p.params);
}
out.cubeRows = built.duck.query('SELECT * FROM cube_execution ORDER BY ALL');
process.stdout.write(JSON.stringify(out, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
built.cleanup();
await db.close();
