import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../api/src/audit/log.ts';
import { ensureDemoUsers } from '../api/src/auth/demo-users.ts';
import { currentTotp } from '../api/src/auth/totp.ts';
import type { Db } from '../api/src/db/types.ts';
import { silentProgress } from '../api/src/progress.ts';
import { createRuntime } from '../api/src/runtime.ts';
import { openTestDb } from './support/db.ts';
import { loadFixture } from './support/fixture.ts';
import { client } from './support/http.ts';

let db: Db;
let dir: string;

beforeAll(async () => {
  db = await openTestDb();
  await loadFixture(db);
  dir = mkdtempSync(join(tmpdir(), 'fc-demo-'));
  await ensureDemoUsers(db, dir, new AuditLog(db), silentProgress);
}, 60_000);
afterAll(async () => {
  await db?.close();
});

const entries = () =>
  readFileSync(join(dir, 'demo-users.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => {
    const [username, roles, scope, password, totp] = l.split('\t');
    return { username, roles, scope, password, totp };
  });

describe('demo users on a fresh install', () => {
  it('one per business role at several scopes, plus admin and auditor with TOTP, in a file only the owner can read', () => {
    expect(statSync(join(dir, 'demo-users.txt')).mode & 0o777).toBe(0o600);
    expect(entries().map((e) => [e.username, e.roles, e.scope])).toEqual([
      ['admin', 'admin', '660000000'],
      ['auditor', 'auditor', '660000000'],
      ['hq_leader', 'leader', '660000000'],
      ['hq_analyst', 'analyst', '660000000'],
      ['hq_viewer', 'viewer', '660000000'],
      ['div_leader', 'leader', '660100000'],
      ['div_analyst', 'analyst', '660100000'],
      ['reg_analyst', 'analyst', '660101000'],
      ['dept_viewer', 'viewer', '660101000:205'],
      ['unit_viewer', 'viewer', '660101000:205001'],
    ]);
    for (const e of entries()) {
      expect(e.password.length).toBeGreaterThanOrEqual(10);
      expect(e.totp.startsWith('otpauth://totp/') || e.totp === '-').toBe(true);
    }
    expect(new Set(entries().map((e) => e.password)).size).toBe(entries().length);
  });

  it('the printed passwords (and TOTP for admin) sign in; a second start creates nobody new', async () => {
    const rt = createRuntime({ db, dataDir: dir, session: { loginsPerMinute: 1000 } });
    for (const e of entries()) {
      const secret = e.totp === '-' ? null : new URL(e.totp).searchParams.get('secret');
      const res = await client(rt.app).login(e.username, e.password, secret ? currentTotp(secret, e.username, new Date()) : undefined);
      expect(res.status, e.username).toBe(200);
    }
    const before = await db.query('SELECT count(*) AS n FROM app_user');
    await ensureDemoUsers(db, mkdtempSync(join(tmpdir(), 'fc-demo2-')), new AuditLog(db), silentProgress);
    expect(await db.query('SELECT count(*) AS n FROM app_user')).toEqual(before);
    await rt.audit.flush();
  });
});
