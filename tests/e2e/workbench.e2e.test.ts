/**
 * The analyst workbench in Debian Chromium against the real API on a fresh `small` database with real sessions: an HQ
 * analyst opens /workbench on its default view, builds a view by clicking (rows, a metric, a filter picked from a
 * searchable list, no columns), checks its total against PostgreSQL, collapses a division, drills a unit's cell into
 * its vouchers, switches to a chart and the SQL tab, and saves the view shared. A division analyst opens the view's URL
 * in a new browser context and sees only their division, and exports it as xlsx.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../api/src/db/types.ts';
import { formatMoney } from '../../queries/format.ts';
import { SMALL_AS_OF, startTestServer } from '../support/server.ts';
import { addUser } from '../support/users.ts';
import { launchChromium, signIn } from './browser.ts';
import { ensureWebBuild } from './build-web.ts';

const OUT = fileURLToPath(new URL('../output/', import.meta.url));
const HQ = 'e2e_wb_hq';
const DIV = 'e2e_wb_div';

let server: Awaited<ReturnType<typeof startTestServer>>;
let first: Awaited<ReturnType<typeof launchChromium>>;
let second: Awaited<ReturnType<typeof launchChromium>> | undefined;
let division: { code: string; name: string };
let savedUrl = '';
const pageErrors: string[] = [];

/** 支出数 in fen from the raw payments as of SMALL_AS_OF, fund type 111, over a region subtree (or one unit). */
async function paidFen(db: Db, where: { org: string } | { mofDivCode: string; agencyCode: string }): Promise<bigint> {
  const cond = 'org' in where ? `mof_div_code IN (SELECT mof_div_code FROM region_path WHERE $3 IN (lvl1_code, lvl2_code, lvl3_code, lvl4_code))` : 'mof_div_code = $3 AND agency_code = $4';
  const [r] = await db.query<{ fen: string }>(
    `SELECT CAST(COALESCE(sum(pay_amt), 0) * 100 AS bigint)::text AS fen FROM pay_voucher
      WHERE fiscal_year = $1 AND pay_date <= $2::date AND exp_func_code NOT LIKE '230%' AND fund_type_code = '111' AND ${cond}`,
    'org' in where ? [2026, SMALL_AS_OF, where.org] : [2026, SMALL_AS_OF, where.mofDivCode, where.agencyCode],
  );
  return BigInt(r.fen);
}

async function ready(p: Page) {
  await p.waitForSelector('[data-testid=wb-status][data-status=ok]', { timeout: 120_000 });
}

/** The text of the grand total row's cell of `metric` (the last row of the pivot). */
async function totalCell(p: Page, metric: string) {
  // The body is virtualized: scroll to the end so the total row is rendered.
  await p.getByTestId('wb-pivot').evaluate((e) => e.scrollTo(0, e.scrollHeight));
  const row = p.locator('[data-testid=wb-row][data-level="0"]');
  return row.locator(`[data-metric=${metric}]`).last().innerText();
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  ensureWebBuild();
  server = await startTestServer({ scale: 'small' });
  const [div] = await server.db.query<{ mof_div_code: string; mof_div_name: string }>(`SELECT mof_div_code, mof_div_name FROM region WHERE level = 2 ORDER BY mof_div_code LIMIT 1`);
  division = { code: div.mof_div_code, name: div.mof_div_name };
  await addUser(server.db, HQ, ['analyst'], { kind: 'region', mofDivCode: '660000000' });
  await addUser(server.db, DIV, ['analyst'], { kind: 'region', mofDivCode: division.code });
  first = await launchChromium();
}, 600_000);
afterAll(async () => {
  await second?.close();
  await first?.close();
  await server?.close();
});

