import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildAll } from '../api/src/cubes/pipeline.ts';
import type { Db } from '../api/src/db/types.ts';
import { createRuntime } from '../api/src/runtime.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDb } from './support/db.ts';
import { DATA_AS_OF, loadFixture } from './support/fixture.ts';
import { principal, testAuth } from './support/users.ts';

let db: Db;
const apps = new Map<string, ReturnType<typeof createRuntime>['app']>();

beforeAll(async () => {
  db = await openTestDb();
  await loadFixture(db);
  const dataDir = mkdtempSync(join(tmpdir(), 'fc-details-'));
  const base = createRuntime({ db, dataDir });
  await rebuildAll(db, base.store);
  const make = (name: string, p: Parameters<typeof testAuth>[0]) => {
    const rt = createRuntime({ db, dataDir, store: base.store, auth: testAuth(p) });
    Object.assign(rt.state, { ready: true, dataAsOf: DATA_AS_OF });
    apps.set(name, rt.app);
  };
  make('hq', principal(['analyst'], { kind: 'region', mofDivCode: '660000000' }));
  make('div2', principal(['analyst'], { kind: 'region', mofDivCode: '660200000' }));
  make('viewer', principal(['viewer'], { kind: 'region', mofDivCode: '660000000' }));
}, 120_000);
afterAll(async () => {
  await db?.close();
});

const get = async (who: string, q: string) => {
  const res = await apps.get(who)!.request(`/api/details?${q}`);
  return { status: res.status, body: await res.json() };
};

describe('GET /api/details (drill-through)', () => {
  it('lists the vouchers behind 第一师 as of 31 March: P1, P2 and the return P3 — the class-230 P8 and later ones left out', async () => {
    const { status, body } = await get('hq', 'org=660100000&asOf=2026-03-31&sort=pay_date');
    expect(status).toBe(200);
    expect(body.items.map((i: { pay_app_no: string }) => i.pay_app_no)).toEqual(['P1', 'P2', 'P3', 'P5']);
    expect(body.items.map((i: { amount: string }) => i.amount)).toEqual(['250000.00', '100000.50', '-20000.25', '60000.00']);
    // They add up to the figure the cube shows (390,000.25 元, hand-computed in tests/support/fixture.ts).
    expect(body.items.reduce((s: bigint, i: { amountFen: string }) => s + BigInt(i.amountFen), 0n)).toBe(39_000_025n);
    expect(body.total).toBe(4);
    expect(body.items[0]).toMatchObject({ agencyName: '第一师公安局', mofDivName: '第一师', payee_acct_name: '某公司' });
  });

  it('indicators, a month and a unit: the same slice as the cube', async () => {
    const { body } = await get('hq', 'kind=indicators&agency=660100000:204001&asOf=2026-04-30&sort=doc_date');
    expect(body.items.map((i: { bgt_id: string }) => i.bgt_id)).toEqual(['I1', 'I2', 'I7']);
    const jan = await get('hq', 'kind=indicators&month=202601&asOf=2026-03-31&sort=bgt_id');
    expect(jan.body.items.map((i: { bgt_id: string }) => i.bgt_id)).toEqual(['I1', 'I3', 'I5']); // I3 提前下达 counts in January
  });

  it('本级 only, lists of 款, and the sum of every matching row (not only the page)', async () => {
    // 第一师's own units only (not 一团 below it): P1, P2, P3 as of 31 March = 330,000.25 元.
    const own = await get('hq', 'own=660100000&asOf=2026-03-31&limit=2');
    expect(own.body.total).toBe(3);
    expect(own.body.items).toHaveLength(2);
    expect(own.body.sumFen).toBe('33000025');
    const items = await get('hq', 'kind=indicators&ecoItems=30201,31002&asOf=2026-03-31&sort=bgt_id');
    expect(items.body.items.map((i: { bgt_id: string }) => i.bgt_id)).toEqual(['I1', 'I2', 'I4', 'I5']);
    expect(items.body.sumFen).toBe('130000000'); // 1,000,000 − 200,000 + 300,000 + 200,000 元
    expect((await get('hq', 'ecoItems=30201;drop')).status).toBe(400);
  });

  it('pages and sorts', async () => {
    const p1 = await get('hq', 'asOf=2026-04-30&sort=-pay_amt&limit=2');
    const p2 = await get('hq', 'asOf=2026-04-30&sort=-pay_amt&limit=2&offset=2');
    expect(p1.body.total).toBe(7);
    expect([...p1.body.items, ...p2.body.items].map((i: { pay_app_no: string }) => i.pay_app_no)).toEqual(['P1', 'P4', 'P2', 'P5']);
  });

  it('stays inside the caller’s scope whatever the filters ask', async () => {
    const mine = await get('div2', 'asOf=2026-04-30');
    expect(mine.body.items.map((i: { pay_app_no: string }) => i.pay_app_no).sort()).toEqual(['P4', 'P9']);
    const asked = await get('div2', 'org=660100000&asOf=2026-04-30');
    expect(asked.body).toEqual({ items: [], total: 0, sumFen: '0' });
  });

  it('requires details.read (viewers get 403) and validates every parameter', async () => {
    expect((await get('viewer', 'asOf=2026-03-31')).status).toBe(403);
    for (const [q, field] of [['org=1', 'org'], ['sort=payee_acct_no;drop', 'sort'], ['sort=ori_pay_app_no', 'sort'], ['month=2026-1', 'month'], ['limit=0', 'limit'], ['asOf=2026-02-30', 'asOf'], ['kind=vouchers', 'kind']]) {
      const { status, body } = await get('hq', q);
      expect(status, q).toBe(400);
      expect(body.error.field, q).toBe(field);
    }
  });
});
