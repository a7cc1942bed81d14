import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, GENESIS } from '../api/src/audit/chain.ts';
import { AuditLog } from '../api/src/audit/log.ts';
import { verifyAudit } from '../api/src/audit/verify.ts';
import { createEmbeddedDb } from '../api/src/db/embedded.ts';
import { migrate } from '../api/src/db/migrate.ts';
import type { Db } from '../api/src/db/types.ts';
import { openTestDb } from './support/db.ts';

let db: Db;
let dir: string;
let anchor: string;

async function fill(log: AuditLog, n: number) {
  await Promise.all(Array.from({ length: n }, (_, i) => log.append({ userId: String(i % 3), username: `u${i % 3}`, scope: '660100000', action: 'cube.fetch', target: `execution@v${i}`, address: '127.0.0.1', detail: { rows: i, nested: { b: 1, a: [1, 2] } } })));
}

/** Tampering as a database superuser would: with the append-only triggers bypassed. */
async function asSuperuser(sql: string) {
  await db.transaction(async (tx) => {
    await tx.exec('SET LOCAL session_replication_role = replica');
    await tx.exec(sql);
  });
}

beforeEach(async () => {
  db = await openTestDb();
  dir = mkdtempSync(join(tmpdir(), 'fc-audit-'));
  anchor = join(dir, 'audit-anchor.json');
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the audit log', () => {
  it('group-commits concurrent appends into one chain: ids 1…n, each hash over the previous one', async () => {
    const log = new AuditLog(db, { anchorPath: anchor });
    await fill(log, 50);
    const rows = await db.query<{ id: string; prev_hash: string; hash: string }>('SELECT id, prev_hash, hash FROM audit_log ORDER BY id');
    expect(rows.map((r) => Number(r.id))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(rows[0].prev_hash).toBe(GENESIS);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(await verifyAudit(db, anchor)).toMatchObject({ ok: true, entries: 50, lastId: 50 });
  });

  it('the hash is the algorithm over prev ‖ canonical content; SM3 is available', async () => {
    const content = { id: 1, at: '2026-11-01T00:00:00.000Z', userId: null, username: 'x', scope: null, action: 'a', target: null, address: null, outcome: 'ok', detail: { b: 2, a: 1 } };
    expect(canonicalJson({ b: 2, a: [1, { d: 1, c: 2 }] })).toBe('{"a":[1,{"c":2,"d":1}],"b":2}');
    expect(entryHash('sha256', GENESIS, content)).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash('sm3', GENESIS, content)).not.toBe(entryHash('sha256', GENESIS, content));
    const log = new AuditLog(db, { algo: 'sm3', anchorPath: anchor });
    await fill(log, 5);
    expect((await db.query<{ algo: string }>('SELECT DISTINCT algo FROM audit_log'))).toEqual([{ algo: 'sm3' }]);
    expect((await verifyAudit(db, anchor)).ok).toBe(true);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await fill(new AuditLog(db), 3);
    for (const sql of ["UPDATE audit_log SET action = 'x'", 'DELETE FROM audit_log WHERE id = 2', 'TRUNCATE audit_log']) {
      await expect(db.exec(sql)).rejects.toThrow(/append-only/);
    }
  });

  it('names the first altered entry', async () => {
    await fill(new AuditLog(db, { anchorPath: anchor }), 20);
    await asSuperuser("UPDATE audit_log SET target = 'execution@v999' WHERE id = 7");
    await asSuperuser("UPDATE audit_log SET username = 'mallory' WHERE id = 12");
    expect(await verifyAudit(db, anchor)).toMatchObject({ ok: false, firstBadId: 7, problem: 'altered' });
  });

  it('names the first removed entry', async () => {
    await fill(new AuditLog(db, { anchorPath: anchor }), 20);
    await asSuperuser('DELETE FROM audit_log WHERE id IN (9, 10)');
    expect(await verifyAudit(db, anchor)).toMatchObject({ ok: false, firstBadId: 9, problem: 'removed' });
  });

  it('names the first reordered entry', async () => {
    await fill(new AuditLog(db, { anchorPath: anchor }), 20);
    // Swap entries 5 and 6 (ids kept in sequence, rows exchanged).
    await asSuperuser('UPDATE audit_log SET id = -5 WHERE id = 5; UPDATE audit_log SET id = 5 WHERE id = 6; UPDATE audit_log SET id = 6 WHERE id = -5');
    expect(await verifyAudit(db, anchor)).toMatchObject({ ok: false, firstBadId: 5 });
  });

  it('detects a truncated tail through the anchor outside the table and the chain head', async () => {
    const log = new AuditLog(db, { anchorPath: anchor });
    await fill(log, 20);
    await asSuperuser('DELETE FROM audit_log WHERE id > 17');
    expect(await verifyAudit(db, anchor)).toMatchObject({ ok: false, firstBadId: 18, problem: 'truncated' });
    // Even with the head rewound, the anchor file still knows.
    await asSuperuser("UPDATE audit_head SET last_id = 17, last_hash = (SELECT hash FROM audit_log WHERE id = 17)");
    expect(await verifyAudit(db, anchor)).toMatchObject({ ok: false, firstBadId: 18, problem: 'truncated' });
  });

  it('an untouched log verifies after many batches', async () => {
    const log = new AuditLog(db, { anchorPath: anchor, maxBatch: 7 });
    for (let k = 0; k < 5; k++) await fill(log, 31);
    expect(await verifyAudit(db, anchor)).toMatchObject({ ok: true, entries: 155, lastId: 155 });
  });
});

describe('npm run cli -- audit verify', () => {
  it('exits 0 on an intact log and 1 naming the first bad entry', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fc-auditcli-'));
    try {
      const disk = createEmbeddedDb(join(dataDir, 'pg'));
      await migrate(disk);
      await fill(new AuditLog(disk, { anchorPath: join(dataDir, 'audit', 'audit-anchor.json') }), 10);
      await disk.close();
      const cli = fileURLToPath(new URL('../api/src/cli.ts', import.meta.url));
      const run = () => {
        try {
          return { code: 0, out: execFileSync(process.execPath, ['--import', 'tsx', cli, 'audit', 'verify'], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8' }) };
        } catch (e) {
          const err = e as { status: number; stdout: string };
          return { code: err.status, out: err.stdout };
        }
      };
      const ok = run();
      expect(ok.code).toBe(0);
      expect(ok.out).toContain('完整');
      const again = createEmbeddedDb(join(dataDir, 'pg'));
      await again.transaction(async (tx) => {
        await tx.exec('SET LOCAL session_replication_role = replica');
        await tx.exec("UPDATE audit_log SET detail = '{\"rows\": 0}' WHERE id = 4");
      });
      await again.close();
      const bad = run();
      expect(bad.code).toBe(1);
      expect(bad.out).toContain('first bad entry id: 4');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
