import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp, newTotpSecret } from '../api/src/auth/totp.ts';
import { passwordProblem } from '../api/src/auth/password.ts';
import type { Db } from '../api/src/db/types.ts';
import { createRuntime } from '../api/src/runtime.ts';
import { openTestDb } from './support/db.ts';
import { loadFixture } from './support/fixture.ts';
import { client } from './support/http.ts';
import { addUser, TEST_PASSWORD } from './support/users.ts';

let db: Db;
let now = Date.parse('2026-11-02T01:00:00Z');
const clock = () => new Date(now);
const minutes = (m: number) => (now += m * 60_000);
let rt: ReturnType<typeof createRuntime>;
const adminSecret = newTotpSecret();

beforeAll(async () => {
  db = await openTestDb();
  await loadFixture(db);
  rt = createRuntime({ db, dataDir: mkdtempSync(join(tmpdir(), 'fc-sess-')), clock, session: { loginsPerMinute: 1000 } });
  await addUser(db, 'div_analyst', ['analyst'], { kind: 'region', mofDivCode: '660100000' });
  await addUser(db, 'locky', ['viewer'], { kind: 'region', mofDivCode: '660100000' });
  await addUser(db, 'root_admin', ['admin'], { kind: 'region', mofDivCode: '660000000' }, adminSecret);
  await addUser(db, 'no_totp_auditor', ['auditor'], { kind: 'region', mofDivCode: '660000000' });
}, 60_000);
afterAll(async () => {
  await rt.audit.flush();
  await db.close();
});

