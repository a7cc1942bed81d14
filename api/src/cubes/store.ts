import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zc, gzip } from 'node:zlib';
import { cubes, dimensionTables, postgres, type Cube, type DimensionTable } from '../../../queries/index.ts';
import { compileRollup, rollupId, rollupTable, type Rollup } from '../../../queries/cubes/rollups.ts';
import type { Db } from '../db/types.ts';
import { silentProgress, type Progress } from '../progress.ts';
import { ArrowTableBuilder, toIpcStream, type ColumnSpec } from './arrow.ts';
import { CopyTextReader } from './copy-text.ts';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export type Encoding = 'br' | 'gzip' | 'identity';

/** What a served table is: a cube, one of a cube's rollups (a coarser pre-aggregate), or a table of names. */
export type SourceKind = 'cube' | 'rollup' | 'dimension';

/** One served table: a cube, a rollup or a dimension table, at one version, as files under DATA_DIR/cubes. */
export interface StoredCube {
  id: string;
  kind: SourceKind;
  table: string;
  version: number;
  rowCount: number;
  /** Content hash of the raw IPC bytes, part of the ETag. */
  hash: string;
  files: Record<Encoding, { path: string; size: number }>;
}

/** How a user's scope limits a table's rows: facts by region path and unit, regions by the tree, units, or none. */
export type Scoping = 'fact' | 'region' | 'agency' | 'none';
export type Source = {
  id: string;
  kind: SourceKind;
  table: string;
  columns: ColumnSpec[];
  /** The rows to serve; its SELECT lists `columns` in their order (the export reads its output by position). */
  sql: string;
  scoping: Scoping;
  /** A rollup's cube and rollup: it is built from the cube and shares its version. */
  rollupOf?: { cube: Cube; rollup: Rollup };
};

function partColumns(cube: Cube): ColumnSpec[] {
  return cube.parts.map((p) => ({ id: p.id, storage: p.kind === 'sum' ? ('float64' as const) : ('int64' as const) }));
}

function cubeSource(cube: Cube): Source {
  const columns: ColumnSpec[] = [...cube.dimensions.map((d) => ({ id: d.id, storage: d.storage })), ...partColumns(cube)];
  const order = cube.dimensions.map((d) => d.id).join(', ');
  return { id: cube.id, kind: 'cube', table: cube.table, columns, scoping: 'fact', sql: `SELECT ${columns.map((c) => c.id).join(', ')} FROM ${cube.table} ORDER BY ${order}` };
}

/**
 * A cube's rollup, served as its own table so a page loads the few rows its panels read instead of the whole cube:
 * summed in PostgreSQL from the built cube with the semantic layer's rollup query, at the cube's version.
 */
function servedRollup(cube: Cube, rollup: Rollup): Source {
  const columns: ColumnSpec[] = [...rollup.dimensions.map((id) => ({ id, storage: cube.dimensions.find((d) => d.id === id)!.storage })), ...partColumns(cube)];
  return { id: rollupId(cube, rollup), kind: 'rollup', table: rollupTable(cube, rollup), columns, scoping: 'fact', sql: compileRollup(cube, rollup, postgres, cube.table, true).sql, rollupOf: { cube, rollup } };
}

function dimensionSource(t: DimensionTable): Source {
  return { id: t.id, kind: 'dimension', table: t.table, columns: t.columns.map((c) => ({ ...c })), sql: t.sql, scoping: t.scoping };
}

/** Everything the API serves under /api/cubes, in catalog order: each cube followed by its rollups, then the names. */
export const servedSources: Source[] = [
  ...(Object.values(cubes) as Cube[]).flatMap((c) => [cubeSource(c), ...(c.rollups ?? []).map((r) => servedRollup(c, r))]),
  ...dimensionTables.map(dimensionSource),
];

/** The served table whose version a source has: a rollup's is its cube's. */
export function versionId(source: Source): string {
  return source.rollupOf?.cube.id ?? source.id;
}

