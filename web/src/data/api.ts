/** The JSON endpoints the dashboard reads (same origin). Types mirror the API's documented shapes. */

export interface Health {
  status: 'ok';
  ready: boolean;
  database: 'postgres' | 'embedded';
  dataAsOf: string | null;
}

export interface CatalogItem {
  id: string;
  kind: 'cube' | 'rollup' | 'dimension';
  table: string;
  /** A rollup's cube (its coarser pre-aggregate, at the cube's version). */
  rollupOf?: string;
  label: string | { zh: string; en: string };
  rowCount: number;
  etag: string;
  version: number | string;
}

export interface Catalog {
  items: CatalogItem[];
  total: number;
  dataAsOf: string | null;
  timeProgressBasis: 'day' | 'month';
}

/** An API failure with the server's `{ error: { code, message } }` when it sent one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function fetchJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { signal, headers: { accept: 'application/json' } });
  if (!res.ok) throw await apiError(res);
  return (await res.json()) as T;
}

/** Fetches an Arrow IPC stream (the browser undoes br/gzip transfer compression). */
export async function fetchArrow(path: string, signal?: AbortSignal): Promise<Uint8Array> {
  // `no-cache` revalidates with the ETag: a 304 reuses the cached bytes, a changed cube is fetched anew.
  const res = await fetch(path, { signal, cache: 'no-cache', headers: { accept: 'application/vnd.apache.arrow.stream' } });
  if (!res.ok) throw await apiError(res);
  return new Uint8Array(await res.arrayBuffer());
}

export async function apiError(res: Response): Promise<ApiError> {
  let code = `http_${res.status}`;
  let message = `${res.status} ${res.statusText}`;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(message, res.status, code);
}

/** Sends JSON (POST, PATCH) and reads the JSON answer; a failure carries the server's message (e.g. a 409's). */
export async function sendJson<T>(method: 'POST' | 'PATCH', path: string, body: unknown): Promise<T> {
  const res = await fetch(path, { method, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw await apiError(res);
  return (await res.json()) as T;
}

/** POSTs JSON and returns the answer as a file: its bytes and the name from Content-Disposition. */
export async function postForFile(path: string, body: unknown): Promise<{ blob: Blob; filename: string | null }> {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw await apiError(res);
  return { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition')) };
}

/** The file name of a Content-Disposition header (RFC 5987 `filename*=UTF-8''…` first, then `filename="…"`). */
export function filenameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      return null;
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : null;
}

/** A query string from params, leaving out empty ones. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
