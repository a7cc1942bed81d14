/**
 * The execution dashboard in Debian Chromium against the real API on a fresh database seeded at `small` scale:
 * sign in, read the KPI figures a person sees and compare them with PostgreSQL computing the same from the raw
 * facts, check the charts drew, drill into a region, filter, and take screenshots at 1920×1080 and 3840×2160.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../api/src/db/types.ts';
import { formatMoney, formatPercent } from '../../queries/format.ts';
import { colors } from '../../web/src/charts/theme.ts';
import { formatPointsValue } from '../../web/src/components/points.ts';
import { startTestServer } from '../support/server.ts';
import { addUser } from '../support/users.ts';
import { launchChromium, signIn } from './browser.ts';
import { ensureWebBuild } from './build-web.ts';
import { canvasInk, visibleTooltip } from './canvas.ts';
import { reference as subtreeReference, type Reference } from './reference.ts';

const OUT = fileURLToPath(new URL('../output/', import.meta.url));
const USER = 'e2e_analyst';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let dataAsOf: string;
let basis: 'day' | 'month';
const pageErrors: string[] = [];

/** 预算数, 支出数, 执行率 and 序时进度 of a region's subtree computed by PostgreSQL from the raw facts. */
const reference = (db: Db, org: string, asOf: string, fundPrefix = '') => subtreeReference(db, { kind: 'subtree', org }, asOf, basis, { fund: fundPrefix });

async function kpiTexts(p: Page) {
  const text = (id: string) => p.getByTestId(`kpi-${id}-value`).innerText();
  return { budget: await text('budget'), paid: await text('paid'), rate: await text('execution_rate'), tp: await text('time_progress'), gap: await text('progress_gap') };
}

function expectedTexts(ref: Reference) {
  return {
    budget: formatMoney(ref.budgetFen, 'wan', 2),
    paid: formatMoney(ref.paidFen, 'wan', 2),
    rate: formatPercent(ref.rate),
    tp: formatPercent(ref.timeProgress),
    gap: formatPointsValue(ref.rate === null ? null : (ref.rate - ref.timeProgress) * 100),
  };
}

/** Waits until the KPI cards and all three panels show data for the current URL. */
async function waitForPanels(p: Page) {
  await p.waitForSelector('[data-testid=panel-kpis][data-state=ready]', { timeout: 120_000 });
  for (const id of ['panel-by_org', 'panel-monthly', 'panel-lagging']) {
    await p.waitForSelector(`[data-testid=${id}][data-state=ready]`, { timeout: 60_000 });
  }
  await p.waitForSelector('[data-testid=chart-by_org][data-chart-ready=true] canvas');
  await p.waitForSelector('[data-testid=chart-monthly][data-chart-ready=true] canvas');
  await p.waitForTimeout(300); // one frame for ECharts to paint after setOption
}

