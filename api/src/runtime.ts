import { join } from 'node:path';
import { createApp, type AppConfig } from './app.ts';
import { AuditLog } from './audit/log.ts';
import type { HashAlgo } from './audit/chain.ts';
import type { Auth } from './auth/principal.ts';
import { defaultSessionConfig, SessionService, type SessionConfig } from './auth/sessions.ts';
import { rebuildWarningCubes } from './cubes/pipeline.ts';
import { ScopedCubes } from './cubes/scoped.ts';
import { CubeStore } from './cubes/store.ts';
import type { Db } from './db/types.ts';
import { silentLogger, type Logger } from './errors.ts';
import { createState } from './state.ts';

export interface RuntimeOptions {
  db: Db;
  dataDir: string;
  clock?: () => Date;
  logger?: Logger;
  auditAlgo?: HashAlgo;
  session?: Partial<SessionConfig>;
  config?: Partial<AppConfig>;
  /** Replaces session authentication (tests with a fixed principal). */
  auth?: Auth;
  /** An existing cube store (tests that built cubes already). */
  store?: CubeStore;
}

/** Wires the parts of a running API (cube store, audit log, sessions, app) the same way for the server and tests. */
export function createRuntime(o: RuntimeOptions) {
  const clock = o.clock ?? (() => new Date());
  const store = o.store ?? new CubeStore(join(o.dataDir, 'cubes'));
  const state = createState();
  const auditAnchorPath = join(o.dataDir, 'audit', 'audit-anchor.json');
  const audit = new AuditLog(o.db, { algo: o.auditAlgo ?? 'sha256', anchorPath: auditAnchorPath, clock });
  const sessions = new SessionService(o.db, audit, clock, { ...defaultSessionConfig, ...o.session });
  const scoped = new ScopedCubes(store);
  const logger = o.logger ?? silentLogger;
  // Status changes make the warnings cubes stale: rebuild them shortly after, one rebuild at a time.
  let timer: NodeJS.Timeout | null = null;
  let rebuilding: Promise<void> = Promise.resolve();
  const onWarningsChanged = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      rebuilding = rebuilding.then(() => rebuildWarningCubes(o.db, store)).catch((err) => logger.error('warnings cube rebuild failed', { error: String(err) }));
    }, 100);
  };
  /** Resolves once a pending warnings-cube rebuild is done (tests). */
  const settle = async () => {
    while (timer) await new Promise((r) => setTimeout(r, 20));
    await rebuilding;
  };
  const app = createApp({
    db: o.db,
    store,
    state,
    audit,
    sessions,
    scoped,
    auth: o.auth,
    clock,
    logger,
    onWarningsChanged,
    config: { timeProgressBasis: 'day', appTimeZone: 'Asia/Shanghai', auditAnchorPath, reportsDir: join(o.dataDir, 'reports'), ...o.config },
  });
  return { app, store, state, audit, sessions, scoped, auditAnchorPath, clock, settle };
}
