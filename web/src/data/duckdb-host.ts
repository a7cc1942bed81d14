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
    postMessage(message: unknown, transfer?: Transferable[]): void;
    DUCKDB_BINDINGS?: { mod?: { HEAP8?: Int8Array } };
  };
  // Each query's own time in the engine, from the message's arrival to its answer (DuckDB answers RUN_QUERY and
  // RUN_PREPARED synchronously), reported on the port the page hands over with the script: the page's own measure of a
  // query also counts the time its answer waits for the page's thread, which is drawing other panels meanwhile.
  let timings: MessagePort | undefined;
  let running: { id: unknown; start: number; sql: string } | undefined;
  const post = scope.postMessage.bind(scope);
  scope.postMessage = (message: unknown, transfer?: Transferable[]) => {
    const r = message as { requestId?: unknown } | null;
    if (running && timings && r && r.requestId === running.id) {
      timings.postMessage({ ms: performance.now() - running.start, sql: running.sql });
      running = undefined;
    }
    post(message, transfer);
  };
  // Registered before DuckDB's script sets its `onmessage`, so this listener sees each message first and keeps its own
  // two kinds from reaching DuckDB (listeners added while a message is dispatched do not see that message).
  scope.addEventListener('message', (e) => {
    const d = e.data as { fcHost?: 'load' | 'memory'; script?: string; port?: MessagePort; type?: string; messageId?: unknown; data?: unknown[] } | null;
    if (d && typeof d === 'object' && (d.type === 'RUN_QUERY' || d.type === 'RUN_PREPARED') && timings) running = { id: d.messageId, start: performance.now(), sql: d.type === 'RUN_QUERY' ? String(d.data?.[1] ?? '').slice(0, 200) : '(prepared statement)' };
    if (!d || typeof d !== 'object' || !d.fcHost) return;
    e.stopImmediatePropagation();
    // A script that fails to load throws here: the worker's `error` event, which `open` in duckdb.ts listens for.
    if (d.fcHost === 'load' && d.script) {
      timings = d.port;
      scope.importScripts(d.script);
    }
    else if (d.fcHost === 'memory' && d.port) d.port.postMessage(scope.DUCKDB_BINDINGS?.mod?.HEAP8?.byteLength ?? null);
  });
}

let source: string | undefined;

/** Starts a host worker that loads DuckDB's worker script from `script` (an absolute URL). */
export function startHostWorker(script: string): Worker {
  // One Blob URL for the page, kept: a renewal starts another worker from it (a URL revoked at once may not load).
  source ??= URL.createObjectURL(new Blob([`(${duckdbHost.toString()})();`], { type: 'text/javascript' }));
  const worker = new Worker(source);
  const { port1, port2 } = new MessageChannel();
  // Read by the interaction benchmark (bench/interactions.ts): each query's time in the engine alone.
  port1.onmessage = (m: MessageEvent<{ ms: number; sql: string }>) => {
    const end = performance.now();
    performance.measure('fc:engine-sql', { start: end - m.data.ms, end, detail: m.data.sql });
  };
  worker.postMessage({ fcHost: 'load', script, port: port2 }, [port2]);
  return worker;
}
