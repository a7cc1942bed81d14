import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareData } from '../api/src/pipeline.ts';
import { silentProgress } from '../api/src/progress.ts';
import type { Scope } from '../api/src/auth/scope.ts';
import type { Db } from '../api/src/db/types.ts';
import { createRuntime } from '../api/src/runtime.ts';
import { evaluateRules } from '../api/src/warnings/evaluate.ts';
import { currentTotp, newTotpSecret } from '../api/src/auth/totp.ts';
import { rules } from '../queries/rules/index.ts';
import { seedDatabase, type SeedManifest } from '../seed/index.ts';
import { openTestDb } from './support/db.ts';
import { client } from './support/http.ts';
import { addUser, TEST_PASSWORD } from './support/users.ts';

const AS_OF = '2026-10-31';
let db: Db;
let manifest: SeedManifest;
let rt: ReturnType<typeof createRuntime>;
const as = new Map<string, ReturnType<typeof client>>();
let division: string;
const secret = newTotpSecret();

beforeAll(async () => {
  db = await openTestDb();
  manifest = await seedDatabase(db, { scale: 'small', seed: 20261, asOf: AS_OF });
  rt = createRuntime({ db, dataDir: mkdtempSync(join(tmpdir(), 'fc-warn-')), session: { loginsPerMinute: 10_000 } });
  await prepareData(db, rt.store, rt.state, { scale: 'none', seed: 0, appTimeZone: 'Asia/Shanghai', timeProgressBasis: 'day', clock: () => new Date() }, silentProgress);
  // The division with the most planted violations, so a division user has something to handle.
  division = (await db.query<{ c: string }>(`SELECT rp.lvl2_code AS c FROM warning w JOIN region_path rp USING (mof_div_code) WHERE rp.lvl2_code IS NOT NULL AND w.agency_code IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`))[0].c;
  const users: Array<[string, 'analyst' | 'viewer' | 'leader' | 'admin', Scope]> = [
    ['hq_analyst', 'analyst', { kind: 'region', mofDivCode: '660000000' }],
    ['div_analyst', 'analyst', { kind: 'region', mofDivCode: division }],
    ['hq_viewer', 'viewer', { kind: 'region', mofDivCode: '660000000' }],
    ['hq_leader', 'leader', { kind: 'region', mofDivCode: '660000000' }],
    ['root', 'admin', { kind: 'region', mofDivCode: '660000000' }],
  ];
  for (const [u, role, scope] of users) {
    await addUser(db, u, [role], scope, role === 'admin' ? secret : undefined);
    const c = client(rt.app);
    expect((await c.login(u, TEST_PASSWORD, role === 'admin' ? currentTotp(secret, u, new Date()) : undefined)).status).toBe(200);
    as.set(u, c);
  }
}, 300_000);
afterAll(async () => {
  await rt?.settle();
  await rt?.audit.flush();
  await db?.close();
});

const open = async () => db.query<{ rule_id: string; hit_key: string; severity: string; warning_id: string }>('SELECT rule_id, hit_key, severity, warning_id FROM warning WHERE resolved_at IS NULL ORDER BY rule_id, hit_key');

describe('rules on the small seed', () => {
  it('find exactly the planted violations, with their severities, for every rule — and no near-miss', async () => {
    const hits = await open();
    for (const rule of rules) {
      const expected = Object.fromEntries(manifest.violations.filter((v) => v.rule === rule.id).map((v) => [v.key, v.severity]));
      const got = Object.fromEntries(hits.filter((h) => h.rule_id === rule.id).map((h) => [h.hit_key, h.severity]));
      expect([rule.id, got]).toEqual([rule.id, expected]);
      expect(Object.keys(expected).length, rule.id).toBeGreaterThanOrEqual(2);
      for (const near of manifest.nearMisses.filter((n) => n.rule === rule.id)) expect(got[near.key], `${rule.id} near-miss ${near.key}`).toBeUndefined();
    }
  });

  it('re-evaluating is idempotent: same warnings, same ids, nothing resolved', async () => {
    const before = await open();
    const r = await evaluateRules(db, { asOf: AS_OF });
    expect(r.rules.reduce((s, x) => s + x.added + x.resolved, 0)).toBe(0);
    expect(await open()).toEqual(before);
  });

  it('an earlier as-of date only reports: R08 is not applicable in September, and nothing is rewritten', async () => {
    const before = await open();
    const r = await evaluateRules(db, { asOf: '2026-09-30' });
    expect(r.persisted).toBe(false);
    expect(r.rules.find((x) => x.rule === 'R08')!.skipped).toBe('not applicable at this date');
    expect(await open()).toEqual(before);
  });
});

