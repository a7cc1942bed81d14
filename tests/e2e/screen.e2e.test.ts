/**
 * The leadership large screen (领导驾驶舱) in Debian Chromium against the real API on a fresh `small` seed, opened
 * with a display token the way a wall screen is: at 1280×720, 1920×1080, 3840×2160 and 5760×1080 nothing overflows
 * the viewport, every panel drew (canvas pixels at the real size), type scales with the screen, the KPI figures
 * match PostgreSQL; the carousel keys; the ETag refresh fetches only changed cubes; stopping the API shows the
 * 数据更新中断 badge and keeps the data, restarting recovers without a reload; a reload during the outage draws the
 * cached data; revoking the token shows the message and empties the cache. Screenshots in tests/output/screen-*.png.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp, newTotpSecret } from '../../api/src/auth/totp.ts';
import { rebuildWarningCubes } from '../../api/src/cubes/pipeline.ts';
import { prepareData } from '../../api/src/pipeline.ts';
import { silentProgress } from '../../api/src/progress.ts';
import { createRuntime } from '../../api/src/runtime.ts';
import { listen } from '../../api/src/server.ts';
import { formatMoney, formatPercent } from '../../queries/format.ts';
import { seedDatabase } from '../../seed/index.ts';
import { openTestDb } from '../support/db.ts';
import { client } from '../support/http.ts';
import { SMALL_AS_OF } from '../support/server.ts';
import { addUser, TEST_PASSWORD } from '../support/users.ts';
import { launchChromium } from './browser.ts';
import { ensureWebBuild } from './build-web.ts';
import { reference } from './reference.ts';

const OUT = fileURLToPath(new URL('../output/', import.meta.url));
const TOP = '660000000';

let db: Awaited<ReturnType<typeof openTestDb>>;
let rt: ReturnType<typeof createRuntime>;
let dataDir: string;
let server: Server | null = null;
let port = 0;
let base = '';
let browser: Awaited<ReturnType<typeof launchChromium>>;
let admin: ReturnType<typeof client>;
let token = '';
let tokenId = '';
const pageErrors: string[] = [];

async function start() {
  const s = await listen(rt.app, '127.0.0.1', port);
  server = s.server as Server;
  base = s.url;
  port = Number(new URL(s.url).port);
}

async function stop() {
  if (!server) return;
  const s = server;
  server = null;
  await new Promise<void>((resolve) => {
    s.close(() => resolve());
    s.closeAllConnections();
  });
}

beforeAll(async () => {
  ensureWebBuild();
  db = await openTestDb();
  dataDir = mkdtempSync(join(tmpdir(), 'fc-screen-'));
  await seedDatabase(db, { scale: 'small', seed: 7, asOf: SMALL_AS_OF });
  rt = createRuntime({ db, dataDir, config: { webDir: fileURLToPath(new URL('../../dist', import.meta.url)) } });
  await prepareData(db, rt.store, rt.state, { scale: 'none', seed: 0, appTimeZone: 'Asia/Shanghai', timeProgressBasis: 'day', clock: () => new Date() }, silentProgress);
  await start();
  const secret = newTotpSecret();
  await addUser(db, 'e2e_screen_admin', ['admin'], { kind: 'region', mofDivCode: TOP }, secret);
  admin = client(rt.app);
  expect((await admin.login('e2e_screen_admin', TEST_PASSWORD, currentTotp(secret, 'e2e_screen_admin', new Date()))).status).toBe(200);
  const res = await admin.request('/api/display-tokens', { method: 'POST', json: { name: '指挥中心', scope: TOP, screen: 'overview' } });
  expect(res.status).toBe(201);
  const body = await res.json();
  token = body.token;
  tokenId = body.item.id;
  mkdirSync(OUT, { recursive: true });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (server) await stop();
  await rt?.audit.flush().catch(() => undefined);
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function open(width: number, height: number, query = ''): Promise<Page> {
  if (!server) await start(); // a failed outage test must not take the rest down with it
  const p = await browser.context.newPage();
  p.on('pageerror', (e) => pageErrors.push(String(e)));
  await p.setViewportSize({ width, height });
  await p.goto(`${base}/screen/overview?token=${token}${query}`);
  await settled(p);
  return p;
}

/** Every panel of the screen shown is ready (or empty) and its counters have stopped. */
async function settled(p: Page) {
  await p.waitForFunction(
    () => {
      const panels = [...document.querySelectorAll<HTMLElement>('.screen-grid > [data-testid^=panel-]')];
      const charts = [...document.querySelectorAll<HTMLElement>('.screen-grid [data-chart-ready]')];
      return panels.length >= 5 && panels.every((e) => e.dataset.state === 'ready' || e.dataset.state === 'empty') && charts.every((c) => c.dataset.chartReady === 'true');
    },
    null,
    { timeout: 120_000 },
  );
  await p.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.kpi-value[data-value]')].every((e) => e.innerText.trim() === e.dataset.value), null, { timeout: 10_000 });
  await p.waitForTimeout(300);
}

