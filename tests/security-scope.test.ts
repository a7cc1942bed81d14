import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareData } from '../api/src/pipeline.ts';
import { silentProgress } from '../api/src/progress.ts';
import { roles, type Role } from '../api/src/auth/roles.ts';
import { policyAllows } from '../api/src/middleware/guard.ts';
import { scopeKey, type Scope } from '../api/src/auth/scope.ts';
import { currentTotp, newTotpSecret } from '../api/src/auth/totp.ts';
import type { Db } from '../api/src/db/types.ts';
import { createRuntime } from '../api/src/runtime.ts';
import { seedDatabase } from '../seed/index.ts';
import { openTestDb } from './support/db.ts';
import { client } from './support/http.ts';
import { addUser, TEST_PASSWORD } from './support/users.ts';

let db: Db;
let rt: ReturnType<typeof createRuntime>;
const scopes: Record<string, Scope> = {};
const sessions = new Map<string, ReturnType<typeof client>>(); // `${role}@${scopeName}`
const secret = newTotpSecret();

beforeAll(async () => {
  db = await openTestDb();
  await seedDatabase(db, { scale: 'small', seed: 7, asOf: '2026-10-31' });
  rt = createRuntime({ db, dataDir: mkdtempSync(join(tmpdir(), 'fc-scope-')), session: { loginsPerMinute: 10_000 } });
  await prepareData(db, rt.store, rt.state, { scale: 'none', seed: 0, appTimeZone: 'Asia/Shanghai', timeProgressBasis: 'day', clock: () => new Date() }, silentProgress);
  const one = async <T>(sql: string) => (await db.query<T>(sql))[0];
  const top = await one<{ c: string }>('SELECT mof_div_code AS c FROM region WHERE level = 1');
  const div = await one<{ c: string }>('SELECT r.mof_div_code AS c FROM region r WHERE level = 2 ORDER BY (SELECT count(*) FROM region_path p WHERE p.lvl2_code = r.mof_div_code) DESC, 1 LIMIT 1');
  const reg = await one<{ c: string }>('SELECT parent_code AS c FROM region WHERE level = 4 LIMIT 1');
  const leaf = await one<{ c: string }>('SELECT mof_div_code AS c FROM region WHERE level = 4 ORDER BY 1 LIMIT 1');
  const unit = await one<{ m: string; a: string; d: string }>(`SELECT a.mof_div_code AS m, a.agency_code AS a, a.dept_code AS d FROM agency a JOIN region r USING (mof_div_code) WHERE r.level = 3 ORDER BY 1, 2 LIMIT 1`);
  Object.assign(scopes, {
    hq: { kind: 'region', mofDivCode: top.c },
    division: { kind: 'region', mofDivCode: div.c },
    regiment: { kind: 'region', mofDivCode: reg.c },
    level4: { kind: 'region', mofDivCode: leaf.c },
    dept: { kind: 'dept', mofDivCode: unit.m, deptCode: unit.d },
    unit: { kind: 'agency', mofDivCode: unit.m, agencyCode: unit.a },
  } satisfies Record<string, Scope>);
  await addUser(db, 'victim', ['viewer'], { kind: 'region', mofDivCode: div.c });
  for (const role of roles) {
    for (const [name, scope] of Object.entries(scopes)) {
      const username = `${role}_${name}`;
      const totp = role === 'admin' || role === 'auditor';
      await addUser(db, username, [role], scope, totp ? secret : undefined);
      const c = client(rt.app);
      const res = await c.login(username, TEST_PASSWORD, totp ? currentTotp(secret, username, new Date()) : undefined);
      expect(res.status, username).toBe(200);
      sessions.set(`${role}@${name}`, c);
    }
  }
}, 600_000);
afterAll(async () => {
  await rt?.audit.flush();
  await db?.close();
});

const apiRoutes = () =>
  rt.app.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);