/**
 * Writes cubes as Arrow IPC files — raw, brotli and gzip, each compressed once per version — under `dir`, atomically
 * (temp file + rename), and serves their metadata from memory.
 */
export class CubeStore {
  private readonly current = new Map<string, StoredCube>();

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  get(id: string): StoredCube | undefined {
    return this.current.get(id);
  }

  list(): StoredCube[] {
    return servedSources.map((s) => this.current.get(s.id)).filter((x): x is StoredCube => Boolean(x));
  }

  /** Reads the table from the database in batches and writes its files for `version`. */
  async export(db: Db, source: Source, version: number, progress: Progress = silentProgress): Promise<StoredCube> {
    const builder = new ArrowTableBuilder(source.columns);
    const fields = source.columns.map((c) => c.id);
    // COPY's text output, parsed here in batches: no value built per row in the database (or its worker) and
    // copied across, which made reading a million-row cube from the embedded engine take a minute.
    const reader = new CopyTextReader(fields.length, (columns) => progress.tick(builder.appendColumns(fields, columns)));
    // The embedded engine hands its output over in one piece: it is read after the transaction, so the database can
    // serve other work (the rules) meanwhile. A server streams it, read as it comes.
    const held: Uint8Array[] = [];
    await db.transaction(async (tx) => {
      // The ORDER BY of a million-row cube sorts in memory rather than in temporary files.
      await tx.exec(`SET LOCAL work_mem = '256MB'`);
      await tx.copyOut(source.sql, (chunk) => (db.kind === 'embedded' ? held.push(chunk) : reader.push(chunk)));
    });
    for (const chunk of held.splice(0)) reader.push(chunk);
    reader.end();
    const ipc = toIpcStream(builder.toTable());
    const [br, gzBytes] = await Promise.all([
      brotli(ipc, { params: { [zc.BROTLI_PARAM_QUALITY]: 5, [zc.BROTLI_PARAM_SIZE_HINT]: ipc.byteLength } }),
      gz(ipc, { level: 6 }),
    ]);
    const base = join(this.dir, `${source.id}.v${version}`);
    const files = {
      identity: writeAtomic(`${base}.arrow`, ipc),
      br: writeAtomic(`${base}.arrow.br`, br),
      gzip: writeAtomic(`${base}.arrow.gz`, gzBytes),
    };
    const stored: StoredCube = {
      id: source.id,
      kind: source.kind,
      table: source.table,
      version,
      rowCount: builder.rowCount,
      hash: createHash('sha256').update(ipc).digest('hex').slice(0, 16),
      files,
    };
    writeAtomic(join(this.dir, `${source.id}.json`), Buffer.from(JSON.stringify(stored)));
    this.current.set(source.id, stored);
    this.prune(source.id, version);
    return stored;
  }

  /** Loads the metadata of files written earlier (a restart), if they match `version`. */
  adopt(id: string, version: number): StoredCube | undefined {
    const metaPath = join(this.dir, `${id}.json`);
    if (!existsSync(metaPath)) return undefined;
    try {
      const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as StoredCube;
      if (meta.version !== version) return undefined;
      for (const f of Object.values(meta.files)) if (statSync(f.path).size !== f.size) return undefined;
      this.current.set(id, meta);
      return meta;
    } catch {
      return undefined;
    }
  }

  private prune(id: string, keep: number) {
    for (const f of readdirSync(this.dir)) {
      const m = /^(.+)\.v(\d+)\.arrow/.exec(f);
      if (m && m[1] === id && Number(m[2]) !== keep) rmSync(join(this.dir, f), { force: true });
    }
  }
}

function writeAtomic(path: string, bytes: Uint8Array): { path: string; size: number } {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
  return { path, size: bytes.byteLength };
}

/** Picks the best encoding the client accepts among those stored. */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (n: string) => (accepted.get(n) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}
