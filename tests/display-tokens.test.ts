import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp, newTotpSecret } from '../api/src/auth/totp.ts';
import { prepareData } from '../api/src/pipeline.ts';
import { silentProgress } from '../api/src/progress.ts';
import type { Db } from '../api/src/db/types.ts';
import { createRuntime } from '../api/src/runtime.ts';
import { openTestDb } from './support/db.ts';
import { DATA_AS_OF, loadFixture } from './support/fixture.ts';
import { client } from './support/http.ts';
import { addUser, TEST_PASSWORD } from './support/users.ts';

let db: Db;
let rt: ReturnType<typeof createRuntime>;
let admin: ReturnType<typeof client>;
let divAdmin: ReturnType<typeof client>;
let analyst: ReturnType<typeof client>;
let now = Date.parse('2026-11-02T01:00:00Z');
const clock = () => new Date(now);
const rootSecret = newTotpSecret();
const divSecret = newTotpSecret();

const audit = async (action: string) =>
  db.query<{ username: string; target: string; outcome: string; detail: Record<string, unknown> }>('SELECT username, target, outcome, detail FROM audit_log WHERE action = $1 ORDER BY id', [action]);

async function issue(c: ReturnType<typeof client>, body: Record<string, unknown>) {
  return c.request('/api/display-tokens', { method: 'POST', json: body });
}