describe('sign-in and sessions', () => {
  it('login sets an HttpOnly, SameSite=Strict cookie; me, logout; the password never comes back', async () => {
    const c = client(rt.app);
    const res = await c.login('div_analyst', TEST_PASSWORD);
    expect(res.status).toBe(200);
    const set = res.headers.get('set-cookie')!;
    expect(set).toMatch(/^fc_session=[A-Za-z0-9_-]{43};/);
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    expect(set).not.toContain('Secure'); // plain http in tests; Secure over https
    const body = await res.json();
    expect(JSON.stringify(body)).not.toMatch(/password|scrypt|totp_secret/i);
    const me = await (await c.request('/api/auth/me')).json();
    expect(me.user).toMatchObject({ username: 'div_analyst', roles: ['analyst'], scope: '660100000', scopeName: '第一师' });
    expect(me.actions).toContain('exports.create');
    expect(me.actions).not.toContain('users.manage');
    expect((await c.request('/api/auth/logout', { method: 'POST' })).status).toBe(200);
    expect((await c.request('/api/auth/me')).status).toBe(401);
  });

  it('a forged or unknown cookie is 401', async () => {
    for (const cookie of ['fc_session=forged', 'fc_session=' + 'A'.repeat(43), 'fc_session=' + 'x'.repeat(5000), 'other=1']) {
      const res = await rt.app.request('/api/auth/me', { headers: { cookie } });
      expect(res.status, cookie.slice(0, 30)).toBe(401);
      expect((await res.json()).error.code).toBe('unauthorized');
    }
  });

  it('idle timeout 30 minutes, absolute limit 12 hours (injected clock)', async () => {
    const c = client(rt.app);
    await c.login('div_analyst', TEST_PASSWORD);
    minutes(29);
    expect((await c.request('/api/auth/me')).status).toBe(200);
    minutes(31);
    expect((await c.request('/api/auth/me')).status).toBe(401); // idle > 30 min
    await c.login('div_analyst', TEST_PASSWORD);
    for (let i = 0; i < 35; i++) {
      minutes(20); // active every 20 minutes: never idle
      expect((await c.request('/api/auth/me')).status).toBe(200);
    }
    minutes(20); // 12 h since sign-in
    expect((await c.request('/api/auth/me')).status).toBe(401);
  });

  it('5 failed logins lock the account for 15 minutes, even against the right password', async () => {
    const c = client(rt.app);
    for (let i = 0; i < 4; i++) expect((await c.login('locky', 'wrong-Passw0rd!')).status).toBe(401);
    const fifth = await c.login('locky', 'wrong-Passw0rd!');
    expect(fifth.status).toBe(429);
    expect((await fifth.json()).error.message).toContain('锁定');
    expect((await c.login('locky', TEST_PASSWORD)).status).toBe(429);
    minutes(14);
    expect((await c.login('locky', TEST_PASSWORD)).status).toBe(429);
    minutes(2);
    expect((await c.login('locky', TEST_PASSWORD)).status).toBe(200);
  });

  it('TOTP is required for admin; a wrong or stale code fails; the current code works', async () => {
    const c = client(rt.app);
    const missing = await c.login('root_admin', TEST_PASSWORD);
    expect(missing.status).toBe(401);
    expect((await missing.json()).error.field).toBe('totp');
    expect((await c.login('root_admin', TEST_PASSWORD, '000000')).status).toBe(401);
    const stale = currentTotp(adminSecret, 'root_admin', new Date(now - 5 * 60_000));
    expect((await c.login('root_admin', TEST_PASSWORD, stale)).status).toBe(401);
    const code = currentTotp(adminSecret, 'root_admin', clock());
    const ok = await c.login('root_admin', TEST_PASSWORD, code);
    expect(ok.status).toBe(200);
    // The same code is good once: a replay within its window fails.
    expect((await client(rt.app).login('root_admin', TEST_PASSWORD, code)).status).toBe(401);
    minutes(0.5);
    expect((await client(rt.app).login('root_admin', TEST_PASSWORD, currentTotp(adminSecret, 'root_admin', clock()))).status).toBe(200);
    // An auditor without an enrolled second factor cannot sign in at all.
    const auditor = await c.login('no_totp_auditor', TEST_PASSWORD);
    expect(auditor.status).toBe(401);
    expect((await auditor.json()).error.message).toContain('TOTP');
  });

  it('per-address rate limit on login', async () => {
    const limited = createRuntime({ db, dataDir: mkdtempSync(join(tmpdir(), 'fc-rl-')), clock, session: { loginsPerMinute: 5 } });
    const c = client(limited.app);
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await c.login('nobody_' + i, 'x')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    minutes(1.1);
    expect((await c.login('nobody', 'x')).status).toBe(401);
    await limited.audit.flush();
  });

  it('password strength policy and changing one’s own password', async () => {
    expect(passwordProblem('short')).toContain('10');
    expect(passwordProblem('alllowercaseletters')).toContain('三类');
    expect(passwordProblem('Div_analyst-2026x', 'div_analyst')).toContain('用户名');
    expect(passwordProblem('Str0ng-enough')).toBeNull();
    const c = client(rt.app);
    await c.login('div_analyst', TEST_PASSWORD);
    const weak = await c.request('/api/auth/password', { method: 'POST', json: { currentPassword: TEST_PASSWORD, newPassword: 'weakweakweak' } });
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.field).toBe('newPassword');
    const wrong = await c.request('/api/auth/password', { method: 'POST', json: { currentPassword: 'Nope-nope-1', newPassword: 'N3w-Passw0rd!' } });
    expect((await wrong.json()).error.field).toBe('currentPassword');
    expect((await c.request('/api/auth/password', { method: 'POST', json: { currentPassword: TEST_PASSWORD, newPassword: 'N3w-Passw0rd!' } })).status).toBe(200);
    expect((await c.request('/api/auth/me')).status).toBe(401); // sessions end with a password change
    expect((await c.login('div_analyst', TEST_PASSWORD)).status).toBe(401);
    expect((await c.login('div_analyst', 'N3w-Passw0rd!')).status).toBe(200);
  });

  it('logins, failures, lockouts and logouts are in the audit log; no password anywhere in it', async () => {
    await rt.audit.flush();
    const rows = await db.query<{ action: string; outcome: string; username: string; detail: unknown }>('SELECT action, outcome, username, detail FROM audit_log ORDER BY id');
    const count = (a: string, o: string) => rows.filter((r) => r.action === a && r.outcome === o).length;
    expect(count('auth.login', 'ok')).toBeGreaterThanOrEqual(6);
    expect(count('auth.login', 'failed')).toBeGreaterThanOrEqual(8);
    expect(count('auth.lock', 'ok')).toBe(1);
    expect(count('auth.logout', 'ok')).toBe(1);
    expect(count('user.password_change', 'ok')).toBe(1);
    expect(JSON.stringify(rows)).not.toContain(TEST_PASSWORD);
    expect(JSON.stringify(rows)).not.toContain('wrong-Passw0rd!');
  });
});

describe('scope names for administrators', () => {
  it('names a region, department or unit inside the admin’s scope; outside is 404', async () => {
    const admin = client(rt.app);
    minutes(1);
    expect((await admin.login('root_admin', TEST_PASSWORD, currentTotp(adminSecret, 'root_admin', clock()))).status).toBe(200);
    expect(await (await admin.request('/api/scopes/lookup?scope=660101000:205001')).json()).toEqual({
      scope: '660101000:205001', kind: 'agency', mofDivName: '一团', level: 3, deptName: null, agencyName: '一团中学',
    });
    expect((await (await admin.request('/api/scopes/lookup?scope=660100000:204')).json()).deptName).toBe('公安局');
    expect((await admin.request('/api/scopes/lookup?scope=660100000:999')).status).toBe(404);
    expect((await admin.request('/api/scopes/lookup?scope=bad')).status).toBe(400);
    const div = client(rt.app);
    expect((await div.login('div_analyst', 'N3w-Passw0rd!')).status).toBe(200);
    expect((await div.request('/api/scopes/lookup?scope=660200000')).status).toBe(404); // another division
  });
});