describe('workbench', () => {
  it('opens on the default view: execution by region × month, as a table, totals equal PostgreSQL', async () => {
    const p = await first.context.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await p.goto(`${server.url}/login?redirect=${encodeURIComponent('/workbench')}`);
    await signIn(p, HQ);
    await p.waitForURL(/\/workbench/);
    await ready(p);
    expect(await p.getByTestId('wb-rows-chip').getAttribute('data-dim')).toBe('lvl2_code');
    expect(await p.getByTestId('wb-columns-chip').getAttribute('data-dim')).toBe('month');
    // Months 2026-01 … 2026-10 and the total in the header.
    await expect.poll(() => p.locator('.wb-hcell', { hasText: '2026-10' }).count()).toBe(1);
    const [{ fen }] = await server.db.query<{ fen: string }>(
      `SELECT CAST(sum(pay_amt) * 100 AS bigint)::text AS fen FROM pay_voucher WHERE fiscal_year = 2026 AND pay_date <= $1::date AND exp_func_code NOT LIKE '230%'`,
      [SMALL_AS_OF],
    );
    expect(await totalCell(p, 'paid')).toBe(formatMoney(fen, 'wan'));
    await p.close();
  });

  it('builds a view by clicking, drills into vouchers, charts it, queries SQL and saves it shared', async () => {
    const p = await first.context.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await p.goto(`${server.url}/workbench`);
    await ready(p);
    await p.getByTestId('wb-remove-month').click();
    await p.getByTestId('wb-add-rows').selectOption('mof_div_code');
    await ready(p);
    await p.getByTestId('wb-add-rows').selectOption('agency_code');
    await ready(p);
    await p.getByTestId('wb-add-metrics').selectOption('progress_gap');
    await ready(p);
    // A filter picked from the searchable list of fund types.
    await p.getByTestId('wb-add-filter').selectOption('fund_type_code');
    await p.getByTestId('wb-filter-search').fill('111');
    await p.locator('[data-testid=wb-filter-option][data-value="111"] input').check();
    await p.getByTestId('wb-filter-apply').click();
    await expect.poll(() => p.getByTestId('wb-filter').count()).toBe(1);
    await ready(p);
    expect(await totalCell(p, 'paid')).toBe(formatMoney(await paidFen(server.db, { org: '660000000' }), 'wan'));
    // The URL holds the view.
    const v = JSON.parse(new URL(p.url()).searchParams.get('v')!);
    expect(v).toMatchObject({ rows: ['lvl2_code', 'mof_div_code', 'agency_code'], columns: [], filters: [{ dimension: 'fund_type_code', op: 'in', values: ['111'] }] });
    // Collapsing the first division hides its regions and units.
    await p.getByTestId('wb-pivot').evaluate((e) => e.scrollTo(0, 0));
    const before = Number(await p.getByTestId('wb-pivot').getAttribute('data-rows'));
    await p.getByTestId('wb-toggle').first().click();
    await expect.poll(async () => Number(await p.getByTestId('wb-pivot').getAttribute('data-rows'))).toBeLessThan(before);
    await p.getByTestId('wb-toggle').first().click();
    // Drill-through from a unit's 支出数 cell: the vouchers' sum is the unit's paid in PostgreSQL.
    const leaf = p.locator('[data-testid=wb-row][data-level="3"]').first();
    const path = JSON.parse((await leaf.getAttribute('data-key'))!) as string[];
    await leaf.locator('[data-metric=paid]').last().click({ button: 'right' });
    const total = p.getByTestId('details-total');
    await expect.poll(() => total.getAttribute('data-sum-fen'), { timeout: 30_000 }).not.toBe('');
    expect(BigInt((await total.getAttribute('data-sum-fen'))!)).toBe(await paidFen(server.db, { mofDivCode: path[1], agencyCode: path[2] }));
    expect(await p.getByTestId('details-row').count()).toBeGreaterThan(0);
    await p.getByTestId('details-drawer-close').click();
    // The same result as a chart.
    await p.getByTestId('wb-tab-chart').click();
    await p.getByTestId('wb-chart-treemap').click();
    await p.waitForSelector('[data-testid=wb-chart][data-kind=treemap] canvas', { timeout: 30_000 });
    await p.getByTestId('wb-chart-stacked_bar').click();
    await p.waitForSelector('[data-testid=wb-chart][data-kind=stacked_bar] canvas');
    await p.screenshot({ path: `${OUT}workbench-chart-1920x1080.png` });
    // SQL: errors inline with their position; a write is refused before it runs; a query answers.
    await p.getByTestId('wb-tab-sql').click();
    const input = p.getByTestId('wb-sql-input');
    await input.fill('SELECT *\nFORM cube_execution');
    await p.getByTestId('wb-sql-run').click();
    const err = p.getByTestId('wb-sql-error');
    await err.waitFor();
    expect(await err.getAttribute('data-line')).toBe('2');
    await input.fill('DROP TABLE cube_execution');
    await p.getByTestId('wb-sql-run').click();
    await expect.poll(() => err.innerText()).toContain('只允许只读查询');
    await input.fill(`SELECT count(DISTINCT lvl2_code) AS n FROM cube_execution`);
    await p.getByTestId('wb-sql-run').click();
    await p.getByTestId('wb-sql-count').waitFor();
    const [{ n }] = await server.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM region WHERE level = 2`);
    expect(await p.getByTestId('wb-sql-row').first().innerText()).toBe(n);
    // Save, shared.
    await p.getByTestId('wb-tab-pivot').click();
    await ready(p);
    await p.screenshot({ path: `${OUT}workbench-pivot-1920x1080.png` });
    await p.getByTestId('wb-save').click();
    await p.getByTestId('wb-save-name').fill('财政拨款分单位执行');
    await p.getByTestId('wb-save-shared').check();
    await p.getByTestId('wb-save-submit').click();
    await p.waitForURL(/view=\d+/);
    await expect.poll(() => p.getByTestId('wb-saved-name').innerText()).toContain('财政拨款分单位执行');
    savedUrl = `/workbench?view=${new URL(p.url()).searchParams.get('view')}`;
    await p.close();
  });

  it('a division analyst opens the link in a new context, sees only their division, and exports it', async () => {
    second = await launchChromium();
    const p = await second.context.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await p.goto(`${server.url}${savedUrl}`);
    await p.waitForURL(/\/login/);
    await signIn(p, DIV);
    await p.waitForURL(/\/workbench\?view=/);
    await ready(p);
    await expect.poll(() => p.getByTestId('wb-saved-name').innerText()).toContain(HQ);
    const keys = await p.locator('[data-testid=wb-row]:not([data-level="0"])').evaluateAll((els) => els.map((e) => JSON.parse(e.getAttribute('data-key')!)[0] as string));
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys)).toEqual(new Set([division.code]));
    expect(await totalCell(p, 'paid')).toBe(formatMoney(await paidFen(server.db, { org: division.code }), 'wan'));
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('wb-export-xlsx').click()]);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file!) as never);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('财政拨款分单位执行');
    let last = ws.rowCount;
    while (last > 0 && ws.getCell(`A${last}`).value !== '总计') last--;
    const paid = ws.getCell(`E${last}`).value as { formula: string; result: number };
    expect(paid.formula).toMatch(/^SUBTOTAL\(9,E4:E\d+\)$/);
    expect(Math.round(paid.result * 100)).toBe(Number(await paidFen(server.db, { org: division.code })));
    await server.rt.audit.flush();
    const audit = await server.db.query<{ action: string; username: string }>(`SELECT action, username FROM audit_log WHERE action IN ('view.save', 'view.share', 'export.create') ORDER BY id`);
    expect(audit).toEqual([{ action: 'view.save', username: HQ }, { action: 'view.share', username: HQ }, { action: 'export.create', username: DIV }]);
    expect(pageErrors).toEqual([]);
  });
});
