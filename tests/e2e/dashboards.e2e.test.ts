/**
 * The three dashboards drawn by the one renderer, in Debian Chromium against the real API on a fresh database seeded
 * at `small` scale, signed in as an analyst of the whole tree: drill 全兵团 → 师 → 团 → 单位 comparing every KPI and
 * bar figure with PostgreSQL over the raw facts; drill through to the vouchers (count and sum); cross-filter by a
 * 功能分类 bar; reload and history; an xlsx export read back; a warning moved open → confirmed (and a 409 shown);
 * screenshots of each dashboard at 1920×1080.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney, formatPercent } from '../../queries/format.ts';
import { formatPointsValue } from '../../web/src/components/points.ts';
import { startTestServer } from '../support/server.ts';
import { addUser } from '../support/users.ts';
import { LOCAL_FINE_ROWS } from '../../web/src/data/lazy-tables.ts';
import { launchChromium, signIn } from './browser.ts';
import { ensureWebBuild } from './build-web.ts';
import { visibleTooltip } from './canvas.ts';
import { reference, type RefScope, type Reference } from './reference.ts';

const OUT = fileURLToPath(new URL('../output/', import.meta.url));
const USER = 'e2e_dash_analyst';
const TOP = '660000000';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let dataAsOf: string;
let basis: 'day' | 'month';
const pageErrors: string[] = [];

const ref = (s: RefScope, opts: { fund?: string; func?: string } = {}) => reference(server.db, s, dataAsOf, basis, opts);

async function kpiTexts(p: Page) {
  const text = (id: string) => p.getByTestId(`kpi-${id}-value`).innerText();
  return { budget: await text('budget'), paid: await text('paid'), rate: await text('execution_rate'), tp: await text('time_progress'), gap: await text('progress_gap') };
}

function expectedTexts(r: Reference) {
  return {
    budget: formatMoney(r.budgetFen, 'wan'),
    paid: formatMoney(r.paidFen, 'wan'),
    rate: formatPercent(r.rate),
    tp: formatPercent(r.timeProgress),
    gap: formatPointsValue(r.rate === null ? null : (r.rate - r.timeProgress) * 100),
  };
}

/** Waits until the page shows the address bar's URL and every panel has settled (ready or empty) for it. */
async function settled(p: Page, min = 5) {
  await p.waitForFunction(
    (n) => {
      const main = document.querySelector<HTMLElement>('main.dashboard-page');
      if (!main || (main.dataset.search ?? '') !== window.location.search) return false;
      const panels = [...document.querySelectorAll<HTMLElement>('.dash-grid > [data-testid^=panel-]')];
      return panels.length >= n && panels.every((e) => e.dataset.state === 'ready' || e.dataset.state === 'empty');
    },
    min,
    { timeout: 120_000 },
  );
  await p.waitForTimeout(300); // one frame for ECharts to paint after setOption
}

/** The by-region rows as the page lists them: key → [budget, paid] texts. */
async function regionRows(p: Page) {
  return p.locator('[data-testid=row-by_org]').evaluateAll((trs) =>
    trs.map((tr) => ({
      key: (tr as HTMLElement).dataset.key!,
      kind: (tr as HTMLElement).dataset.kind!,
      name: tr.querySelector('th')!.textContent!.trim(),
      budget: tr.querySelector('[data-metric=budget]')!.textContent!.trim(),
      paid: tr.querySelector('[data-metric=paid]')!.textContent!.trim(),
      rate: tr.querySelector('[data-metric=execution_rate]')!.textContent!.trim(),
    })),
  );
}