describe('GET /api/warnings', () => {
  it('lists in scope with filters, paging and each item’s evidence ids', async () => {
    const all = await (await as.get('hq_analyst')!.request('/api/warnings?limit=500')).json();
    expect(all.total).toBe(manifest.violations.length);
    const red = await (await as.get('hq_analyst')!.request('/api/warnings?severity=red&sort=-amount&limit=3')).json();
    expect(red.total).toBe(manifest.violations.filter((v) => v.severity === 'red').length);
    expect(red.items).toHaveLength(3);
    const amounts = red.items.map((i: { amountFen: string }) => BigInt(i.amountFen));
    expect([...amounts].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(amounts);
    const r04 = await (await as.get('hq_analyst')!.request('/api/warnings?rule=R04')).json();
    for (const i of r04.items) expect(i.evidenceIds).toEqual([i.entityId]);
    const page2 = await (await as.get('hq_analyst')!.request('/api/warnings?limit=5&offset=5&sort=rule')).json();
    expect(page2.items.map((i: { id: string }) => i.id)).toEqual(all.items.slice().sort((a: { rule: string; id: string }, b: { rule: string; id: string }) => a.rule.localeCompare(b.rule) || Number(a.id) - Number(b.id)).slice(5, 10).map((i: { id: string }) => i.id));
  });

  it('a division analyst sees exactly the division’s warnings', async () => {
    const mine = await (await as.get('div_analyst')!.request('/api/warnings?limit=500&resolved=all')).json();
    const [{ n }] = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM warning w JOIN region_path rp USING (mof_div_code) WHERE $1 IN (rp.lvl1_code, rp.lvl2_code, rp.lvl3_code, rp.lvl4_code)`,
      [division],
    );
    expect(mine.total).toBe(Number(n));
    const paths = new Map((await db.query<{ mof_div_code: string; lvl2_code: string }>('SELECT mof_div_code, lvl2_code FROM region_path')).map((p) => [p.mof_div_code, p.lvl2_code]));
    for (const i of mine.items) expect(paths.get(i.org.mofDivCode)).toBe(division);
    const outside = (await db.query<{ warning_id: string }>(`SELECT w.warning_id FROM warning w JOIN region_path rp USING (mof_div_code) WHERE rp.lvl2_code IS DISTINCT FROM $1 LIMIT 1`, [division]))[0].warning_id;
    expect((await as.get('div_analyst')!.request(`/api/warnings/${outside}`)).status).toBe(404);
    expect((await as.get('div_analyst')!.request(`/api/warnings/${outside}`, { method: 'PATCH', json: { status: 'confirmed', comment: '越权处理' } })).status).toBe(404);
  });

  it('own= keeps a region’s own hits (本级), not its children’s', async () => {
    const top = await (await as.get('hq_analyst')!.request('/api/warnings?own=660000000&limit=500')).json();
    const [{ n }] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM warning WHERE mof_div_code = '660000000' AND resolved_at IS NULL`);
    expect(top.total).toBe(Number(n));
    for (const i of top.items) expect(i.org.mofDivCode).toBe('660000000');
  });

  it('rejects bad filters with a typed 400 naming the parameter', async () => {
    for (const [q, field] of [['rule=R99', 'rule'], ['severity=purple', 'severity'], ['limit=501', 'limit'], ['org=66', 'org'], ['own=1', 'own'], ['sort=password', 'sort'], ['from=2026-13-01', 'from'], ['bogus=1', 'bogus']]) {
      const res = await as.get('hq_analyst')!.request(`/api/warnings?${q}`);
      expect(res.status, q).toBe(400);
      expect((await res.json()).error.field).toBe(field);
    }
  });
});

