import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AuditLog } from './audit/log.ts';
import type { Auth, Principal } from './auth/principal.ts';
import type { SessionService } from './auth/sessions.ts';
import { ScopedCubes } from './cubes/scoped.ts';
import type { CubeStore } from './cubes/store.ts';
import type { Db } from './db/types.ts';
import { ApiError, renderError, silentLogger, type Logger } from './errors.ts';
import type { RoutePolicy } from './middleware/guard.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { cubeRoutes } from './routes/cubes.ts';
import { healthRoutes } from './routes/health.ts';
import { userRoutes } from './routes/users.ts';
import { warningRoutes } from './routes/warnings.ts';
import { detailRoutes } from './routes/details.ts';
import { answerRoutes } from './routes/answers.ts';
import { exportRoutes } from './routes/exports.ts';
import { webRoutes } from './routes/web.ts';
import { reportRoutes } from './routes/reports.ts';
import type { ReportQueue } from './reports/archive.ts';
import { viewRoutes } from './routes/views.ts';
import { displayTokenRoutes } from './routes/display-tokens.ts';
import type { AppState } from './state.ts';

export interface AppConfig {
  timeProgressBasis: 'day' | 'month';
  appTimeZone: string;
  webDir?: string;
  /** False while the web app is still being built (the first start builds it beside the database work). */
  webReady?: () => boolean;
  /** CSP frame-ancestors: who may embed pages (large screens in a portal); default none. */
  frameAncestors?: string[];
  /** Where the audit anchor file lives (DATA_DIR/audit-anchor.json). */
  auditAnchorPath?: string;
  /** Where archived reports are written (DATA_DIR/reports). */
  reportsDir?: string;
  /** Chromium for PDF reports (default /usr/bin/chromium); PDF answers 503 pdf_unavailable without it. */
  chromiumPath?: string;
}

export interface AppDeps {
  db: Db;
  store: CubeStore;
  state: AppState;
  sessions: SessionService;
  audit: AuditLog;
  /** Who is asking; defaults to the sessions (tests may pass a fixed principal). */
  auth: Auth;
  scoped: ScopedCubes;
  /** Injected so "as of" dates and session times are testable. */
  clock: () => Date;
  logger: Logger;
  config: AppConfig;
  /** Called after a warning's status changed (the runtime rebuilds the warnings cubes). */
  onWarningsChanged?: () => void;
  /** The background queue that generates archived reports (created on first use). */
  reports?: ReportQueue;
}

export type AppEnv = { Variables: { principal: Principal } };

export type AppInput = Omit<AppDeps, 'auth' | 'scoped' | 'clock' | 'logger'> & Partial<Pick<AppDeps, 'auth' | 'scoped' | 'clock' | 'logger' | 'onWarningsChanged'>>;

/** Builds the Hono app; it never listens (server.ts does). `app.policies` lists every API route with its guard. */
export function createApp(input: AppInput) {
  const deps: AppDeps = {
    ...input,
    auth: input.auth ?? input.sessions,
    scoped: input.scoped ?? new ScopedCubes(input.store),
    clock: input.clock ?? (() => new Date()),
    logger: input.logger ?? silentLogger,
  };
  const app = new Hono<AppEnv>();
  app.onError((err, c) => renderError(err, c, deps.logger));
  app.notFound((c) =>
    c.req.path.startsWith('/api/') ? c.json({ error: { code: 'not_found', message: '没有这个接口' } }, 404) : c.text('Not Found', 404),
  );
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        // DuckDB-WASM compiles WebAssembly and runs in a same-origin worker; no inline script anywhere.
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        workerSrc: ["'self'", 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: deps.config.frameAncestors?.length ? deps.config.frameAncestors : ["'none'"],
      },
      xFrameOptions: false,
      referrerPolicy: 'same-origin',
      crossOriginResourcePolicy: 'same-origin',
      crossOriginOpenerPolicy: 'same-origin',
      strictTransportSecurity: false,
    }),
  );
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: 256 * 1024,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', '请求体过大（上限 256 KB）');
      },
    }),
  );
  const policies: RoutePolicy[] = [];
  for (const r of [healthRoutes(deps), authRoutes(deps), cubeRoutes(deps), detailRoutes(deps), answerRoutes(deps), exportRoutes(deps), warningRoutes(deps), userRoutes(deps), auditRoutes(deps), reportRoutes(deps), viewRoutes(deps), displayTokenRoutes(deps)]) {
    app.route('/api', r.app);
    policies.push(...r.policies);
  }
  if (deps.config.webDir) app.route('/', webRoutes(deps.config.webDir, deps.config.webReady));
  return Object.assign(app, { policies, deps });
}
