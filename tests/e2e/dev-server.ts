/**
 * Development server for the web app: the real API on a fresh embedded database (the `small` seed, or the hand-made
 * fixture), signed in as an analyst of the whole tree, serving the built app from dist/.
 *
 *   npm run build && node --import tsx tests/e2e/dev-server.ts [small|fixture] [port]
 *
 * or with hot reload: `API_URL=http://127.0.0.1:8788 npm run dev` (Vite proxies /api to it).
 */
import { startTestServer } from '../support/server.ts';
import { testUsers } from '../support/users.ts';

const scale = process.argv[2] === 'fixture' ? 'fixture' : 'small';
const port = Number(process.argv[3] ?? 8788);
const server = await startTestServer({ scale, port, principal: testUsers.hqAnalyst });
console.log(`dev server (${scale}): ${server.url}/dashboards/execution`);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void server.close().finally(() => process.exit(0)));
