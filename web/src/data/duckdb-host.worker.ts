/**
 * The worker DuckDB-WASM runs in: a classic worker that loads DuckDB-WASM's own browser worker script (its URL comes
 * in the first message) and answers one message of its own — how large the WebAssembly memory is — on a port it is
 * handed, so the page can watch the engine's memory (`wasmMemoryBytes` in duckdb.ts). Every other message is DuckDB's.
 */

declare function importScripts(...urls: string[]): void;

interface HostScope {
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  DUCKDB_BINDINGS?: { mod?: { HEAP8?: Int8Array } };
}

const scope = globalThis as unknown as HostScope;

// Registered before DuckDB's script sets its `onmessage`, so this listener sees each message first and keeps its own
// two kinds from reaching DuckDB (listeners added while a message is dispatched do not see that message).
scope.addEventListener('message', (e) => {
  const d = e.data as { fcHost?: 'load' | 'memory'; script?: string; port?: MessagePort } | null;
  if (!d || typeof d !== 'object' || !d.fcHost) return;
  e.stopImmediatePropagation();
  if (d.fcHost === 'load' && d.script) importScripts(d.script);
  else if (d.fcHost === 'memory' && d.port) d.port.postMessage(scope.DUCKDB_BINDINGS?.mod?.HEAP8?.byteLength ?? null);
});