describe('every route is guarded', () => {
  it('each API route the app registers has a declared policy', () => {
    const declared = new Set(rt.app.policies.map((p) => `${p.method} ${p.path}`));
    const registered = [...new Set(apiRoutes())];
    expect(registered.length).toBeGreaterThanOrEqual(14);
    for (const r of registered) expect(declared.has(r), r).toBe(true);
    const publicOnes = rt.app.policies.filter((p) => p.policy === 'public').map((p) => `${p.method} ${p.path}`).sort();
    expect(publicOnes).toEqual(['GET /api/health', 'POST /api/auth/login', 'POST /api/auth/logout', 'POST /api/display-tokens/session']);
  });

  it('the role matrix holds on every route: 401 without a session, 403 when the role does not allow it', async () => {
    const victim = (await db.query<{ user_id: string }>(`SELECT user_id FROM app_user WHERE username = 'victim'`))[0].user_id;
    const fill = (path: string) => path.replace(':id', path.startsWith('/api/users') ? victim : 'execution');
    const bodies: Record<string, unknown> = { 'POST /api/auth/password': { currentPassword: 'wrong-Wrong-1', newPassword: 'x' }, 'POST /api/users': { username: 'x' }, 'PATCH /api/users/:id': { displayName: '' } };
    for (const p of rt.app.policies) {
      if (p.policy === 'public') continue;
      const key = `${p.method} ${p.path}`;
      const init = { method: p.method, json: p.method === 'GET' || p.method === 'DELETE' ? undefined : (bodies[key] ?? {}) };
      const anon = await client(rt.app).request(fill(p.path), init);
      expect(anon.status, `anonymous ${key}`).toBe(401);
      for (const role of roles) {
        const res = await sessions.get(`${role}@hq`)!.request(fill(p.path), init);
        const allowed = policyAllows(p.policy, [role]);
        if (allowed) expect([401, 403], `${role} ${key}`).not.toContain(res.status);
        else {
          expect(res.status, `${role} ${key}`).toBe(403);
          expect((await res.json()).error.code).toBe('forbidden');
        }
        expect(res.status, `${role} ${key}`).toBeLessThan(500);
      }
    }
  }, 120_000);

  it('admin and auditor see no finance data; business roles see no users or audit log', async () => {
    for (const role of ['admin', 'auditor'] satisfies Role[]) {
      expect((await sessions.get(`${role}@hq`)!.request('/api/cubes/execution')).status).toBe(403);
      expect((await sessions.get(`${role}@hq`)!.request('/api/cubes')).status).toBe(403);
    }
    for (const role of ['viewer', 'analyst', 'leader'] satisfies Role[]) {
      expect((await sessions.get(`${role}@hq`)!.request('/api/users')).status).toBe(403);
      expect((await sessions.get(`${role}@hq`)!.request('/api/audit')).status).toBe(403);
    }
    expect((await sessions.get('auditor@hq')!.request('/api/audit')).status).toBe(200);
  });
});

/** Totals (fen) per fiscal year computed in PostgreSQL from the raw facts, for a scope. */
async function rawTotals(scope: Scope) {
  const cond =
    scope.kind === 'region'
      ? `$1 IN (rp.lvl1_code, rp.lvl2_code, rp.lvl3_code, rp.lvl4_code)`
      : scope.kind === 'dept'
        ? `f.mof_div_code = $1 AND substr(f.agency_code, 1, 3) = $2`
        : `f.mof_div_code = $1 AND f.agency_code = $2`;
  const params = scope.kind === 'region' ? [scope.mofDivCode] : [scope.mofDivCode, scope.kind === 'dept' ? scope.deptCode : scope.agencyCode];
  const budget = await db.query<{ y: number; s: string }>(
    `SELECT f.fiscal_year AS y, sum(round(f.amount * 100))::bigint AS s FROM bgt_indicator f JOIN region_path rp ON rp.mof_div_code = f.mof_div_code
      WHERE f.exp_func_code NOT LIKE '230%' AND ${cond} GROUP BY 1 ORDER BY 1`,
    params,
  );
  const paid = await db.query<{ y: number; s: string }>(
    `SELECT f.fiscal_year AS y, sum(round(f.pay_amt * 100))::bigint AS s FROM pay_voucher f JOIN region_path rp ON rp.mof_div_code = f.mof_div_code
      WHERE f.exp_func_code NOT LIKE '230%' AND f.pay_date IS NOT NULL AND ${cond} GROUP BY 1 ORDER BY 1`,
    params,
  );
  return { budget: Object.fromEntries(budget.map((r) => [r.y, BigInt(r.s)])), paid: Object.fromEntries(paid.map((r) => [r.y, BigInt(r.s)])) };
}