interface Layout {
  overflow: string[];
  scroll: { w: number; h: number; vw: number; vh: number };
  panels: Array<{ id: string; state: string; canvases: Array<{ w: number; h: number; cssW: number; cssH: number; inked: number }>; text: string }>;
  kpiFont: number;
  titleFont: number;
}

function measure(p: Page): Promise<Layout> {
  return p.evaluate(() => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const overflow: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('.screen-stage, .screen-stage *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) overflow.push(`${el.tagName}.${el.className} ${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.right)},${Math.round(r.bottom)}`);
    }
    const panels = [...document.querySelectorAll<HTMLElement>('.screen-grid > [data-testid^=panel-]')].map((el) => ({
      id: el.dataset.testid!,
      state: el.dataset.state ?? '',
      text: el.innerText,
      canvases: [...el.querySelectorAll('canvas')].map((c) => {
        const r = c.getBoundingClientRect();
        const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
        let inked = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 200) inked++;
        return { w: c.width, h: c.height, cssW: r.width, cssH: r.height, inked };
      }),
    }));
    const px = (sel: string) => parseFloat(getComputedStyle(document.querySelector(sel)!).fontSize);
    return {
      overflow,
      scroll: { w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight, vw, vh },
      panels,
      kpiFont: px('.kpi-value'),
      titleFont: px('.screen-title'),
    };
  });
}