beforeAll(async () => {
  db = await openTestDb();
  await loadFixture(db);
  rt = createRuntime({ db, dataDir: mkdtempSync(join(tmpdir(), 'fc-dtok-')), clock, session: { loginsPerMinute: 1000 } });
  await prepareData(db, rt.store, rt.state, { scale: 'none', seed: 0, appTimeZone: 'Asia/Shanghai', timeProgressBasis: 'day', clock }, silentProgress);
  await addUser(db, 'root_admin', ['admin'], { kind: 'region', mofDivCode: '660000000' }, rootSecret);
  await addUser(db, 'div1_admin', ['admin'], { kind: 'region', mofDivCode: '660100000' }, divSecret);
  await addUser(db, 'hq_analyst', ['analyst'], { kind: 'region', mofDivCode: '660000000' });
  admin = client(rt.app);
  expect((await admin.login('root_admin', TEST_PASSWORD, currentTotp(rootSecret, 'root_admin', clock()))).status).toBe(200);
  divAdmin = client(rt.app);
  expect((await divAdmin.login('div1_admin', TEST_PASSWORD, currentTotp(divSecret, 'div1_admin', clock()))).status).toBe(200);
  analyst = client(rt.app);
  expect((await analyst.login('hq_analyst', TEST_PASSWORD)).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await rt.audit.flush();
  await db.close();
});

describe('display tokens', () => {
  it('an admin issues a token shown as a screen URL; only its hash is stored; the issue is audited', async () => {
    const res = await issue(admin, { name: '指挥中心大屏', scope: '660100000', screen: 'overview' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.token).toMatch(/^fcd_[A-Za-z0-9_-]{43}$/);
    expect(body.path).toBe(`/screen/overview?token=${body.token}`);
    expect(body.url).toMatch(/^http:\/\/localhost\/screen\/overview\?token=fcd_/);
    expect(body.item).toMatchObject({ name: '指挥中心大屏', scope: '660100000', screen: 'overview', status: 'active', createdBy: 'root_admin', revokedAt: null });
    const stored = await db.query<{ token_hash: string }>('SELECT token_hash FROM display_token');
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await db.query('SELECT * FROM display_token'))).not.toContain(body.token.slice(4));
    const list = await (await admin.request('/api/display-tokens')).json();
    expect(list.total).toBe(1);
    expect(JSON.stringify(list)).not.toContain(body.token);
    expect(await audit('display_token.issue')).toEqual([expect.objectContaining({ username: 'root_admin', target: `display_token:${body.item.id}`, outcome: 'ok' })]);
  });

  it('bad input is a typed 400 naming the field; scopes outside the admin are refused; other roles get 403', async () => {
    for (const [b, field] of [
      [{ name: '', scope: '660100000' }, 'name'],
      [{ name: 'x', scope: '6601' }, 'scope'],
      [{ name: 'x', scope: '669900000' }, 'scope'],
      [{ name: 'x', scope: '660100000', screen: 'nope' }, 'screen'],
      [{ name: 'x', scope: '660100000', expiresInDays: 0 }, 'expiresInDays'],
      [{ name: 'x', scope: '660100000', extra: 1 }, 'body'],
    ] as const) {
      const res = await issue(admin, b);
      expect(res.status, JSON.stringify(b)).toBe(400);
      const e = (await res.json()).error;
      expect(e.code).toBe('bad_request');
      if (field !== 'body') expect(e.field).toBe(field);
    }
    expect((await issue(divAdmin, { name: 'x', scope: '660200000' })).status).toBe(403);
    expect((await issue(analyst, { name: 'x', scope: '660100000' })).status).toBe(403);
    expect((await analyst.request('/api/display-tokens')).status).toBe(403);
    expect((await admin.request('/api/display-tokens/abc', { method: 'DELETE' })).status).toBe(400);
    expect((await admin.request('/api/display-tokens/999999', { method: 'DELETE' })).status).toBe(404);
  });

  it('the token is exchanged for a read-only principal limited to its scope; each use is audited', async () => {
    const { token, item } = await (await issue(admin, { name: '第二师大屏', scope: '660200000', screen: 'risk' })).json();
    const screen = client(rt.app);
    const ex = await screen.request('/api/display-tokens/session', { method: 'POST', json: { token } });
    expect(ex.status).toBe(200);
    expect(await ex.json()).toEqual({ name: '第二师大屏', scope: '660200000', screen: 'risk' });
    expect(ex.headers.get('set-cookie')).toMatch(/^fc_display=fcd_[^;]+;.*HttpOnly.*SameSite=Strict/);
    const me = await (await screen.request('/api/auth/me')).json();
    expect(me.user).toMatchObject({ via: 'display_token', roles: ['viewer'], scope: '660200000' });
    expect(me.actions).toEqual(['data.read']);
    // Data: only the second division's rows (fixture: I3 500,000.00 budget; P4 123,456.78 + P9 1,000.00 paid).
    const res = await screen.request('/api/cubes/execution');
    expect(res.status).toBe(200);
    const t = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    const regions = new Set<string>();
    let budget = 0n;
    let paid = 0n;
    for (const r of t) {
      regions.add(String(r.mof_div_code));
      if (Number(r.fiscal_year) === 2026) {
        budget += BigInt(r.budget_fen);
        paid += BigInt(r.paid_fen);
      }
    }
    expect([...regions]).toEqual(['660200000']);
    expect(budget).toBe(50_000_000n);
    expect(paid).toBe(12_445_678n);
    // Read-only: no drill-through, export, warning handling, password change, user admin.
    expect((await screen.request('/api/details?cube=execution')).status).toBe(403);
    expect((await screen.request('/api/exports', { method: 'POST', json: {} })).status).toBe(403);
    expect((await screen.request('/api/users')).status).toBe(403);
    expect((await screen.request('/api/display-tokens')).status).toBe(403);
    expect((await screen.request('/api/auth/password', { method: 'POST', json: { currentPassword: 'a', newPassword: 'b' } })).status).toBe(403);
    // The Bearer header works as well as the cookie.
    expect((await rt.app.request('/api/cubes', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await rt.audit.flush();
    expect(await audit('display_token.use')).toContainEqual(expect.objectContaining({ username: 'display:第二师大屏', target: 'session', outcome: 'ok' }));
    const fetches = await db.query<{ username: string; detail: { via: string } }>(`SELECT username, detail FROM audit_log WHERE action = 'cube.fetch' AND user_id = $1`, [`display:${item.id}`]);
    expect(fetches.length).toBeGreaterThanOrEqual(1);
    expect(fetches[0].detail.via).toBe('display_token');
  });

  it('revoking answers 401 at once (cookie and Bearer), is audited, and the list shows it revoked', async () => {
    const { token, item } = await (await issue(admin, { name: '会议室', scope: '660100000' })).json();
    const screen = client(rt.app);
    expect((await screen.request('/api/display-tokens/session', { method: 'POST', json: { token } })).status).toBe(200);
    expect((await screen.request('/api/cubes')).status).toBe(200);
    // A division admin cannot revoke a token of another division (404, not a hint that it exists).
    const other = await (await issue(admin, { name: '二师', scope: '660200000' })).json();
    expect((await divAdmin.request(`/api/display-tokens/${other.item.id}`, { method: 'DELETE' })).status).toBe(404);
    const del = await admin.request(`/api/display-tokens/${item.id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect((await del.json()).item).toMatchObject({ status: 'revoked', id: item.id });
    const after = await screen.request('/api/cubes');
    expect(after.status).toBe(401);
    expect((await after.json()).error.code).toBe('unauthorized');
    expect((await rt.app.request('/api/cubes/execution', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    const again = await client(rt.app).request('/api/display-tokens/session', { method: 'POST', json: { token } });
    expect(again.status).toBe(401);
    expect((await again.json()).error.message).toBe('显示令牌已被撤销');
    // Revoking twice is harmless and audited once.
    expect((await admin.request(`/api/display-tokens/${item.id}`, { method: 'DELETE' })).status).toBe(200);
    await rt.audit.flush();
    expect((await audit('display_token.revoke')).filter((a) => a.target === `display_token:${item.id}`)).toHaveLength(1);
    expect((await audit('display_token.use')).filter((a) => a.outcome === 'denied' && a.username === 'display:会议室').length).toBeGreaterThanOrEqual(2);
    const list = await (await admin.request('/api/display-tokens')).json();
    expect(list.items.find((i: { id: string }) => i.id === item.id)).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    // The division admin sees only tokens inside its scope.
    const divList = await (await divAdmin.request('/api/display-tokens')).json();
    expect(divList.items.every((i: { scope: string }) => i.scope.startsWith('6601'))).toBe(true);
  });

  it('an expired token is refused; unknown or malformed tokens are 401 / 400', async () => {
    const { token } = await (await issue(admin, { name: '临时', scope: '660000000', expiresInDays: 1 })).json();
    expect((await rt.app.request('/api/cubes', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    now += 2 * 86_400_000;
    expect((await rt.app.request('/api/cubes', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    const ex = await client(rt.app).request('/api/display-tokens/session', { method: 'POST', json: { token } });
    expect(ex.status).toBe(401);
    expect((await ex.json()).error.message).toBe('显示令牌已过期');
    expect((await client(rt.app).request('/api/display-tokens/session', { method: 'POST', json: { token: `fcd_${'A'.repeat(43)}` } })).status).toBe(401);
    const bad = await client(rt.app).request('/api/display-tokens/session', { method: 'POST', json: { token: 'nope' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.field).toBe('token');
  });
});
