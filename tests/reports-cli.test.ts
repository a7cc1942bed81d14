import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedDb } from '../api/src/db/embedded.ts';
import { migrate } from '../api/src/db/migrate.ts';
import { runCli } from './support/cli.ts';
import { loadFixture } from './support/fixture.ts';

let dataDir: string;
const run = (...args: string[]) => runCli(dataDir, ...args);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'fc-report-cli-'));
  const db = createEmbeddedDb(join(dataDir, 'pg'));
  await migrate(db);
  await loadFixture(db);
  await db.close();
  expect(run('cubes', 'build').code).toBe(0);
}, 180_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm run cli -- report monthly | month close', () => {
  it('writes the workbook; bad usage exits 2 naming the flag', async () => {
    const out = join(dataDir, 'report.xlsx');
    const r = run('report', 'monthly', '--month', '2026-04', '--org', '660000000', '--out', out);
    expect(r.code, r.out).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as never);
    expect(wb.worksheets.length).toBe(9);
    // By hand: 564,457.03 of 1,900,000 元.
    expect(String(wb.getWorksheet('说明')!.getRow(4).getCell(1).value)).toContain('执行率29.7%（支出56.45万元，预算190.00万元）');
    for (const [args, flag] of [
      [['--month', '2026-4', '--org', '660000000', '--out', out], '--month'],
      [['--org', '660000000', '--out', out], '--month'],
      [['--month', '2026-04', '--org', '66', '--out', out], '--org'],
      [['--month', '2026-04', '--org', '669999000', '--out', out], '--org'],
      [['--month', '2026-04', '--org', '660000000', '--out', join(dataDir, 'r.doc')], '--out'],
      [['--month', '2026-04', '--org', '660000000'], '--out'],
    ] as const) {
      const bad = run('report', 'monthly', ...args);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.out, args.join(' ')).toContain(flag);
    }
  }, 600_000);

  it('month close archives every configured region under DATA_DIR/reports, once; audited', () => {
    expect(run('month', 'close', '--month', '2026-13').code).toBe(2);
    const r = run('month', 'close', '--month', '2026-04');
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('2026-04 已月结（数据截至 2026-04-30）：3 份报告已归档');
    const paths = r.out.split(/\s+/).filter((w) => w.endsWith('.xlsx'));
    expect(paths.length).toBe(3);
    for (const p of paths) expect(existsSync(p) && p.startsWith(join(dataDir, 'reports', '2026-04'))).toBe(true);
    const again = run('month', 'close', '--month', '2026-04');
    expect(again.code).toBe(2);
    expect(again.out).toContain('--month');
    expect(run('audit', 'verify').code).toBe(0);
  }, 600_000);
});
