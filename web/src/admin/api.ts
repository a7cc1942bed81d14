import { ApiError } from '../data/api.ts';
import { redirectToLogin } from './session.ts';

/** An API failure with the server's `error.field` (the form field it is about), when it named one. */
export class FieldApiError extends ApiError {
  constructor(
    message: string,
    status: number,
    code: string,
    readonly field?: string,
  ) {
    super(message, status, code);
    this.name = 'FieldApiError';
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** On 401: go to the sign-in page and come back (default), or just throw (the sign-in and password forms). */
  on401?: 'login' | 'throw';
}

/**
 * A JSON request to the API. Errors become {@link FieldApiError} with the server's message; a 401 (no session, or it
 * expired) sends the browser to /login?redirect=<this page>.
 */
export async function apiRequest<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const res = await fetch(path, {
    method,
    signal: opts.signal,
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.ok) return (await res.json()) as T;
  const err = await errorOf(res);
  if (res.status === 401 && (opts.on401 ?? 'login') === 'login') redirectToLogin();
  throw err;
}

async function errorOf(res: Response): Promise<FieldApiError> {
  let code = `http_${res.status}`;
  let message = defaultMessages[res.status] ?? `请求失败（${res.status}）`;
  let field: string | undefined;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; field?: string } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
    if (body.error?.field) field = body.error.field;
  } catch {
    // not JSON (a proxy's page): keep the generic message
  }
  return new FieldApiError(message, res.status, code, field);
}

const defaultMessages: Record<number, string> = {
  401: '请先登录',
  403: '当前角色无权执行此操作',
  404: '没有找到',
  429: '操作过于频繁，请稍后再试',
  500: '服务出错，请稍后再试',
  502: '暂时无法连接服务',
  503: '服务暂不可用',
};

/** The message of any thrown value. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** `{ field: message }` of a server error that names a field; `''` holds a message without a field. */
export function fieldErrors(e: unknown): Record<string, string> {
  if (e instanceof FieldApiError && e.field) return { [e.field]: e.message };
  return { '': messageOf(e) };
}

// ── shapes (api/src/routes/*.ts) ───────────────────────────────────────────

export interface Me {
  user: {
    id: string;
    username: string;
    displayName: string | null;
    roles: string[];
    scope: string;
    scopeKind: 'region' | 'dept' | 'agency';
    scopeName: string | null;
    via: 'session' | 'token' | 'test' | string;
  };
  actions: string[];
  session: { idleMinutes: number };
}

export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  scope: string;
  totpEnabled: boolean;
  totpRequired: boolean;
  disabled: boolean;
  lockedUntil: string | null;
}

export interface TotpEnrolment {
  uri: string;
  secret: string;
  /** A `data:image/png` URL of the QR code of `uri`. */
  qr: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  userId: string | null;
  username: string | null;
  scope: string | null;
  action: string;
  target: string | null;
  address: string | null;
  outcome: 'ok' | 'denied' | 'failed' | string;
  detail: unknown;
  hash: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  entries: number;
  lastId: number;
  firstBadId?: number;
  problem?: string;
  message: string;
}

export interface RuleItem {
  id: string;
  name: { zh: string; en: string };
  description: { zh: string; en: string };
  basis: { zh: string; en: string };
  severityLogic: { zh: string; en: string };
  window: { zh: string; en: string };
  thresholds: Array<{ key: string; label: { zh: string; en: string }; unit: string; default: number; min: number; max: number; value: number }>;
  enabled: boolean;
}

export interface RulesResponse {
  items: RuleItem[];
  total: number;
  holidays: Array<string | { day: string; name?: string | null }>;
}

export interface ListResponse<T> {
  items: T[];
  total: number;
}

/** The message of an error that no field of the form shows (no field, or a field the form does not have). */
export function unplacedError(errors: Record<string, string>, fields: readonly string[]): string | undefined {
  const key = Object.keys(errors).find((k) => !fields.includes(k));
  return key === undefined ? undefined : errors[key];
}
