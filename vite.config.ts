import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zc, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const br = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Writes `.br` and `.gz` beside every compressible asset once, at build time, so the server sends the 34 MB DuckDB
 * wasm as ~6 MB without compressing per request (it serves them with `precompressed: true`).
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'fiscal-cockpit:precompress',
    apply: 'build',
    configResolved(c) {
      outDir = resolve(c.root, c.build.outDir);
    },
    async closeBundle() {
      const dir = join(outDir, 'assets');
      const files = (await readdir(dir)).filter((f) => /\.(js|css|wasm|html|svg|json)$/.test(f));
      // zlib's async API runs on the libuv pool, so files compress in parallel.
      await Promise.all(
        files.map(async (f) => {
          const bytes = await readFile(join(dir, f));
          if (bytes.byteLength < 1024) return;
          const [b, g] = await Promise.all([
            br(bytes, { params: { [zc.BROTLI_PARAM_QUALITY]: 9, [zc.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } }),
            gz(bytes, { level: 9 }),
          ]);
          await Promise.all([writeFile(join(dir, `${f}.br`), b), writeFile(join(dir, `${f}.gz`), g)]);
        }),
      );
    },
  };
}

/**
 * The web app lives in web/ and builds into dist/ at the repository root, which the API server serves (hashed
 * assets under dist/assets cached as immutable).
 */
export default defineConfig({
  root: 'web',
  publicDir: false,
  plugins: [react(), precompress()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    // The DuckDB-WASM binaries (~35 MB each) are fetched by URL, never inlined.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
  // DuckDB-WASM ships its own worker and wasm files; pre-bundling breaks their URLs.
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: process.env.API_URL ?? 'http://127.0.0.1:8787', changeOrigin: false } },
  },
  preview: { host: '127.0.0.1' },
});