describe('handling workflow', () => {
  it('detail has the evidence rows; open → confirmed → rectified with required comments, history and audit', async () => {
    const list = await (await as.get('div_analyst')!.request('/api/warnings?rule=R04,R06,R11&limit=1')).json();
    const id = list.items[0].id;
    const detail = await (await as.get('div_analyst')!.request(`/api/warnings/${id}`)).json();
    expect(detail.evidenceRows.map((r: { pay_app_no: string }) => r.pay_app_no).sort()).toEqual([...detail.evidenceIds].sort());
    expect(detail.allowedTransitions).toEqual(['confirmed', 'cleared']);
    const noComment = await as.get('div_analyst')!.request(`/api/warnings/${id}`, { method: 'PATCH', json: { status: 'confirmed', comment: ' ' } });
    expect(noComment.status).toBe(400);
    expect((await noComment.json()).error.field).toBe('comment');
    const skip = await as.get('div_analyst')!.request(`/api/warnings/${id}`, { method: 'PATCH', json: { status: 'rectified', comment: '直接整改' } });
    expect(skip.status).toBe(409);
    expect((await as.get('div_analyst')!.request(`/api/warnings/${id}`, { method: 'PATCH', json: { status: 'confirmed', comment: '经核实确属违规' } })).status).toBe(200);
    expect((await as.get('div_analyst')!.request(`/api/warnings/${id}`, { method: 'PATCH', json: { status: 'cleared', comment: '改判' } })).status).toBe(409);
    expect((await as.get('div_analyst')!.request(`/api/warnings/${id}`, { method: 'PATCH', json: { status: 'rectified', comment: '已追回资金' } })).status).toBe(200);
    const after = await (await as.get('div_analyst')!.request(`/api/warnings/${id}`)).json();
    expect(after.status).toBe('rectified');
    expect(after.history.map((h: { from_status: string; to_status: string; username: string; comment: string }) => [h.from_status, h.to_status, h.username, h.comment])).toEqual([
      ['open', 'confirmed', 'div_analyst', '经核实确属违规'],
      ['confirmed', 'rectified', 'div_analyst', '已追回资金'],
    ]);
    await rt.audit.flush();
    const audit = await db.query<{ target: string; detail: { from: string; to: string } }>(`SELECT target, detail FROM audit_log WHERE action = 'warning.status' ORDER BY id`);
    expect(audit.filter((a) => a.target.endsWith(`:${id}`)).map((a) => [a.detail.from, a.detail.to])).toEqual([['open', 'confirmed'], ['confirmed', 'rectified']]);
    // The status survives re-evaluation (the hit still holds).
    await evaluateRules(db, { asOf: AS_OF });
    expect((await db.query<{ status: string }>('SELECT status FROM warning WHERE warning_id = $1', [id]))[0].status).toBe('rectified');
  });

  it('viewers and leaders may read but not handle; admins see no warnings', async () => {
    const id = (await open())[0].warning_id;
    for (const u of ['hq_viewer', 'hq_leader']) {
      expect((await as.get(u)!.request(`/api/warnings/${id}`)).status).toBe(200);
      const res = await as.get(u)!.request(`/api/warnings/${id}`, { method: 'PATCH', json: { status: 'cleared', comment: '无问题' } });
      expect(res.status, u).toBe(403);
    }
    expect((await as.get('root')!.request('/api/warnings')).status).toBe(403);
  });

  it('the warnings cube counts and the month-end status cube agree with the table', async () => {
    await rt.settle();
    const c = as.get('hq_analyst')!;
    const cube = tableFromIPC(new Uint8Array(await (await c.request('/api/cubes/warnings')).arrayBuffer())).toArray().map((r) => r.toJSON());
    const total = cube.reduce((s, r) => s + Number(r.warning_count), 0);
    const handled = cube.reduce((s, r) => s + Number(r.handled_count), 0);
    const [{ n, h }] = await db.query<{ n: string; h: string }>(`SELECT count(*) AS n, count(*) FILTER (WHERE status <> 'open') AS h FROM warning`);
    expect([total, handled]).toEqual([Number(n), Number(h)]);
    expect(handled).toBeGreaterThanOrEqual(1);
    const status = tableFromIPC(new Uint8Array(await (await c.request('/api/cubes/warning_status')).arrayBuffer())).toArray().map((r) => r.toJSON());
    const month = Math.max(...status.map((r) => Number(r.month)));
    const openAtMonthEnd = status.filter((r) => r.month === month && r.status === 'open' && r.resolved === 0).reduce((s, r) => s + Number(r.warning_count), 0);
    const [{ o }] = await db.query<{ o: string }>(`SELECT count(*) AS o FROM warning WHERE status = 'open' AND resolved_at IS NULL`);
    expect(openAtMonthEnd).toBe(Number(o));
  });
});

describe('thresholds', () => {
  it('an admin changes a threshold (audited); the next evaluation applies it; restoring it brings the same warnings back', async () => {
    const admin = as.get('root')!;
    const r04 = manifest.violations.filter((v) => v.rule === 'R04');
    const bad = await admin.request('/api/rules/R04', { method: 'PUT', json: { thresholds: { orange_yuan: -5 } } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.field).toBe('thresholds.orange_yuan');
    expect((await as.get('hq_analyst')!.request('/api/rules/R04', { method: 'PUT', json: { thresholds: { orange_yuan: 1 } } })).status).toBe(403);
    const before = await db.query<{ warning_id: string; hit_key: string }>(`SELECT warning_id, hit_key FROM warning WHERE rule_id = 'R04' ORDER BY hit_key`);
    expect((await admin.request('/api/rules/R04', { method: 'PUT', json: { thresholds: { orange_yuan: 10_000_000 } } })).status).toBe(200);
    await evaluateRules(db, { asOf: AS_OF, only: ['R04'] });
    const redOnly = await db.query<{ hit_key: string }>(`SELECT hit_key FROM warning WHERE rule_id = 'R04' AND resolved_at IS NULL`);
    expect(redOnly).toEqual([]);
    expect((await admin.request('/api/rules/R04', { method: 'PUT', json: { thresholds: { orange_yuan: 50_000 } } })).status).toBe(200);
    await evaluateRules(db, { asOf: AS_OF, only: ['R04'] });
    const again = await db.query<{ warning_id: string; hit_key: string }>(`SELECT warning_id, hit_key FROM warning WHERE rule_id = 'R04' AND resolved_at IS NULL ORDER BY hit_key`);
    expect(again).toEqual(before);
    expect(again.map((x) => x.hit_key)).toEqual(r04.map((v) => v.key).sort());
    await rt.audit.flush();
    const changes = await db.query<{ detail: { after: { thresholds: { orange_yuan: number } } } }>(`SELECT detail FROM audit_log WHERE action = 'rule.thresholds' ORDER BY id`);
    expect(changes.map((c) => c.detail.after.thresholds.orange_yuan)).toEqual([10_000_000, 50_000]);
  });
});
