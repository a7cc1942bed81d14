import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildAll } from '../api/src/cubes/pipeline.ts';
import type { Db } from '../api/src/db/types.ts';
import { createRuntime } from '../api/src/runtime.ts';
import { openTestDb } from './support/db.ts';
import { DATA_AS_OF, loadFixture } from './support/fixture.ts';
import { client } from './support/http.ts';
import { addUser, TEST_PASSWORD } from './support/users.ts';

let db: Db;
let rt: ReturnType<typeof createRuntime>;
let analystCookie = '';
let adminCookie = '';

beforeAll(async () => {
  db = await openTestDb();
  await loadFixture(db);
  rt = createRuntime({ db, dataDir: mkdtempSync(join(tmpdir(), 'fc-hostile-')), session: { loginsPerMinute: 100_000 } });
  await rebuildAll(db, rt.store);
  Object.assign(rt.state, { ready: true, dataAsOf: DATA_AS_OF });
  await addUser(db, 'analyst1', ['analyst'], { kind: 'region', mofDivCode: '660100000' });
  await addUser(db, 'admin1', ['admin', 'analyst'], { kind: 'region', mofDivCode: '660000000' });
  await db.query(`UPDATE app_user SET totp_enabled = false WHERE username = 'admin1'`);
  const a = client(rt.app);
  await a.login('analyst1', TEST_PASSWORD);
  analystCookie = a.cookie;
}, 120_000);
afterAll(async () => {
  await rt?.audit.flush();
  await db?.close();
});

/** Percent-encodes, turning a lone surrogate into the invalid UTF-8 bytes it would be. */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
};

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nasty = [
  "' OR 1=1 --", '1; DROP TABLE pay_voucher;--', "execution' UNION SELECT * FROM app_user--", '../../../../etc/passwd', '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2f', '%00', '%ff%fe%fd', '\u202e\u202dtxt', '𠜎𠜱𠝹🀄️', '\ud800', '<script>alert(1)</script>', '${jndi:ldap://x}', '{{7*7}}',
  'a'.repeat(5000), '-1', '1e309', 'NaN', '2026-13-01', '2026-02-30', 'R99', 'red,purple', '-amount', 'null', 'undefined', '[]', '{}', ' ', '\t\n', 'execution\u0000', '660100000:204001:extra', '６６０１０００００',
];
const bodies = [
  '{"username":', '{"username": 123, "password": []}', '[1,2,3]', 'null', '"string"', '{"__proto__": {"admin": true}}', '{"constructor": {"prototype": {"x": 1}}}',
  '{"username": "admin", "password": "x", "totp": "12345a"}', '{"roles": ["root"], "scope": "../../"}', '{"scope": "660100000\' OR 1=1"}',
  '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}', '\u0000\u0001\u0002', '{"password": "' + 'x'.repeat(10_000) + '"}', '{"disabled": "yes"}',
  '{"currentPassword": {"$ne": null}, "newPassword": true}', 'a=1&b=2',
];
const cookies = [undefined, 'fc_session=', 'fc_session=forged', `fc_session=${'A'.repeat(43)}`, 'fc_session=' + '%'.repeat(200), 'fc_session=a; fc_session=b', '=;=;=', 'x'.repeat(8000)];

describe('hostile input', () => {
  it('1,200 generated hostile requests: typed 4xx, zero 5xx, no stack, SQL or path in any body', async () => {
    const rnd = prng(99);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const routes = rt.app.policies.map((p) => ({ method: p.method, path: p.path }));
    const statuses = new Map<number, number>();
    let typed4xx = 0;
    for (let i = 0; i < 1200; i++) {
      const r = pick(routes);
      const method = rnd() < 0.85 ? r.method : pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
      let path = r.path.replace(':id', enc(pick(nasty)).slice(0, 3000));
      if (rnd() < 0.15) path = '/api/' + enc(pick(nasty)).slice(0, 500);
      if (rnd() < 0.5) path += `?${enc(pick(['limit', 'offset', 'action', 'v', 'asOf', 'from', 'to', 'rule', 'severity', 'status', 'org', 'agency', 'sort', 'resolved', 'fiscalYear', pick(nasty)]).slice(0, 200))}=${enc(pick(nasty)).slice(0, 3000)}`;
      const headers: Record<string, string> = {};
      const cookieChoice = rnd();
      if (cookieChoice < 0.3) headers.cookie = analystCookie;
      else if (cookieChoice < 0.35) headers.cookie = adminCookie || analystCookie;
      else {
        const c = pick(cookies);
        if (c !== undefined) headers.cookie = c;
      }
      let body: string | undefined;
      if (method !== 'GET' && method !== 'HEAD' && rnd() < 0.9) {
        body = rnd() < 0.04 ? 'x'.repeat(300 * 1024) : pick(bodies);
        headers['content-type'] = rnd() < 0.8 ? 'application/json' : pick(['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=gbk', '']);
      }
      const res = await rt.app.request(path, { method, headers, body });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, `${method} ${path.slice(0, 120)}`).toBeLessThan(500);
      if (res.status >= 400 && path.startsWith('/api/')) {
        expect(res.headers.get('content-type'), `${method} ${path.slice(0, 120)}`).toMatch(/^application\/json/);
        const text = await res.text();
        const json = JSON.parse(text);
        expect(typeof json.error.code).toBe('string');
        expect(typeof json.error.message).toBe('string');
        expect(text).not.toMatch(/ at |\.ts:\d|node_modules|SELECT |INSERT |\/work\//);
        typed4xx++;
      }
    }
    expect(typed4xx).toBeGreaterThan(1000);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
  }, 300_000);

  it('the server is healthy afterwards and a good login still works', async () => {
    expect(await (await rt.app.request('/api/health')).json()).toMatchObject({ status: 'ok', ready: true });
    const c = client(rt.app);
    expect((await c.login('analyst1', TEST_PASSWORD)).status).toBe(200);
    expect((await c.request('/api/cubes/execution')).status).toBe(200);
    expect((await db.query<{ n: string }>('SELECT count(*) AS n FROM app_user'))[0].n).toBe('2');
  });
});
