/** The JSON endpoints the dashboard reads (same origin). Types mirror the API's documented shapes. */

export interface Health {
  status: 'ok';
  ready: boolean;
  database: 'postgres' | 'embedded';
  dataAsOf: string | null;
}

export interface CatalogItem {
  id: string;
  kind: 'cube' | 'dimension';
  table: string;
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

async function apiError(res: Response): Promise<ApiError> {
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
