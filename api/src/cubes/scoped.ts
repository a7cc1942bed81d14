import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { brotliCompress, constants as zc, gzip } from 'node:zlib';
import { tableFromIPC, type Table } from 'apache-arrow';
import { RegionTree, scopeKey, type Scope } from '../auth/scope.ts';
import { ArrowTableBuilder, toIpcStream, type ColumnStorage } from './arrow.ts';
import { servedSources, type CubeStore, type Encoding, type StoredCube } from './store.ts';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** The bytes of one table as one scope may see them. `full` means the scope sees every row (the stored files). */
export interface ScopedBytes {
  key: string;
  rowCount: number;
  full: boolean;
  bytes: Partial<Record<Encoding, Uint8Array>>;
  size: number;
}

type Row = Record<string, unknown>;

/**
 * Serves each (table version, scope, encoding) as its own bytes: rows outside the scope are removed on the server and
 * dictionaries rebuilt, so no row, code or aggregate of another org is sent. Results are cached within `maxBytes`
 * (least recently used first out).
 */
export class ScopedCubes {
  private readonly cache = new Map<string, ScopedBytes>();
  private cachedBytes = 0;
  private readonly decoded = new Map<string, Table>();
  private tree: { version: number; tree: RegionTree } | null = null;

  constructor(
    private readonly store: CubeStore,
    readonly maxBytes = 256 * 1024 * 1024,
  ) {}

  private table(s: StoredCube): Table {
    const k = `${s.id}:${s.version}`;
    let t = this.decoded.get(k);
    if (!t) {
      for (const key of this.decoded.keys()) if (key.startsWith(`${s.id}:`)) this.decoded.delete(key);
      t = tableFromIPC(readFileSync(s.files.identity.path));
      this.decoded.set(k, t);
    }
    return t;
  }

  /** The region tree from the served regions table. */
  regionTree(): RegionTree {
    const s = this.store.get('regions');
    if (!s) return new RegionTree([]);
    if (this.tree?.version !== s.version) {
      const rows = this.table(s).toArray().map((r) => r.toJSON() as { mof_div_code: string; parent_code: string | null });
      this.tree = { version: s.version, tree: new RegionTree(rows) };
    }
    return this.tree.tree;
  }

  /** Whether the scope sees all rows of every table (the top region). */
  seesAll(scope: Scope): boolean {
    return scope.kind === 'region' && scope.mofDivCode === this.regionTree().top;
  }

  async get(s: StoredCube, scope: Scope, encoding: Encoding): Promise<ScopedBytes> {
    const source = servedSources.find((x) => x.id === s.id)!;
    const key = `${s.id}:v${s.version}:${s.hash}:${scopeKey(scope)}`;
    if (source.scoping === 'none' || this.seesAll(scope)) return { key, rowCount: s.rowCount, full: true, bytes: {}, size: 0 };
    let entry = this.cache.get(key);
    if (entry) {
      this.cache.delete(key); // move to the back: most recently used
      this.cache.set(key, entry);
    } else {
      entry = this.build(s, scope, key);
      this.remember(entry);
    }
    if (!entry.bytes[encoding]) {
      const raw = entry.bytes.identity!;
      const packed =
        encoding === 'br'
          ? await brotli(raw, { params: { [zc.BROTLI_PARAM_QUALITY]: 5, [zc.BROTLI_PARAM_SIZE_HINT]: raw.byteLength } })
          : await gz(raw, { level: 6 });
      entry.bytes[encoding] = new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength);
      entry.size += packed.byteLength;
      this.cachedBytes += packed.byteLength;
      this.evict();
    }
    return entry;
  }

  private build(s: StoredCube, scope: Scope, key: string): ScopedBytes {
    const source = servedSources.find((x) => x.id === s.id)!;
    const table = this.table(s);
    const tree = this.regionTree();
    const col = (name: string) => table.getChild(name)!;
    const n = table.numRows;
    let keep: (i: number) => boolean;
    const mof = col('mof_div_code');
    if (source.scoping === 'region') {
      keep = scope.kind === 'region' ? (i) => tree.within(mof.get(i), scope.mofDivCode) : (i) => mof.get(i) === scope.mofDivCode;
    } else {
      const agency = col('agency_code');
      if (scope.kind === 'agency') keep = (i) => mof.get(i) === scope.mofDivCode && agency.get(i) === scope.agencyCode;
      else if (scope.kind === 'dept') {
        const dept = col('dept_code');
        keep = (i) => mof.get(i) === scope.mofDivCode && dept.get(i) === scope.deptCode;
      } else if (source.scoping === 'fact') {
        const levels = ['lvl1_code', 'lvl2_code', 'lvl3_code', 'lvl4_code'].map(col);
        keep = (i) => levels.some((v) => v.get(i) === scope.mofDivCode);
      } else keep = (i) => tree.within(mof.get(i), scope.mofDivCode);
    }
    const specs = table.schema.fields.map((f) => ({ id: f.name, storage: storageOf(source.columns.find((c) => c.id === f.name)?.storage) }));
    const builder = new ArrowTableBuilder(specs);
    const vectors = specs.map((sp) => col(sp.id));
    const batch: Row[] = [];
    for (let i = 0; i < n; i++) {
      if (!keep(i)) continue;
      const row: Row = {};
      for (let j = 0; j < specs.length; j++) row[specs[j].id] = vectors[j].get(i);
      batch.push(row);
      if (batch.length === 10_000) builder.append(batch.splice(0));
    }
    builder.append(batch);
    const ipc = toIpcStream(builder.toTable());
    return { key, rowCount: builder.rowCount, full: false, bytes: { identity: ipc }, size: ipc.byteLength };
  }

  private remember(e: ScopedBytes) {
    this.cache.set(e.key, e);
    this.cachedBytes += e.size;
    this.evict();
  }

  private evict() {
    for (const [k, v] of this.cache) {
      if (this.cachedBytes <= this.maxBytes || this.cache.size <= 1) break;
      this.cache.delete(k);
      this.cachedBytes -= v.size;
    }
  }

  /** Bytes held by the cache now (for tests and metrics). */
  get heldBytes(): number {
    return this.cachedBytes;
  }
}

function storageOf(s: ColumnStorage | undefined): ColumnStorage {
  return s ?? 'text';
}
