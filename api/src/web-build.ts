import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zc } from 'node:zlib';
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
    const child = spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (exit ${code})`))));
    child.on('error', reject);
  });
  const n = precompress(join(dist, 'assets'));
  progress.log(`前端构建完成：${((Date.now() - t0) / 1000).toFixed(1)} s，预压缩 ${n} 个文件`);
  return dist;
}

/** Writes .br and .gz beside each compressible asset, so they are compressed once, not per request. */
function precompress(dir: string): number {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const f of readdirSync(dir)) {
    if (!/\.(js|css|wasm|html|svg|json|cjs|mjs)$/.test(f)) continue;
    const p = join(dir, f);
    const bytes = readFileSync(p);
    if (bytes.byteLength < 1024) continue;
    writeFileSync(`${p}.br`, brotliCompressSync(bytes, { params: { [zc.BROTLI_PARAM_QUALITY]: 9 } }));
    writeFileSync(`${p}.gz`, gzipSync(bytes, { level: 9 }));
    n++;
  }
  return n;
}