/** Every bar of the by-region panel against PostgreSQL: each child's 汇总, the 本级 row, or each unit. */
async function expectRegionRowsMatch(p: Page) {
  const rows = await regionRows(p);
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) {
    const scope: RefScope =
      r.kind === 'own' ? { kind: 'own', org: r.key.slice(4) } : r.kind === 'unit' ? { kind: 'unit', mofDivCode: r.key.split(':')[0], agencyCode: r.key.split(':')[1] } : { kind: 'subtree', org: r.key };
    const want = await ref(scope);
    expect({ key: r.key, budget: r.budget, paid: r.paid, rate: r.rate }).toEqual({ key: r.key, budget: formatMoney(want.budgetFen, 'wan'), paid: formatMoney(want.paidFen, 'wan'), rate: formatPercent(want.rate) });
  }
  return rows;
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  ensureWebBuild();
  server = await startTestServer({ scale: 'small' });
  await addUser(server.db, USER, ['analyst'], { kind: 'region', mofDivCode: TOP });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('dashboards', () => {
  it('signs in and opens the execution dashboard; the time-progress basis is on the page', async () => {
    await page.goto(`${server.url}/dashboards/execution`);
    await page.waitForURL(/\/login\?redirect=/);
    await signIn(page, USER);
    await page.waitForURL(/\/dashboards\/execution$/);
    await settled(page, 9);
    const catalog = (await (await page.request.get(`${server.url}/api/cubes`)).json()) as { dataAsOf: string; timeProgressBasis: 'day' | 'month' };
    dataAsOf = catalog.dataAsOf;
    basis = catalog.timeProgressBasis;
    expect(await page.getByTestId('basis').innerText()).toContain(basis === 'day' ? '按日' : '按月');
    expect(await page.getByTestId('watermark').innerText()).toContain(USER);
    await page.screenshot({ path: `${OUT}dashboards-execution-1920x1080.png` });
  });

  it('drills 全兵团 → 师 → 团 → 单位, every KPI and bar equal to PostgreSQL at each level', async () => {
    expect(await kpiTexts(page)).toEqual(expectedTexts(await ref({ kind: 'subtree', org: TOP })));
    const top = await expectRegionRowsMatch(page);
    expect(top.filter((r) => r.kind === 'own').map((r) => r.name)).toEqual(['兵团本级']);

    // The table view of the chart: the same rows, each name a drill button.
    await page.getByTestId('toggle-by_org').click();
    const [division] = await server.db.query<{ code: string; name: string }>(
      `SELECT r.mof_div_code AS code, r.mof_div_name AS name FROM region r WHERE r.parent_code = $1 ORDER BY r.mof_div_code LIMIT 1`,
      [TOP],
    );
    await page.locator(`[data-testid=row-by_org][data-key="${division.code}"] th button`).click();
    await page.waitForURL(new RegExp(`org=${division.code}`));
    await settled(page, 9);
    expect(await page.getByTestId('org-name').innerText()).toBe(division.name);
    expect(await kpiTexts(page)).toEqual(expectedTexts(await ref({ kind: 'subtree', org: division.code })));
    await expectRegionRowsMatch(page);

    const [regiment] = await server.db.query<{ code: string; name: string }>(
      `SELECT r.mof_div_code AS code, r.mof_div_name AS name FROM region r
        WHERE r.parent_code = $1 AND NOT EXISTS (SELECT 1 FROM region c WHERE c.parent_code = r.mof_div_code) ORDER BY r.mof_div_code LIMIT 1`,
      [division.code],
    );
    await page.locator(`[data-testid=row-by_org][data-key="${regiment.code}"] th button`).click();
    await page.waitForURL(new RegExp(`org=${regiment.code}`));
    await settled(page, 9);
    expect(await kpiTexts(page)).toEqual(expectedTexts(await ref({ kind: 'subtree', org: regiment.code })));
    const units = await expectRegionRowsMatch(page); // a leaf region lists its units
    expect(units.every((r) => r.kind === 'unit')).toBe(true);

    const [unit] = await server.db.query<{ agency_code: string; agency_name: string }>(
      `SELECT a.agency_code, a.agency_name FROM agency a WHERE a.mof_div_code = $1
         AND EXISTS (SELECT 1 FROM pay_voucher p WHERE p.mof_div_code = a.mof_div_code AND p.agency_code = a.agency_code AND p.pay_date <= $2::date)
       ORDER BY a.agency_code LIMIT 1`,
      [regiment.code, dataAsOf],
    );
    await page.locator(`[data-testid=row-by_org][data-key="${regiment.code}:${unit.agency_code}"] th button`).click();
    await page.waitForURL(new RegExp(`agency=${regiment.code}(%3A|:)${unit.agency_code}`));
    await settled(page, 9);
    expect(await page.getByTestId('org-name').innerText()).toBe(unit.agency_name);
    const unitRef = await ref({ kind: 'unit', mofDivCode: regiment.code, agencyCode: unit.agency_code });
    expect(await kpiTexts(page)).toEqual(expectedTexts(unitRef));
    expect(await expectRegionRowsMatch(page)).toHaveLength(1);
    // The breadcrumb goes back up: 全兵团 › 师 › 团 › 单位.
    expect((await page.getByTestId('crumbs').innerText()).replace(/\s+/g, '')).toContain(`全兵团›${division.name}›${regiment.name}›${unit.agency_name}`);
  });

  it('drills through from the unit’s 支出数 to its vouchers: count and sum equal PostgreSQL', async () => {
    const url = new URL(page.url());
    const [mof, agency] = url.searchParams.get('agency')!.split(':');
    const want = await ref({ kind: 'unit', mofDivCode: mof, agencyCode: agency });
    await page.getByTestId('kpi-paid-value').click();
    const drawer = page.getByTestId('details-drawer');
    await drawer.waitFor();
    await page.waitForSelector('[data-testid=details-total][data-state=ok]');
    expect(Number(await page.getByTestId('details-total').getAttribute('data-total'))).toBe(want.vouchers);
    expect(await page.getByTestId('details-figure').innerText()).toBe(`${formatMoney(want.paidFen, 'wan')}万元`);
    expect(await page.locator('[data-testid=details-row]').count()).toBe(Math.min(50, want.vouchers));
    // Every voucher behind the figure, paged through the API: they add up to it exactly.
    let sum = 0n;
    let n = 0;
    for (let offset = 0; offset < want.vouchers; offset += 500) {
      const res = await page.request.get(`${server.url}/api/details?kind=payments&agency=${mof}:${agency}&asOf=${dataAsOf}&limit=500&offset=${offset}`);
      const body = (await res.json()) as { items: Array<{ amountFen: string }>; total: number };
      expect(body.total).toBe(want.vouchers);
      for (const i of body.items) sum += BigInt(i.amountFen);
      n += body.items.length;
    }
    expect([n, sum]).toEqual([want.vouchers, want.paidFen]);
    // Sorted by amount, largest first, on request.
    await page.getByTestId('details-sort-pay_amt').click();
    await page.waitForSelector('[data-testid=details-total][data-state=ok][data-sort="-pay_amt"]');
    const amounts = await page.locator('[data-testid=details-row] td.num').allInnerTexts();
    const values = amounts.map((a) => Number(a.replace(/,/g, '')));
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    await page.getByTestId('details-drawer-close').click();
    await drawer.waitFor({ state: 'detached' });
  });

  it('cross-filters by clicking a 功能分类 bar: the URL has the filter, other panels follow, the panel shows its 款', async () => {
    await page.goto(`${server.url}/dashboards/execution`);
    await settled(page, 9);
    const before = await kpiTexts(page);
    // Each panel query leaves an fc:query:<panel> measure (env.tsx): which panels asked again after the click.
    await page.evaluate(() => performance.clearMeasures());
    // The lagging units and 三公 under a 功能分类 need the fine table (no rollup keeps unit × 类 or 类 × 款). Even with
    // DuckDB-WASM running and the rollups in (and the engine warmed up on the first view's queries), a fine table larger
    // than LOCAL_FINE_ROWS in the user's scope is not fetched: the server answers those slices from PostgreSQL; a
    // smaller one loads like a rollup (the decision itself: tests/web-lazy-tables.test.ts).
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('fc:warmed').length), { timeout: 60_000 }).toBeGreaterThan(0);
    // The rows the page decides on: the execution cube's in this user's scope, from the catalog it read.
    const catalog = (await (await page.request.get(`${server.url}/api/cubes`)).json()) as { items: Array<{ id: string; rowCount: number }> };
    const fineLarge = catalog.items.find((i) => i.id === 'execution')!.rowCount > LOCAL_FINE_ROWS;
    const fetched: string[] = [];
    const onRequest = (r: { url(): string; method(): string }) => void fetched.push(`${r.method()} ${new URL(r.url()).pathname}`);
    page.on('request', onRequest);
    const canvas = page.locator('[data-testid=chart-by_func] canvas').first();
    const box = (await canvas.boundingBox())!;
    let title = '';
    for (let y = box.y + 4; y < box.y + box.height && !title; y += 5) {
      await page.mouse.move(box.x + box.width * 0.45, y);
      await page.waitForTimeout(40);
      const tip = await visibleTooltip(page, '[data-testid=chart-by_func]', '点击按此筛选');
      if (tip) {
        title = tip.split('\n')[0].trim();
        await page.mouse.click(box.x + box.width * 0.45, y);
      }
    }
    const func = title.slice(0, 3);
    expect(func).toMatch(/^\d{3}$/);
    await page.waitForURL(new RegExp(`func=${func}`));
    await settled(page, 9);
    const after = await kpiTexts(page);
    expect(after).toEqual(expectedTexts(await ref({ kind: 'subtree', org: TOP }, { func })));
    expect(after.budget).not.toBe(before.budget);
    expect(await page.getByTestId('chip-func').innerText()).toContain(func);
    const items = await page.locator('[data-testid=row-by_func]').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.key!));
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((k) => k.length === 5 && k.startsWith(func))).toBe(true);
    await expectRegionRowsMatchWithFunc(func);
    // The approval panel ignores 功能分类 (its SQL is the same): it keeps its answer instead of asking again.
    const asked = await page.evaluate(() => performance.getEntriesByType('measure').map((m) => m.name).filter((n) => n.startsWith('fc:query:')));
    expect(asked).toEqual(expect.arrayContaining(['fc:query:kpis', 'fc:query:by_org', 'fc:query:by_func', 'fc:query:lagging', 'fc:query:sangong']));
    expect(asked).not.toContain('fc:query:approval');
    page.off('request', onRequest);
    if (fineLarge) {
      expect(fetched).not.toContain('GET /api/cubes/execution');
      expect(fetched).toContain('POST /api/answers');
      // Nor at any time before (each table the page loads leaves an fc:fetched:<id> mark).
      expect(await page.evaluate(() => performance.getEntriesByName('fc:fetched:execution').length)).toBe(0);
    } else {
      expect(fetched).toContain('GET /api/cubes/execution');
      expect(fetched).not.toContain('POST /api/answers');
    }
    expect(await page.getByTestId('panel-lagging').getAttribute('data-state')).toMatch(/^(ready|empty)$/);
  });

  it('reloads the URL into the same state; back and forward walk the history', async () => {
    const url = page.url();
    const kpis = await kpiTexts(page);
    const rows = await regionRows(page);
    await page.reload();
    await settled(page, 9);
    expect(page.url()).toBe(url);
    expect(await kpiTexts(page)).toEqual(kpis);
    expect(await regionRows(page)).toEqual(rows);
    await page.goBack();
    await page.waitForURL(/\/dashboards\/execution$/);
    await settled(page, 9);
    expect(await kpiTexts(page)).toEqual(expectedTexts(await ref({ kind: 'subtree', org: TOP })));
    await page.goForward();
    await page.waitForURL(url);
    await settled(page, 9);
    expect(await kpiTexts(page)).toEqual(kpis);
  });

  it('exports a panel as xlsx; its figures read back equal PostgreSQL', async () => {
    await page.goto(`${server.url}/dashboards/execution`);
    await settled(page, 9);
    await page.getByTestId('export-by_org').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-by_org-xlsx').click()]);
    expect(download.suggestedFilename()).toBe(`分地区执行率-${dataAsOf}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(3).values as unknown[]).slice(1).map(String);
    expect(header).toEqual(['二级区划代码', '二级区划名称', '预算执行率', '序时进度', '预算数（元）', '支出数（元）', '进度偏差（百分点）']);
    const rows = new Map<string, unknown[]>();
    ws.eachRow((row, i) => {
      if (i > 3) rows.set(String(row.getCell(1).value ?? 'own'), (row.values as unknown[]).slice(1));
    });
    const children = await server.db.query<{ code: string; name: string }>('SELECT mof_div_code AS code, mof_div_name AS name FROM region WHERE parent_code = $1', [TOP]);
    expect(rows.size).toBe(children.length + 1);
    for (const c of children) {
      const want = await ref({ kind: 'subtree', org: c.code });
      const got = rows.get(c.code)!;
      expect([got[1], got[4], got[5]]).toEqual([c.name, Number(want.budgetFen) / 100, Number(want.paidFen) / 100]);
      expect(got[2]).toBeCloseTo(want.rate!, 9);
    }
    const own = await ref({ kind: 'own', org: TOP });
    expect(rows.get('own')![4]).toBe(Number(own.budgetFen) / 100);

    // The chart as an image, drawn by ECharts at twice the pixels.
    await page.getByTestId('export-by_org').click();
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-by_org-png').click()]);
    expect(png.suggestedFilename()).toBe(`分地区执行率-${dataAsOf}.png`);
    const bytes = readFileSync((await png.path())!);
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(1000); // width: 2 × the chart's
  });

  it('keeps each panel’s content in its box and its menus over the panels after it, on a wall screen and a laptop', async () => {
    // A menu hanging out of its panel must be what lies under the pointer there (not the next panel), and a panel sized
    // by its content (a laptop's window, where the page scrolls) must hold all of it.
    const topOfMenuItems = async () => {
      await page.getByTestId('export-kpis').click();
      const hits = await page.locator('[data-testid^=export-kpis-]').evaluateAll((items) =>
        items.map((el) => {
          const r = el.getBoundingClientRect();
          const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          return { id: (el as HTMLElement).dataset.testid, onTop: !!hit && el.contains(hit), below: r.bottom > el.closest('.panel')!.getBoundingClientRect().bottom };
        }),
      );
      await page.getByTestId('export-kpis').click();
      return hits;
    };
    // Every visible part of each panel (its heading, body, the body's children and KPI cards) ends inside the panel.
    const contentFits = () =>
      page.locator('.dash-grid > .panel').evaluateAll((panels) =>
        panels.flatMap((p) => {
          const bottom = p.getBoundingClientRect().bottom + 1;
          return [...p.querySelectorAll<HTMLElement>(':scope > *, .panel-body > *, .kpis > *')]
            .filter((e) => e.offsetParent !== null && !e.classList.contains('sr-only') && e.getBoundingClientRect().bottom > bottom)
            .map((e) => `${(p as HTMLElement).dataset.testid} ${e.className}: ${Math.round(e.getBoundingClientRect().bottom - bottom)} px out`);
        }),
      );
    for (const [width, height] of [[1920, 1080], [1366, 650]] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${server.url}/dashboards/execution`);
      await settled(page, 9);
      const hits = await topOfMenuItems();
      expect(hits.length).toBeGreaterThanOrEqual(2);
      // On the wall screen the KPI strip is two rows high: the last items hang below it, over the charts' panels, and are
      // still the ones under the pointer. (On the laptop the strip is as high as its cards, and the menu fits in it.)
      if (width === 1920) expect(hits.some((h) => h.below)).toBe(true);
      expect(hits.filter((h) => !h.onTop), `${width}×${height}`).toEqual([]);
      expect(await contentFits(), `${width}×${height}`).toEqual([]);
      // Size containment only where the page is the screen's height (the wall screen), layout containment everywhere.
      const contain = await page.locator('.dash-grid > .panel').first().evaluate((e) => getComputedStyle(e).contain);
      expect(contain).toBe(width === 1920 ? 'size layout style' : 'layout style');
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
  });

  it('opens the performance dashboard: coverage KPIs from the projects', async () => {
    await page.getByTestId('tab-performance').click();
    await page.waitForURL(/\/dashboards\/performance/);
    await settled(page, 7);
    const year = Number(dataAsOf.slice(0, 4));
    const [p] = await server.db.query<{ goal: number | string; eval: number | string }>(
      `SELECT (SELECT count(*) FILTER (WHERE has_perf_goal)::float8 / count(*) FROM project WHERE pro_cat_code = '3' AND fiscal_year = $1) AS goal,
              (SELECT count(*) FILTER (WHERE eval_level <> 'none')::float8 / count(*) FROM project WHERE pro_cat_code = '3' AND fiscal_year = $1 - 1) AS eval`,
      [year],
    );
    expect(await page.getByTestId('kpi-goal_coverage-value').innerText()).toBe(formatPercent(Number(p.goal)));
    expect(await page.getByTestId('kpi-eval_coverage-value').innerText()).toBe(formatPercent(Number(p.eval)));
    const [{ n }] = await server.db.query<{ n: string }>(`SELECT count(*) AS n FROM warning WHERE rule_id = 'R09' AND resolved_at IS NULL AND fiscal_year = $1`, [year]);
    await page.waitForSelector('[data-testid=list-missing_goals][data-state=ready]');
    expect(Number(await page.getByTestId('list-missing_goals').getByTestId('pager-total').getAttribute('data-total'))).toBe(Number(n));
    await page.screenshot({ path: `${OUT}dashboards-performance-1920x1080.png` });
  });

  it('opens the risk dashboard and moves a warning open → confirmed with a comment; a conflicting move shows the 409', async () => {
    await page.getByTestId('tab-risk').click();
    await page.waitForURL(/\/dashboards\/risk/);
    await settled(page, 7);
    const [{ n, handled }] = await server.db.query<{ n: string; handled: string }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE status <> 'open') AS handled FROM warning WHERE resolved_at IS NULL`,
    );
    expect(await page.getByTestId('kpi-warning_count-value').innerText()).toBe(String(Number(n)));
    expect(await page.getByTestId('kpi-handled_count-value').innerText()).toBe(String(Number(handled)));
    await page.screenshot({ path: `${OUT}dashboards-risk-1920x1080.png` });

    await page.waitForSelector('[data-testid=list-list][data-state=ready]');
    const row = page.locator('[data-testid=list-list] [data-testid=warnings-row][data-status=open]').first();
    const id = (await row.getAttribute('data-id'))!;
    await row.click();
    await page.getByTestId('warning-drawer').waitFor();
    await page.waitForSelector('[data-testid=warning-detail][data-status=open]');
    // A comment is required before anything is sent.
    await page.getByTestId('warning-move-confirmed').click();
    expect(await page.getByTestId('warning-result').innerText()).toContain('请填写处理意见');
    await page.getByTestId('warning-comment').fill('已核实，确认违规，责成整改');
    await page.getByTestId('warning-move-confirmed').click();
    await page.waitForSelector('[data-testid=warning-detail][data-status=confirmed]');
    expect(await page.getByTestId('warning-result').innerText()).toContain('已改为「确认违规」');
    const [w] = await server.db.query<{ status: string }>('SELECT status FROM warning WHERE warning_id = $1', [id]);
    expect(w.status).toBe('confirmed');
    const history = await server.db.query<{ from_status: string; to_status: string; comment: string; username: string }>('SELECT from_status, to_status, comment, username FROM warning_status_history WHERE warning_id = $1', [id]);
    expect(history).toEqual([{ from_status: 'open', to_status: 'confirmed', comment: '已核实，确认违规，责成整改', username: USER }]);
    expect(await page.getByTestId('warning-history').innerText()).toContain('已核实，确认违规，责成整改');
    await page.getByTestId('warning-drawer-close').click();
    // The list shows the new status, and the KPIs follow once the warnings cube is rebuilt.
    await page.waitForSelector(`[data-testid=list-list] [data-testid=warnings-row][data-id="${id}"][data-status=confirmed]`);
    await page.waitForFunction((want) => document.querySelector('[data-testid=kpi-handled_count-value]')?.textContent === want, String(Number(handled) + 1), { timeout: 30_000 });

    // Someone else clears another warning while its drawer is open: the move is refused with the server's message.
    const other = page.locator('[data-testid=list-list] [data-testid=warnings-row][data-status=open]').first();
    const otherId = (await other.getAttribute('data-id'))!;
    await other.click();
    await page.waitForSelector('[data-testid=warning-detail][data-status=open]');
    await server.db.query(`UPDATE warning SET status = 'cleared' WHERE warning_id = $1`, [otherId]);
    await page.getByTestId('warning-comment').fill('确认违规');
    await page.getByTestId('warning-move-confirmed').click();
    await page.waitForSelector('[data-testid=warning-result][role=alert]');
    expect(await page.getByTestId('warning-result').innerText()).toBe('不能从「核实正常」改为「确认违规」');
    await page.getByTestId('warning-drawer-close').click();
  });

  it('falls back with a notice for a bad link, and speaks English on request', async () => {
    await page.goto(`${server.url}/dashboards/risk?severity=pink&rule=R01&lang=en&unit=yi`);
    await settled(page, 7);
    expect(await page.locator('.notice').allInnerTexts()).toEqual(['Link parameter severity=pink is invalid; the default applies']);
    expect(await page.locator('h1').innerText()).toContain('Risk warnings');
    expect(await page.getByTestId('kpi-warning_amount').innerText()).toContain('100M yuan');
    const rules = await page.locator('[data-testid=row-by_rule]').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.key));
    expect(rules.length).toBeGreaterThan(1); // the rule bar shows every rule, the chosen one highlighted
    const [{ n }] = await server.db.query<{ n: string }>(`SELECT count(*) AS n FROM warning WHERE resolved_at IS NULL AND rule_id = 'R01'`);
    expect(await page.getByTestId('kpi-warning_count-value').innerText()).toBe(String(Number(n)));
  });

  it('says so in every panel that needs DuckDB-WASM when it cannot start (its worker script missing) and the server cannot answer, instead of loading forever', async () => {
    const p = await browser.context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    try {
      // Routing turns the page's HTTP cache off, so the worker script is asked for again, and refused; the server's
      // first answers are refused too, so the panels fall back to DuckDB-WASM.
      await p.route(/duckdb-browser-eh\.worker[^/]*\.js/, (r) => r.fulfill({ status: 404, body: 'gone' }));
      await p.route(/\/api\/answers$/, (r) => r.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'not_ready', message: '数据尚未就绪' } }) }));
      // A state no earlier test drew: no kept answers for the panels that follow 资金性质, they must ask DuckDB.
      await p.goto(`${server.url}/dashboards/execution?fund=2&org=${TOP}`);
      await p.waitForFunction(() => {
        const panels = [...document.querySelectorAll<HTMLElement>('.dash-grid > [data-testid^=panel-]')];
        return panels.length >= 9 && panels.every((e) => e.dataset.state === 'error' || e.dataset.state === 'ready');
      }, null, { timeout: 60_000 });
      const states = await p.locator('.dash-grid > [data-testid^=panel-]').evaluateAll((els) => Object.fromEntries(els.map((e) => [(e as HTMLElement).dataset.testid, (e as HTMLElement).dataset.state])));
      // 三公 ignores 资金性质: its SQL is the default view's, whose answer an earlier test left kept — drawn without DuckDB.
      expect(states).toEqual({
        'panel-kpis': 'error', 'panel-by_org': 'error', 'panel-monthly': 'error', 'panel-by_func': 'error', 'panel-by_eco': 'error',
        'panel-by_fund': 'error', 'panel-lagging': 'error', 'panel-sangong': 'ready', 'panel-approval': 'error',
      });
      const messages = await p.locator('.dash-grid .panel-error').allInnerTexts();
      expect(messages).toHaveLength(8);
      for (const m of messages) expect(m).toContain('DuckDB-WASM');
      expect(errors).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('draws from the server’s answers while DuckDB-WASM is not running (here: cannot start), with the figures of PostgreSQL', async () => {
    const p = await browser.context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    try {
      await p.route(/duckdb-browser-eh\.worker[^/]*\.js/, (r) => r.fulfill({ status: 404, body: 'gone' }));
      const answers: string[] = [];
      p.on('request', (r) => void (r.url().endsWith('/api/answers') && answers.push(r.method())));
      // The state the previous test could not draw: nothing kept for it, and no DuckDB — every panel from the server.
      await p.goto(`${server.url}/dashboards/execution?fund=2&org=${TOP}`);
      await settled(p, 9);
      expect(answers.length).toBeGreaterThan(0);
      expect(await kpiTexts(p)).toEqual(expectedTexts(await ref({ kind: 'subtree', org: TOP }, { fund: '2' })));
      expect(errors).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

/** Under a 功能分类 filter, the by-region bars equal PostgreSQL with the same 类. */
async function expectRegionRowsMatchWithFunc(func: string) {
  for (const r of await regionRows(page)) {
    const scope: RefScope = r.kind === 'own' ? { kind: 'own', org: r.key.slice(4) } : { kind: 'subtree', org: r.key };
    const want = await ref(scope, { func });
    expect([r.key, r.budget, r.paid]).toEqual([r.key, formatMoney(want.budgetFen, 'wan'), formatMoney(want.paidFen, 'wan')]);
  }
}