async function regionName(code: string): Promise<string> {
  const [r] = await server.db.query<{ mof_div_name: string }>('SELECT mof_div_name FROM region WHERE mof_div_code = $1', [code]);
  return r.mof_div_name;
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  ensureWebBuild();
  server = await startTestServer({ scale: 'small' });
  await addUser(server.db, USER, ['analyst'], { kind: 'region', mofDivCode: '660000000' });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('execution dashboard', () => {
  it('asks for a sign-in, then opens the dashboard with its URL', async () => {
    await page.goto(`${server.url}/dashboards/execution`);
    await page.waitForURL(/\/login\?redirect=/);
    await signIn(page, USER);
    await page.waitForURL(/\/dashboards\/execution$/);
    await waitForPanels(page);
    const catalog = (await (await page.request.get(`${server.url}/api/cubes`)).json()) as { dataAsOf: string; timeProgressBasis: 'day' | 'month' };
    dataAsOf = catalog.dataAsOf;
    basis = catalog.timeProgressBasis;
    expect(dataAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('shows the top region consolidated, the data date, and KPI figures equal to PostgreSQL over the raw facts', async () => {
    expect(await page.locator('h1').innerText()).toContain('预算执行分析');
    expect(await page.getByTestId('org-name').innerText()).toBe('全兵团');
    expect(await page.getByTestId('data-as-of').innerText()).toBe(dataAsOf);
    const ref = await reference(server.db, '660000000', dataAsOf);
    expect(ref.budgetFen).toBeGreaterThan(0n);
    expect(ref.paidFen).toBeGreaterThan(0n);
    expect(await kpiTexts(page)).toEqual(expectedTexts(ref));
    // 口径 travels with every figure.
    expect(await page.getByTestId('kpi-execution_rate').getByTestId('caliber-execution_rate').textContent()).toContain('支出数 ÷ 预算数');
    expect(await page.getByTestId('kpi-progress_gap').innerText()).toContain('个百分点');
  });

  it('draws both charts (canvas with non-zero size and the series colours in its pixels)', async () => {
    for (const sel of ['[data-testid=chart-by_org]', '[data-testid=chart-monthly]']) {
      const box = await page.locator(`${sel} canvas`).first().boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThan(150);
      const ink = await canvasInk(page, sel, colors.bar);
      expect(ink.inked).toBeGreaterThan(2_000);
      expect(ink.colorHits).toBeGreaterThan(200); // bars / the current-year line
      expect((await canvasInk(page, sel, colors.timeProgress)).colorHits).toBeGreaterThan(20); // the 序时进度 line
    }
  });

  it('lists one row per child region plus the 本级 row, adding up to the 汇总', async () => {
    const rows = page.locator('[data-testid=row-by_org]');
    const [{ n }] = await server.db.query<{ n: string }>(`SELECT count(*) AS n FROM region WHERE parent_code = '660000000'`);
    expect(await rows.count()).toBe(Number(n) + 1);
    const own = page.locator('[data-testid=row-by_org][data-kind=own]');
    expect(await own.count()).toBe(1);
    expect(await own.locator('th').innerText()).toBe('兵团本级');
  });

  it('lists the 20 most lagging units with names joined on both codes, sorted by progress gap', async () => {
    const rows = page.locator('[data-testid=row-lagging]');
    expect(await rows.count()).toBe(20);
    const gaps = await rows.evaluateAll((trs) => trs.map((tr) => parseFloat((tr.querySelector('.gap') as HTMLElement).innerText)));
    expect([...gaps].sort((a, b) => a - b)).toEqual(gaps);
    const first = (await rows.first().locator('td').allInnerTexts()).map((t) => t.trim());
    expect(first[1]).not.toContain('未登记单位');
  });

  it('takes screenshots at 1920×1080 and 3840×2160', async () => {
    await page.screenshot({ path: `${OUT}execution-1920x1080.png` });
    await page.setViewportSize({ width: 3840, height: 2160 });
    await page.waitForTimeout(800); // charts resize with their boxes
    await waitForPanels(page);
    const box = await page.locator('[data-testid=chart-by_org] canvas').first().boundingBox();
    expect(box!.width).toBeGreaterThan(1200);
    await page.screenshot({ path: `${OUT}execution-3840x2160.png` });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForTimeout(500);
  });

  it('drills into a region by clicking its bar: the URL, header and figures follow; back returns', async () => {
    const canvas = page.locator('[data-testid=chart-by_org] canvas').first();
    const box = (await canvas.boundingBox())!;
    let target = '';
    for (let y = box.y + 4; y < box.y + box.height && !target; y += 6) {
      await page.mouse.move(box.x + box.width * 0.5, y);
      await page.waitForTimeout(40);
      const tip = await visibleTooltip(page, '[data-testid=chart-by_org]');
      if (tip.includes('点击查看下级')) {
        target = tip.split('\n')[0].trim();
        await page.mouse.click(box.x + box.width * 0.5, y);
      }
    }
    expect(target).not.toBe('');
    await page.waitForURL(/[?&]org=\d{9}/);
    const code = new URL(page.url()).searchParams.get('org')!;
    expect(await regionName(code)).toBe(target);
    await waitForPanels(page);
    expect(await page.getByTestId('org-name').innerText()).toBe(target);
    expect(await kpiTexts(page)).toEqual(expectedTexts(await reference(server.db, code, dataAsOf)));
    expect(await page.locator('[data-testid=row-by_org][data-kind=own] th').innerText()).toBe(`${target}本级`);

    await page.goBack();
    await page.waitForURL(/\/dashboards\/execution$/);
    await waitForPanels(page);
    expect(await page.getByTestId('org-name').innerText()).toBe('全兵团');
  });

  it('filters by fund type and as-of month through the URL', async () => {
    await page.getByTestId('fund-select').selectOption('11');
    await page.waitForURL(/fund=11/);
    await waitForPanels(page);
    expect(await kpiTexts(page)).toEqual(expectedTexts(await reference(server.db, '660000000', dataAsOf, '11')));

    const year = Number(dataAsOf.slice(0, 4));
    const march = `${year}-03-31`;
    await page.getByTestId('asof-select').selectOption(march);
    await page.waitForURL(new RegExp(`asOf=${march}`));
    await waitForPanels(page);
    expect(await page.getByTestId('view-as-of').innerText()).toBe(march);
    expect(await kpiTexts(page)).toEqual(expectedTexts(await reference(server.db, '660000000', march, '11')));
  });

  it('falls back to the defaults for bad URL params without breaking', async () => {
    await page.goto(`${server.url}/dashboards/execution?org=669999999&fund=x&asOf=2026-13-45&unit=usd`);
    await waitForPanels(page);
    expect(await page.getByTestId('org-name').innerText()).toBe('全兵团');
    expect(await page.getByRole('status').filter({ hasText: '未找到财政区划 669999999' }).count()).toBe(1);
    expect(await kpiTexts(page)).toEqual(expectedTexts(await reference(server.db, '660000000', dataAsOf)));
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
