import { Dictionary, Float64, Int16, Int32, Int64, Table, Utf8, makeData, makeVector, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';

export type ColumnStorage = 'int16' | 'int32' | 'int64' | 'float64' | 'code' | 'text';
export interface ColumnSpec {
  id: string;
  storage: ColumnStorage;
}

/**
 * Accumulates rows column by column into compact Arrow vectors: codes dictionary-encoded (Int32 indices), money as
 * Int64 fen (exact), small integers as Int16/Int32.
 */
export class ArrowTableBuilder {
  private readonly cols: ColumnBuffer[];
  private length = 0;

  constructor(private readonly specs: readonly ColumnSpec[]) {
    this.cols = specs.map((s) => new ColumnBuffer(s.storage));
  }

  /** Appends rows (objects keyed by column id; int64 values as bigint, integer string or safe integer). */
  append(rows: ReadonlyArray<Record<string, unknown>>): void {
    for (const row of rows) {
      for (let i = 0; i < this.specs.length; i++) this.cols[i].push(row[this.specs[i].id]);
      this.length++;
    }
  }

  /** Appends a column-major batch (`columns[j]` holds the values of `fields[j]`; every spec's column must be there). */
  appendColumns(fields: readonly string[], columns: readonly (readonly unknown[])[]): number {
    const n = columns[0]?.length ?? 0;
    this.specs.forEach((spec, i) => {
      const j = fields.indexOf(spec.id);
      if (j < 0) throw new Error(`arrow: the result has no column "${spec.id}"`);
      const values = columns[j];
      const col = this.cols[i];
      for (let r = 0; r < n; r++) col.push(values[r]);
    });
    this.length += n;
    return n;
  }

  get rowCount(): number {
    return this.length;
  }

  toTable(): Table {
    const vectors: Record<string, Vector> = {};
    // An empty table has no record batch, so its dictionaries would never be written and readers reject the stream:
    // plain Utf8 then.
    this.specs.forEach((s, i) => (vectors[s.id] = this.length === 0 && s.storage === 'code' ? vectorFromArray([], new Utf8()) : this.cols[i].finish()));
    return new Table(vectors);
  }
}

class ColumnBuffer {
  private nums: number[] = [];
  private bigs: bigint[] = [];
  private codes: number[] = [];
  private valid: boolean[] = [];
  private dict = new Map<string, number>();
  private texts: Array<string | null> = [];

  constructor(private readonly storage: ColumnStorage) {}

  push(v: unknown): void {
    const isNull = v === null || v === undefined;
    switch (this.storage) {
      case 'int16':
      case 'int32':
      case 'float64':
        this.nums.push(isNull ? 0 : Number(v));
        this.valid.push(!isNull);
        break;
      case 'int64':
        this.bigs.push(isNull ? 0n : BigInt(v as string | number | bigint));
        this.valid.push(!isNull);
        break;
      case 'code': {
        if (isNull) {
          this.codes.push(0);
          this.valid.push(false);
          break;
        }
        const s = String(v);
        let idx = this.dict.get(s);
        if (idx === undefined) this.dict.set(s, (idx = this.dict.size));
        this.codes.push(idx);
        this.valid.push(true);
        break;
      }
      case 'text':
        this.texts.push(isNull ? null : String(v));
        break;
    }
  }

  finish(): Vector {
    const length = this.valid.length || this.texts.length;
    const nullCount = this.valid.filter((x) => !x).length;
    const nullBitmap = nullCount ? bitmap(this.valid) : undefined;
    switch (this.storage) {
      case 'int16':
        return makeVector(makeData({ type: new Int16(), length, nullCount, nullBitmap, data: Int16Array.from(this.nums) }));
      case 'int32':
        return makeVector(makeData({ type: new Int32(), length, nullCount, nullBitmap, data: Int32Array.from(this.nums) }));
      case 'float64':
        return makeVector(makeData({ type: new Float64(), length, nullCount, nullBitmap, data: Float64Array.from(this.nums) }));
      case 'int64':
        return makeVector(makeData({ type: new Int64(), length, nullCount, nullBitmap, data: BigInt64Array.from(this.bigs) }));
      case 'code': {
        const dictionary = vectorFromArray([...this.dict.keys()], new Utf8());
        const type = new Dictionary(new Utf8(), new Int32());
        return makeVector(makeData({ type, length, nullCount, nullBitmap, data: Int32Array.from(this.codes), dictionary }));
      }
      case 'text':
        return vectorFromArray(this.texts, new Utf8());
    }
  }
}

function bitmap(valid: boolean[]): Uint8Array {
  const out = new Uint8Array(Math.ceil(valid.length / 8));
  valid.forEach((v, i) => {
    if (v) out[i >> 3] |= 1 << (i & 7);
  });
  return out;
}

/** Serializes a table as an Arrow IPC stream. */
export function toIpcStream(table: Table): Uint8Array {
  return tableToIPC(table, 'stream');
}
