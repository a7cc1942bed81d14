import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Progress } from './progress.ts';

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds the web app with Vite when dist/ is missing or older than its sources, then precompresses its assets. */
export async function ensureWebBuild(root: string, progress: Progress): Promise<string> {
  const dist = join(root, 'dist');
  const index = join(dist, 'index.html');
  const sources = [join(root, 'web'), join(root, 'queries'), join(root, 'dashboards')].filter(existsSync);
  const srcTime = Math.max(...sources.map(newestMtime), statSync(join(root, 'vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= srcTime) {
    progress.log('前端已是最新构建（dist/）');
    return dist;
  }
  progress.log('构建前端（vite build）…');
  const t0 = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (exit ${code})`))));
    child.on('error', reject);
  });
  // vite.config.ts writes the .br/.gz beside each asset at build time.
  progress.log(`前端构建完成：${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return dist;
}
