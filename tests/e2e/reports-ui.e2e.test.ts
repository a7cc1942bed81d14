/**
 * The report in the web app, in Debian Chromium against the real API on the hand fixture (data as of 2026-04-30):
 * an analyst downloads the 月度报告 workbook from the execution dashboard; an administrator closes the month on
 * /admin/reports and sees every region's report archived with the dataAsOf it was built from.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTotpSecret } from '../../api/src/auth/totp.ts';
import { startTestServer } from '../support/server.ts';
import { addUser } from '../support/users.ts';
import { launchChromium, signIn } from './browser.ts';
import { ensureWebBuild } from './build-web.ts';

const TOP = '660000000';
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
const secret = newTotpSecret();

beforeAll(async () => {
  ensureWebBuild();
  server = await startTestServer({ scale: 'fixture' });
  await addUser(server.db, 'e2e_report_analyst', ['analyst'], { kind: 'region', mofDivCode: TOP });
  await addUser(server.db, 'e2e_report_admin', ['admin'], { kind: 'region', mofDivCode: TOP }, secret);
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(path: string, user: string, totp?: string): Promise<Page> {
  await browser.context.clearCookies(); // one browser profile, a fresh sign-in per user
  const page = await browser.context.newPage();
  await page.goto(`${server.url}${path}`);
  await page.waitForURL(/\/login\?redirect=/);
  await signIn(page, user, totp);
  await page.waitForURL((u) => u.pathname === path);
  return page;
}

describe('月度报告 in the web app', () => {
  it('an analyst downloads the workbook of the org and month shown on the execution dashboard', async () => {
    const page = await signedIn('/dashboards/execution', 'e2e_report_analyst');
    await page.getByTestId('report-menu').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-xlsx').click()]);
    expect(download.suggestedFilename()).toBe('全兵团2026年4月预算执行分析报告（数据截至2026-04-30）.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    // By hand (tests/support/fixture.ts).
    expect(String(wb.getWorksheet('说明')!.getRow(4).getCell(1).value)).toBe('截至4月底，全兵团预算支出执行率29.7%（支出56.45万元，预算190.00万元），低于序时进度3.2个百分点，较上月提高1.2个百分点，较上年同期提高29.7个百分点。');
    await expect.poll(() => page.getByTestId('report-html').getAttribute('href')).toBe(`/api/reports/monthly?month=2026-04&org=${TOP}&format=html`);
    await page.close();
  });

  it('an administrator closes the month; every region’s report is archived with its dataAsOf', async () => {
    const page = await signedIn('/admin/reports', 'e2e_report_admin', secret);
    await page.getByTestId('month-input').fill('2026-04');
    await page.getByTestId('month-close').click();
    await expect.poll(() => page.getByRole('status').allInnerTexts()).toContainEqual(expect.stringContaining('2026-04 已月结，3 份报告已排队生成'));
    // The page polls while reports are queued or running.
    await expect.poll(() => page.locator('[data-testid=archive] tbody tr[data-status=done]').count(), { timeout: 240_000, interval: 2000 }).toBe(3);
    const rows = await page.locator('[data-testid=archive] tbody tr').allInnerTexts();
    for (const code of [TOP, '660100000', '660200000']) expect(rows.some((r) => r.includes(code) && r.includes('2026-04-30') && r.includes('已生成'))).toBe(true);
    expect(await page.getByTestId('closed-months').innerText()).toContain('2026-04（e2e_report_admin');
    await page.close();
  }, 300_000);
});
