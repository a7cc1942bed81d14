/**
 * The wall screen's local copy of its last data, in IndexedDB: the Arrow bytes of every table with its ETag, and the
 * catalog facts (数据截至). After a browser restart while the API is down the screen draws from here, marked as
 * cached. Keyed by who the data was fetched for (a display token's fingerprint), so one token never sees another's.
 */
const DB_NAME = 'fc-screen-cache';
const TABLES = 'tables';
const META = 'meta';

export interface CachedTable {
  key: string;
  owner: string;
  id: string;
  table: string;
  /** The catalog's ETag of the table, for change checks. */
  etag: string;
  /** A rollup's cube and its rows in the scope (slices read it in place of the cube); absent for cubes and names. */
  rollup?: { of: string; rows: number };
  bytes: ArrayBuffer;
  savedAt: number;
}

export interface CachedMeta {
  owner: string;
  dataAsOf: string;
  timeProgressBasis: 'day' | 'month';
  savedAt: number;
}

/** A short, stable, non-reversible name for an identity (FNV-1a 64 over the token; not a secret, only a namespace). */
export function ownerKey(token: string | undefined): string {
  if (!token) return 'session';
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < token.length; i++) h = BigInt.asUintN(64, (h ^ BigInt(token.charCodeAt(i))) * 0x100000001b3n);
  return `t${h.toString(16).padStart(16, '0')}`;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(TABLES)) db.createObjectStore(TABLES, { keyPath: 'key' }).createIndex('owner', 'owner');
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META, { keyPath: 'owner' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(stores: string[], mode: IDBTransactionMode, fn: (tx: IDBTransaction) => IDBRequest<T> | void): Promise<T | undefined> {
  const db = await open();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const tx = db.transaction(stores, mode);
      const req = fn(tx);
      tx.oncomplete = () => resolve(req ? req.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export async function saveTable(t: Omit<CachedTable, 'key' | 'savedAt'>): Promise<void> {
  await run([TABLES], 'readwrite', (tx) => void tx.objectStore(TABLES).put({ ...t, key: `${t.owner}/${t.id}`, savedAt: Date.now() }));
}

export async function saveMeta(m: Omit<CachedMeta, 'savedAt'>): Promise<void> {
  await run([META], 'readwrite', (tx) => void tx.objectStore(META).put({ ...m, savedAt: Date.now() }));
}

/** Everything cached for `owner` (null when nothing is). */
export async function loadCache(owner: string): Promise<{ meta: CachedMeta; tables: CachedTable[] } | null> {
  const meta = await run<CachedMeta>([META], 'readonly', (tx) => tx.objectStore(META).get(owner));
  if (!meta) return null;
  const tables = (await run<CachedTable[]>([TABLES], 'readonly', (tx) => tx.objectStore(TABLES).index('owner').getAll(owner))) ?? [];
  return tables.length ? { meta, tables } : null;
}

/** Forgets every cached table and fact (a revoked token's data must not stay on the device). */
export async function clearCache(): Promise<void> {
  await run([TABLES, META], 'readwrite', (tx) => {
    tx.objectStore(TABLES).clear();
    tx.objectStore(META).clear();
  });
}

