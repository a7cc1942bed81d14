import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildAll } from '../../api/src/cubes/pipeline.ts';
import type { Db } from '../../api/src/db/types.ts';
import { createRuntime } from '../../api/src/runtime.ts';
import { openTestDb } from '../support/db.ts';
import { DATA_AS_OF, loadFixture } from '../support/fixture.ts';
import { principal, testAuth } from '../support/users.ts';

/**
 * The PDF of the monthly report, rendered by Debian's Chromium, read back with pdftotext (poppler-utils): the headline
 * figures of the hand fixture and every section are in it, with page numbers and the as-of stamp.
 */
let db: Db;
let dataDir: string;
let rt: ReturnType<typeof createRuntime>;

beforeAll(async () => {
  db = await openTestDb();
  await loadFixture(db);
  dataDir = mkdtempSync(join(tmpdir(), 'fc-reports-pdf-'));
  rt = createRuntime({ db, dataDir, auth: testAuth(principal(['analyst'], { kind: 'region', mofDivCode: '660000000' }, 'hq_analyst')) });
  await rebuildAll(db, rt.store);
  Object.assign(rt.state, { ready: true, dataAsOf: DATA_AS_OF });
}, 120_000);
afterAll(async () => {
  await rt?.audit.flush();
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('monthly report as PDF (Chromium)', () => {
  it('carries the headline figures, every section, page numbers and the as-of stamp', async () => {
    const res = await rt.app.request('/api/reports/monthly?month=2026-04&org=660000000&format=pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(res.headers.get('content-disposition')!)).toContain('全兵团2026年4月预算执行分析报告（数据截至2026-04-30）.pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    mkdirSync('tests/output', { recursive: true });
    const file = 'tests/output/report-fixture-660000000-2026-04.pdf';
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('全兵团2026年4月预算执行分析报告');
    expect(flat).toContain('数据截至2026-04-30');
    // By hand (tests/support/fixture.ts): paid 564,457.03 of 1,900,000 元 = 29.7%; 序时进度 120/365 = 32.9%.
    expect(flat).toContain('截至4月底，全兵团预算支出执行率29.7%（支出56.45万元，预算190.00万元），低于序时进度3.2个百分点，较上月提高1.2个百分点，较上年同期提高29.7个百分点。');
    expect(flat).toContain('序时进度32.9%');
    for (const h of ['一、说明', '二、总体执行', '三、分地区', '四、分功能科目', '五、分经济分类', '六、三公经费', '七、绩效目标与评价', '八、风险预警', '九、滞后单位清单', '口径说明']) expect(flat).toContain(h);
    // Region rows with their figures: 第一师 390,000.25 元 paid of 1,200,000.
    expect(text).toMatch(/第一师\s+汇总\s+120\.00\s+39\.00/);
    expect(text).toMatch(/第二师\s+汇总\s+50\.00\s+12\.45/);
    // Charts are drawn (SVG text is in the PDF) and pages are numbered.
    expect(flat).toContain('累计执行率与序时进度');
    expect(flat).toMatch(/第1页，共\d+页/);
    await rt.audit.flush();
    const [a] = await db.query<{ target: string }>(`SELECT target FROM audit_log WHERE action = 'report.create'`);
    expect(a.target).toBe('660000000:2026-04.pdf');
  });
});