describe('the large screen at any resolution', () => {
  const sizes = [
    [1920, 1080, 1],
    [1280, 720, 2 / 3],
    [3840, 2160, 2],
    [5760, 1080, 1],
  ] as const;
  let kpiAt1920 = 0;

  for (const [w, h, scale] of sizes) {
    it(`${w}×${h}: nothing overflows, every panel drew at the real pixel size, type scales ×${scale.toFixed(2)}`, async () => {
      const p = await open(w, h);
      const m = await measure(p);
      expect(m.overflow, m.overflow.slice(0, 5).join('\n')).toEqual([]);
      expect(m.scroll.w).toBeLessThanOrEqual(w);
      expect(m.scroll.h).toBeLessThanOrEqual(h);
      expect(m.panels.map((x) => x.id)).toEqual(['panel-kpis', 'panel-gauge', 'panel-by_division', 'panel-goal_gauge', 'panel-coverage', 'panel-red_warnings']);
      for (const panel of m.panels) {
        expect(panel.state, panel.id).toBe('ready');
        expect(panel.text.length, panel.id).toBeGreaterThan(4);
        for (const c of panel.canvases) {
          // ECharts re-rendered into a canvas of the box's real size (device pixel ratio 1), not a zoomed bitmap.
          expect(Math.abs(c.w - c.cssW), panel.id).toBeLessThanOrEqual(1);
          expect(Math.abs(c.h - c.cssH), panel.id).toBeLessThanOrEqual(1);
          expect(c.inked, panel.id).toBeGreaterThan(500);
        }
      }
      for (const id of ['panel-gauge', 'panel-by_division', 'panel-goal_gauge', 'panel-coverage']) expect(m.panels.find((x) => x.id === id)!.canvases.length, id).toBe(1);
      expect(await p.locator('.screen-grid .data-table tbody tr').count()).toBeGreaterThan(0);
      // 2.7 rem KPI figures on a 16 px design root.
      if (w === 1920) kpiAt1920 = m.kpiFont;
      expect(m.kpiFont).toBeCloseTo(43.2 * scale, 0);
      if (kpiAt1920) expect(m.kpiFont / kpiAt1920).toBeCloseTo(scale, 1);
      expect(m.titleFont).toBeCloseTo(2.3 * 16 * scale, 0);
      await p.screenshot({ path: join(OUT, `screen-overview-${w}x${h}.png`) });
      await p.close();
    });
  }

  it('the KPI figures and the gauge are the PostgreSQL figures for the token scope; 数据截至 and the clock show', async () => {
    const p = await open(1920, 1080);
    const ref = await reference(db, { kind: 'subtree', org: TOP }, SMALL_AS_OF, 'day');
    expect(await p.getByTestId('kpi-budget-value').innerText()).toBe(formatMoney(ref.budgetFen, 'wan'));
    expect(await p.getByTestId('kpi-paid-value').innerText()).toBe(formatMoney(ref.paidFen, 'wan'));
    expect(await p.getByTestId('kpi-execution_rate-value').innerText()).toBe(formatPercent(ref.rate));
    expect(await p.getByTestId('panel-gauge').getAttribute('data-state')).toBe('ready');
    expect(await p.getByTestId('screen-data-as-of').innerText()).toBe(SMALL_AS_OF);
    expect(await p.getByTestId('screen-org').innerText()).toBe('全兵团');
    expect(await p.getByTestId('screen-clock').innerText()).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    expect(await p.getByTestId('kpi-budget-yoy').innerText()).toMatch(/[+-]?\d/);
    await p.close();
  });

  it('fill and stretch use every pixel of an ultrawide screen; a bad param is named, not fatal', async () => {
    for (const mode of ['fill', 'stretch']) {
      const p = await open(5760, 1080, `&mode=${mode}`);
      const box = await p.getByTestId('screen-canvas').boundingBox();
      expect(box).toEqual({ x: 0, y: 0, width: 5760, height: 1080 });
      const m = await measure(p);
      expect(m.overflow).toEqual([]);
      if (mode === 'fill') await p.screenshot({ path: join(OUT, 'screen-overview-5760x1080-fill.png') });
      await p.close();
    }
    const p = await open(1920, 1080, '&mode=zoom&rotate=1');
    expect(await p.getByTestId('screen-canvas').getAttribute('data-mode')).toBe('fit');
    expect(await p.locator('.screen-badge', { hasText: 'mode' }).innerText()).toContain('rotate');
    await p.close();
  });
});

