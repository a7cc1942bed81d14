/**
 * Reads PostgreSQL's COPY text format — one row a line, fields separated by tabs, `\N` for NULL, backslash escapes —
 * into column-major batches of strings (numbers stay text: the Arrow builder converts them, int8 exactly).
 * https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.2
 */
export class CopyTextReader {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private rest = '';
  private batch: Array<Array<string | null>>;
  private filled = 0;
  rows = 0;

  constructor(
    private readonly width: number,
    private readonly onBatch: (columns: ReadonlyArray<ReadonlyArray<string | null>>) => void,
    private readonly batchRows = 50_000,
  ) {
    this.batch = this.emptyBatch();
  }

  /** Takes the next bytes of the output (a chunk may end anywhere, even inside a character). */
  push(chunk: Uint8Array): void {
    const lines = (this.rest + this.decoder.decode(chunk, { stream: true })).split('\n');
    this.rest = lines.pop()!;
    for (const line of lines) this.line(line);
  }

  /** The output ended: the last row, and the last batch. */
  end(): void {
    const tail = this.rest + this.decoder.decode();
    this.rest = '';
    if (tail !== '') this.line(tail);
    if (this.filled > 0) this.flush();
  }

  private line(line: string): void {
    const fields = line.split('\t');
    if (fields.length !== this.width) throw new Error(`COPY output: row ${this.rows + 1} has ${fields.length} fields, expected ${this.width}`);
    for (let j = 0; j < this.width; j++) {
      const f = fields[j];
      this.batch[j][this.filled] = f === '\\N' ? null : f.includes('\\') ? unescape(f) : f;
    }
    this.filled++;
    this.rows++;
    if (this.filled === this.batchRows) this.flush();
  }

  private flush(): void {
    const columns = this.filled === this.batchRows ? this.batch : this.batch.map((c) => c.slice(0, this.filled));
    this.onBatch(columns);
    this.batch = this.emptyBatch();
    this.filled = 0;
  }

  private emptyBatch(): Array<Array<string | null>> {
    return Array.from({ length: this.width }, () => new Array<string | null>(this.batchRows));
  }
}

const SIMPLE: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** Undoes the text format's escapes: `\\`, `\b \f \n \r \t \v`, `\` + 1–3 octal digits, `\x` + 1–2 hex digits (bytes). */
export function unescape(field: string): string {
  const bytes: number[] = [];
  const out: string[] = [];
  const flushBytes = () => {
    if (bytes.length) out.push(new TextDecoder().decode(Uint8Array.from(bytes.splice(0))));
  };
  for (let i = 0; i < field.length; i++) {
    const c = field[i];
    if (c !== '\\' || i === field.length - 1) {
      flushBytes();
      out.push(c);
      continue;
    }
    const n = field[++i];
    const oct = /^[0-7]{1,3}/.exec(field.slice(i, i + 3));
    const hex = n === 'x' ? /^[0-9a-fA-F]{1,2}/.exec(field.slice(i + 1, i + 3)) : null;
    if (oct) {
      bytes.push(parseInt(oct[0], 8) & 0xff);
      i += oct[0].length - 1;
    } else if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += hex[0].length;
    } else {
      flushBytes();
      out.push(SIMPLE[n] ?? n); // any other escaped character stands for itself
    }
  }
  flushBytes();
  return out.join('');
}