function inScope(scope: Scope, row: Record<string, unknown>): boolean {
  if (scope.kind === 'region') return [row.lvl1_code, row.lvl2_code, row.lvl3_code, row.lvl4_code].includes(scope.mofDivCode);
  if (scope.kind === 'dept') return row.mof_div_code === scope.mofDivCode && row.dept_code === scope.deptCode;
  return row.mof_div_code === scope.mofDivCode && row.agency_code === scope.agencyCode;
}

/** Every value of every dictionary in the table (to prove no other org's code travels in the bytes). */
function dictionaryValues(t: Table, column: string): string[] {
  const v = t.getChild(column);
  return v ? v.data.flatMap((d) => (d.dictionary ? [...d.dictionary] : [])).filter((x): x is string => x !== null) : [];
}

describe('scope on the cube bytes', () => {
  for (const name of ['hq', 'division', 'regiment', 'level4', 'dept', 'unit']) {
    for (const role of ['viewer', 'analyst', 'leader'] satisfies Role[]) {
      it(`${role} scoped to ${name}: rows, dictionaries and totals stay inside the scope`, async () => {
        const scope = scopes[name];
        const c = sessions.get(`${role}@${name}`)!;
        const res = await c.request('/api/cubes/execution');
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe('private, no-cache');
        expect(res.headers.get('vary')).toBe('Accept-Encoding, Cookie');
        expect(res.headers.get('etag')).toContain(`-${scopeKey(scope).replace(':', '.')}-`);
        const t = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
        const rows = t.toArray().map((r) => r.toJSON());
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.filter((r) => !inScope(scope, r))).toEqual([]);
        const expected = await rawTotals(scope);
        const got = { budget: {} as Record<number, bigint>, paid: {} as Record<number, bigint> };
        for (const r of rows) {
          const y = Number(r.fiscal_year);
          got.budget[y] = (got.budget[y] ?? 0n) + (r.budget_fen as bigint);
          got.paid[y] = (got.paid[y] ?? 0n) + (r.paid_fen as bigint);
        }
        expect(got).toEqual(expected);
        const orgs = new Set(rows.map((r) => r.mof_div_code as string));
        expect(dictionaryValues(t, 'mof_div_code').every((c) => orgs.has(c))).toBe(true);
        const agencies = new Set(rows.map((r) => r.agency_code as string));
        expect(dictionaryValues(t, 'agency_code').every((a) => agencies.has(a))).toBe(true);
        // The catalog's row counts are the scoped ones too.
        const catalog = await (await c.request('/api/cubes')).json();
        expect(catalog.items.find((i: { id: string }) => i.id === 'execution').rowCount).toBe(rows.length);
        // Every rollup the catalog offers the scope: rows, dictionaries and totals inside it too. A unit's or a
        // department's scope is offered only the rollup that keeps the unit columns.
        const rollups = catalog.items.filter((i: { kind: string; rollupOf?: string }) => i.kind === 'rollup' && i.rollupOf === 'execution');
        expect(rollups.map((i: { id: string }) => i.id)).toEqual(scope.kind === 'region' ? ['execution__region_month', 'execution__region_class', 'execution__region_func', 'execution__region_eco', 'execution__unit_month'] : ['execution__unit_month']);
        for (const item of rollups) {
          const rt = tableFromIPC(new Uint8Array(await (await c.request(`/api/cubes/${item.id}`)).arrayBuffer()));
          const rr = rt.toArray().map((r) => r.toJSON());
          expect(rr.length, item.id).toBe(item.rowCount);
          expect(rr.filter((r) => !inScope(scope, r)), item.id).toEqual([]);
          expect(dictionaryValues(rt, 'mof_div_code').every((code) => orgs.has(code)), item.id).toBe(true);
          const sums = { budget: {} as Record<number, bigint>, paid: {} as Record<number, bigint> };
          for (const r of rr) {
            const y = Number(r.fiscal_year);
            sums.budget[y] = (sums.budget[y] ?? 0n) + (r.budget_fen as bigint);
            sums.paid[y] = (sums.paid[y] ?? 0n) + (r.paid_fen as bigint);
          }
          expect(sums, item.id).toEqual(expected);
        }
        // Names: only regions and units inside the scope.
        const units = tableFromIPC(new Uint8Array(await (await c.request('/api/cubes/agencies')).arrayBuffer())).toArray().map((r) => r.toJSON());
        expect(units.length).toBeGreaterThan(0);
        expect(units.filter((u) => !inScope(scope, { ...u, lvl1_code: null, ...(scope.kind === 'region' ? { lvl1_code: u.mof_div_code } : {}) }) && scope.kind !== 'region')).toEqual([]);
        const regions = tableFromIPC(new Uint8Array(await (await c.request('/api/cubes/regions')).arrayBuffer())).toArray().map((r) => r.toJSON());
        const paths = await db.query<{ mof_div_code: string; lvl1_code: string; lvl2_code: string | null; lvl3_code: string | null; lvl4_code: string | null }>('SELECT * FROM region_path');
        const pathOf = new Map(paths.map((p) => [p.mof_div_code, p]));
        for (const r of regions) {
          const p = pathOf.get(r.mof_div_code as string)!;
          if (scope.kind === 'region') expect([p.lvl1_code, p.lvl2_code, p.lvl3_code, p.lvl4_code]).toContain(scope.mofDivCode);
          else expect(r.mof_div_code).toBe(scope.mofDivCode);
        }
        if (scope.kind === 'region') {
          for (const u of units) expect(Object.values(pathOf.get(u.mof_div_code as string)!)).toContain(scope.mofDivCode);
        }
      });
    }
  }

  it('a 304 for one scope’s ETag is not given to another scope', async () => {
    const a = await sessions.get('viewer@division')!.request('/api/cubes/execution');
    const etag = a.headers.get('etag')!;
    const other = await sessions.get('viewer@regiment')!.request('/api/cubes/execution', { headers: { 'if-none-match': etag } });
    expect(other.status).toBe(200);
    const same = await sessions.get('analyst@division')!.request('/api/cubes/execution', { headers: { 'if-none-match': etag } });
    expect(same.status).toBe(304);
  });

  it('a division administrator manages only users inside the division', async () => {
    const res = await (await sessions.get('admin@division')!.request('/api/users')).json();
    const tree = rt.scoped.regionTree();
    expect(res.items.length).toBeGreaterThan(0);
    for (const u of res.items) expect(tree.within(u.scope.split(':')[0], scopes.division.mofDivCode)).toBe(true);
    const create = await sessions.get('admin@division')!.request('/api/users', { method: 'POST', json: { username: 'outsider', password: 'Outs1der-pass', roles: ['viewer'], scope: scopes.hq.mofDivCode } });
    expect(create.status).toBe(403);
  });

  it('cube fetches are audited with user, scope and target', async () => {
    await rt.audit.flush();
    const rows = await db.query<{ username: string; scope: string; target: string }>(`SELECT username, scope, target FROM audit_log WHERE action = 'cube.fetch' AND username = 'viewer_unit'`);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows[0].scope).toBe(scopeKey(scopes.unit));
    expect(rows.map((r) => r.target.split('@')[0]).sort()).toEqual(expect.arrayContaining(['agencies', 'execution', 'regions']));
  });
});