describe('kiosk', () => {
  it('arrows move between screens, space pauses, rotate turns the carousel', async () => {
    const p = await open(1920, 1080, '&rotate=10');
    await p.keyboard.press('ArrowRight');
    await p.waitForURL(/\/screen\/execution\?/);
    await settled(p);
    expect(await p.getByTestId('screen-title').innerText()).toBe('预算执行监控');
    await p.screenshot({ path: join(OUT, 'screen-execution-1920x1080.png') });
    await p.keyboard.press('ArrowRight');
    await p.waitForURL(/\/screen\/risk\?/);
    await settled(p);
    await p.screenshot({ path: join(OUT, 'screen-risk-1920x1080.png') });
    await p.keyboard.press('ArrowLeft');
    await p.waitForURL(/\/screen\/execution\?/);
    expect(new URL(p.url()).searchParams.get('token')).toBe(token);
    // Rotation: after 10 s the next screen.
    await p.waitForURL(/\/screen\/risk\?/, { timeout: 20_000 });
    await p.keyboard.press(' ');
    await expect.poll(() => p.getByTestId('screen-canvas').getAttribute('data-paused')).toBe('true');
    expect(await p.getByTestId('screen-paused').innerText()).toBe('已暂停');
    await p.waitForTimeout(11_000);
    expect(p.url()).toMatch(/\/screen\/risk\?/);
    await p.close();
  }, 120_000);

  it('refresh asks with the ETag and fetches only the cubes that changed', async () => {
    const p = await open(1920, 1080, '&refresh=2');
    const fetched = async () => (await db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'cube.fetch' AND user_id = $1`, [`display:${tokenId}`]))[0].n;
    await rt.audit.flush();
    const before = Number(await fetched());
    const checks = Number(await p.getByTestId('screen-canvas').getAttribute('data-checks'));
    await expect.poll(async () => Number(await p.getByTestId('screen-canvas').getAttribute('data-checks')), { timeout: 20_000 }).toBeGreaterThanOrEqual(checks + 3);
    await rt.audit.flush();
    expect(Number(await fetched())).toBe(before);
    expect(await p.getByTestId('screen-canvas').getAttribute('data-fetches')).toBe('0');
    // New versions of the warnings cubes: the next check fetches those two and nothing else.
    await rebuildWarningCubes(db, rt.store);
    await expect.poll(async () => Number(await p.getByTestId('screen-canvas').getAttribute('data-fetches')), { timeout: 20_000 }).toBe(2);
    await rt.audit.flush();
    const targets = await db.query<{ target: string }>(`SELECT target FROM audit_log WHERE action = 'cube.fetch' AND user_id = $1 ORDER BY id DESC LIMIT 2`, [`display:${tokenId}`]);
    expect(targets.map((t) => t.target.split('@')[0]).sort()).toEqual(['warning_status', 'warnings']);
    expect(Number(await fetched())).toBe(before + 2);
    await p.close();
  });
});

describe('a screen left running', () => {
  it('renews its DuckDB-WASM instance when the memory grows past the budget: same figures, the old worker ended, later changes still shown', async () => {
    const p = await browser.context.newPage();
    p.on('pageerror', (e) => pageErrors.push(String(e)));
    // A display told to renew at every check (the default is +10 % over the settled size, at most every 5 min).
    await p.addInitScript(() => localStorage.setItem('fc-screen-engine-renewal', JSON.stringify({ growthPct: -1, settleS: 0, minIntervalS: 0 })));
    await p.setViewportSize({ width: 1920, height: 1080 });
    await p.goto(`${base}/screen/overview?token=${token}&refresh=2`);
    await settled(p);
    const canvas = p.getByTestId('screen-canvas');
    const budget = await p.getByTestId('kpi-budget-value').innerText();
    const warnings = await p.getByTestId('panel-red_warnings').innerText();
    await expect.poll(async () => Number(await canvas.getAttribute('data-renewals')), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    expect(Number(await canvas.getAttribute('data-wasm-bytes'))).toBeGreaterThan(16 * 2 ** 20);
    // One DuckDB worker runs: each replaced one was ended.
    await expect.poll(() => p.workers().length, { timeout: 20_000 }).toBe(1);
    expect(await p.getByTestId('kpi-budget-value').innerText()).toBe(budget);
    // A change after the renewals reaches the new instance: the largest open red warning grows, and the list with it.
    const [w] = await db.query<{ warning_id: string; amount_fen: string }>(`SELECT warning_id, amount_fen FROM warning WHERE severity = 'red' AND resolved_at IS NULL AND amount_fen IS NOT NULL ORDER BY amount_fen DESC, warning_id LIMIT 1`);
    const bumped = BigInt(w.amount_fen) + 123_456_789n;
    await db.query('UPDATE warning SET amount_fen = $1 WHERE warning_id = $2', [bumped.toString(), w.warning_id]);
    try {
      const fetchesBefore = Number(await canvas.getAttribute('data-fetches'));
      await rebuildWarningCubes(db, rt.store);
      await expect.poll(async () => Number(await canvas.getAttribute('data-fetches')), { timeout: 30_000 }).toBeGreaterThanOrEqual(fetchesBefore + 2);
      await expect.poll(() => p.getByTestId('panel-red_warnings').innerText(), { timeout: 30_000 }).not.toBe(warnings);
      await settled(p);
      const m = await measure(p);
      for (const panel of m.panels) expect(panel.state, panel.id).toBe('ready');
      // Marks and measures are dropped at every check: only the last check's few are left (its cube loads, a renewal's
      // start), not the 24 marks of the first load and four more for every changed check since.
      const entries = await p.evaluate(() => ({ marks: performance.getEntriesByType('mark').length, measures: performance.getEntriesByType('measure').length }));
      expect(Number(await canvas.getAttribute('data-checks'))).toBeGreaterThanOrEqual(4);
      expect(entries.marks).toBeLessThanOrEqual(8);
      expect(entries.measures).toBeLessThanOrEqual(20);
    } finally {
      await db.query('UPDATE warning SET amount_fen = $1 WHERE warning_id = $2', [w.amount_fen, w.warning_id]);
      await rebuildWarningCubes(db, rt.store);
    }
    expect(pageErrors).toEqual([]);
    await p.close();
  }, 180_000);
});

describe('never blank', () => {
  it('API stopped: the badge shows since HH:MM, the data stays; restarted on the same port: recovers without a reload', async () => {
    const p = await open(1920, 1080, '&refresh=2');
    await p.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const budget = await p.getByTestId('kpi-budget-value').innerText();
    await stop();
    const badge = p.getByTestId('screen-outage');
    await badge.waitFor({ timeout: 20_000 });
    expect(await badge.innerText()).toMatch(/^数据更新中断 · 自 \d{2}:\d{2}$/);
    expect(await p.getByTestId('kpi-budget-value').innerText()).toBe(budget);
    const m = await measure(p);
    for (const panel of m.panels) expect(panel.state, panel.id).toBe('ready');
    expect(m.panels.flatMap((x) => x.canvases).every((c) => c.inked > 500)).toBe(true);
    await p.screenshot({ path: join(OUT, 'screen-outage-1920x1080.png') });
    await start();
    await badge.waitFor({ state: 'detached', timeout: 40_000 });
    expect(await p.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(await p.getByTestId('kpi-budget-value').innerText()).toBe(budget);
    await p.close();
  }, 120_000);

  it('reloaded while the server is down: the page and its last data come from the local caches, marked as such', async () => {
    const p = await open(1920, 1080, '&refresh=2');
    const budget = await p.getByTestId('kpi-budget-value').innerText();
    // The offline shell is stored a moment after the first data.
    await expect.poll(() => p.evaluate(async () => (await caches.has('fc-screen-shell-v1')) && (await (await caches.open('fc-screen-shell-v1')).match('/screen/__shell')) !== undefined), { timeout: 30_000 }).toBe(true);
    await p.waitForTimeout(1000);
    await stop();
    await p.reload();
    await settled(p);
    expect(await p.getByTestId('screen-cached').innerText()).toMatch(/^本地缓存数据 · 保存于 \d{2}:\d{2}$/);
    expect(await p.getByTestId('screen-outage').innerText()).toMatch(/^数据更新中断/);
    expect(await p.getByTestId('kpi-budget-value').innerText()).toBe(budget);
    const m = await measure(p);
    expect(m.overflow).toEqual([]);
    for (const panel of m.panels) expect(panel.state, panel.id).toBe('ready');
    await p.screenshot({ path: join(OUT, 'screen-cached-1920x1080.png') });
    await start();
    await p.getByTestId('screen-cached').waitFor({ state: 'detached', timeout: 40_000 });
    await p.getByTestId('screen-outage').waitFor({ state: 'detached', timeout: 40_000 });
    await p.close();
  }, 180_000);

  it('revoking the token: the message, the data and the caches are gone', async () => {
    const p = await open(1920, 1080, '&refresh=2');
    expect(await p.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'fc-screen-cache'))).toBe(true);
    const res = await admin.request(`/api/display-tokens/${tokenId}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    const msg = p.getByTestId('screen-revoked');
    await msg.waitFor({ timeout: 30_000 });
    expect(await msg.innerText()).toContain('此大屏的显示令牌已失效');
    expect(await msg.innerText()).toContain('显示令牌已被撤销');
    expect(await p.getByTestId('screen-outage').count()).toBe(0);
    expect(await p.locator('.screen-grid').count()).toBe(0);
    const left = await p.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const req = indexedDB.open('fc-screen-cache');
          req.onsuccess = () => {
            const tx = req.result.transaction(['tables', 'meta'], 'readonly');
            let n = 0;
            const a = tx.objectStore('tables').count();
            const b = tx.objectStore('meta').count();
            tx.oncomplete = () => resolve((n = a.result + b.result));
          };
          req.onerror = () => resolve(-1);
        }),
    );
    expect(left).toBe(0);
    expect(await p.evaluate(() => caches.has('fc-screen-shell-v1'))).toBe(false);
    await p.screenshot({ path: join(OUT, 'screen-revoked-1920x1080.png') });
    // A reload asks again and gets the same answer.
    await p.reload();
    await p.getByTestId('screen-revoked').waitFor({ timeout: 30_000 });
    await p.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
