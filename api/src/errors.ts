import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ErrorCode =
  | 'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'payload_too_large' | 'rate_limited'
  | 'not_ready' | 'internal'
  | 'pdf_unavailable';

/** The one error type at the API boundary: rendered as `{ error: { code, message, field? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string, field?: string) => new ApiError(400, 'bad_request', message, field);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);

export interface Logger {
  info(msg: string, extra?: Record<string, unknown>): void;
  error(msg: string, extra?: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  info: (msg, extra) => console.log(msg, extra ? JSON.stringify(extra) : ''),
  error: (msg, extra) => console.error(msg, extra ? JSON.stringify(extra) : ''),
};

export const silentLogger: Logger = { info() {}, error() {} };

/** Renders any thrown error; logs the cause of unexpected ones, never sends SQL, a stack or a path to the client. */
export function renderError(err: unknown, c: Context, logger: Logger) {
  if (err instanceof ApiError) {
    return c.json({ error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } }, err.status);
  }
  // A value PostgreSQL could not take (22xxx data exception) is the client's input slipping past validation.
  const sqlstate = (err as { code?: string })?.code;
  if (typeof sqlstate === 'string' && /^22[0-9A-Z]{3}$/.test(sqlstate)) {
    logger.error('data exception reached the database', { path: c.req.path, error: String((err as Error)?.message ?? err) });
    return c.json({ error: { code: 'bad_request', message: '请求中有无效的取值' } }, 400);
  }
  const status = (err as { status?: number })?.status;
  if (status === 413) return c.json({ error: { code: 'payload_too_large', message: '请求体过大' } }, 413);
  if (status && status >= 400 && status < 500) {
    return c.json({ error: { code: 'bad_request', message: '请求无效' } }, 400);
  }
  logger.error('unhandled error', { path: c.req.path, method: c.req.method, error: String((err as Error)?.stack ?? err) });
  return c.json({ error: { code: 'internal', message: '服务器内部错误' } }, 500);
}
