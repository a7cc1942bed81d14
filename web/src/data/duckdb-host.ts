/**
 * The worker DuckDB-WASM runs in: a classic worker that loads DuckDB-WASM's own browser worker script (its URL comes
 * in the first message) and answers one message of its own — how large the WebAssembly memory is — on a port it is
 * handed, so the page can watch the engine's memory (`wasmMemoryBytes` in duckdb.ts). Every other message is DuckDB's.
 *
 * It is started from a Blob of this function's source rather than as a bundled worker file: DuckDB's script needs
 * `importScripts`, which only a classic worker has, and Vite's development server serves worker files as modules.
 * So the function must stand alone: no imports, no helpers, nothing from around it.
 */
function duckdbHost(): void {
  const scope = globalThis as unknown as {
    addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
    importScripts(...urls: string[]): void;
    DUCKDB_BINDINGS?: { mod?: { HEAP8?: Int8Array } };
  };
  // Registered before DuckDB's script sets its `onmessage`, so this listener sees each message first and keeps its own
  // two kinds from reaching DuckDB (listeners added while a message is dispatched do not see that message).
  scope.addEventListener('message', (e) => {
    const d = e.data as { fcHost?: 'load' | 'memory'; script?: string; port?: MessagePort } | null;
    if (!d || typeof d !== 'object' || !d.fcHost) return;
    e.stopImmediatePropagation();
    // A script that fails to load throws here: the worker's `error` event, which `open` in duckdb.ts listens for.
    if (d.fcHost === 'load' && d.script) scope.importScripts(d.script);
    else if (d.fcHost === 'memory' && d.port) d.port.postMessage(scope.DUCKDB_BINDINGS?.mod?.HEAP8?.byteLength ?? null);
  });
}

let source: string | undefined;

/** Starts a host worker that loads DuckDB's worker script from `script` (an absolute URL). */
export function startHostWorker(script: string): Worker {
  // One Blob URL for the page, kept: a renewal starts another worker from it (a URL revoked at once may not load).
  source ??= URL.createObjectURL(new Blob([`(${duckdbHost.toString()})();`], { type: 'text/javascript' }));
  const worker = new Worker(source);
  worker.postMessage({ fcHost: 'load', script });
  return worker;
}
