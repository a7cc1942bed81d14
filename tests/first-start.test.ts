import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../api/src/db/types.ts';
import { prepareData } from '../api/src/pipeline.ts';
import { silentProgress } from '../api/src/progress.ts';
import { createRuntime } from '../api/src/runtime.ts';
import { openTestDb } from './support/db.ts';
import { loadFixture } from './support/fixture.ts';

// The first start builds the web app beside the database work: pages say so until it is done, and `ready` waits.
let db: Db;
let dir: string;
beforeAll(async () => {
  db = await openTestDb();
  await loadFixture(db);
  dir = mkdtempSync(join(tmpdir(), 'fc-first-start-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>财政驾驶舱</title>');
}, 120_000);
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('first start: the web build beside the data', () => {
  it('pages answer 503 "正在启动" (refreshing) while the build runs, the API answers, and ready waits for the build', async () => {
    let built = false;
    let finishBuild!: () => void;
    const build = new Promise<void>((r) => (finishBuild = r)).then(() => (built = true));
    const rt = createRuntime({ db, dataDir: join(dir, 'data'), config: { webDir: dir, webReady: () => built } });
    const page = await rt.app.request('/dashboards/execution');
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('3');
    expect(await page.text()).toContain('财政驾驶舱正在启动');
    expect((await rt.app.request('/api/health')).status).toBe(200);

    const preparing = prepareData(db, rt.store, rt.state, { scale: 'none', seed: 0, appTimeZone: 'Asia/Shanghai', timeProgressBasis: 'day', clock: () => new Date(), alongside: build }, silentProgress);
    // The cubes get built, then the data waits for the web build.
    for (let i = 0; i < 600 && rt.state.phase !== 'building web app'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(rt.state.phase).toBe('building web app');
    expect((await (await rt.app.request('/api/health')).json()).ready).toBe(false);
    finishBuild();
    await preparing;
    expect((await (await rt.app.request('/api/health')).json()).ready).toBe(true);
    const after = await rt.app.request('/dashboards/execution');
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('<title>财政驾驶舱</title>');
  });
});
