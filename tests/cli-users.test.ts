import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedDb } from '../api/src/db/embedded.ts';
import { migrate } from '../api/src/db/migrate.ts';
import { runCli } from './support/cli.ts';
import { loadFixture } from './support/fixture.ts';

let dataDir: string;
const run = (...args: string[]) => runCli(dataDir, ...args);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'fc-cli-'));
  const db = createEmbeddedDb(join(dataDir, 'pg'));
  await migrate(db);
  await loadFixture(db);
  await db.close();
}, 60_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm run cli -- users …', () => {
  it('adds, lists, changes role and scope, disables and resets users; bad usage exits 2 naming the flag', () => {
    expect(run('users', 'add', '--username', 'zhang', '--password', 'Str0ng-pass!', '--role', 'analyst', '--scope', '660100000').code).toBe(0);
    const admin = run('users', 'add', '--username', 'root', '--password', 'Str0ng-pass!', '--role', 'admin', '--scope', '660000000');
    expect(admin.code).toBe(0);
    expect(admin.out).toContain('otpauth://totp/'); // admin needs a second factor
    const weak = run('users', 'add', '--username', 'li', '--password', 'weak', '--role', 'viewer', '--scope', '660100000');
    expect(weak.code).toBe(2);
    expect(weak.out).toContain('--password');
    const badScope = run('users', 'add', '--username', 'li', '--password', 'Str0ng-pass!', '--role', 'viewer', '--scope', '660999000');
    expect(badScope.code).toBe(2);
    expect(badScope.out).toContain('--scope');
    expect(run('users', 'add', '--username', 'li', '--password', 'Str0ng-pass!', '--role', 'root', '--scope', '660100000').out).toContain('--role');
    expect(run('users', 'set-role', '--username', 'zhang', '--role', 'leader,analyst', '--scope', '660100000:204').code).toBe(0);
    expect(run('users', 'disable', '--username', 'zhang').code).toBe(0);
    const reset = run('users', 'reset', '--username', 'zhang');
    expect(reset.code).toBe(0);
    expect(reset.out).toMatch(/新密码（只显示一次）：\S{10,}/);
    const list = run('users', 'list').out.split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/));
    expect(list).toEqual([
      ['root', 'admin', '660000000', '启用', 'TOTP'],
      ['zhang', 'leader,analyst', '660100000:204', '停用', '-'],
    ]);
    expect(run('users', 'frobnicate').code).toBe(2);
    // Every change is in the audit log, which still verifies.
    const verify = run('audit', 'verify');
    expect(verify.code).toBe(0);
    expect(verify.out).toContain('完整：5 条');
  }, 300_000);
});
