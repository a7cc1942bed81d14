import { describe, expect, it } from 'vitest';
import { CopyTextReader, unescape } from '../api/src/cubes/copy-text.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

function read(chunks: Uint8Array[], width: number, batchRows = 2) {
  const batches: Array<ReadonlyArray<ReadonlyArray<string | null>>> = [];
  const r = new CopyTextReader(width, (c) => batches.push(c.map((col) => [...col])), batchRows);
  for (const c of chunks) r.push(c);
  r.end();
  return { batches, rows: r.rows };
}

describe('COPY text format reader', () => {
  it('splits rows and fields, reads \\N as NULL and batches column by column', () => {
    const { batches, rows } = read([bytes('2026\t660100000\t-2000025\n2025\t\\N\t0\n2026\t660200000\t12345678\n')], 3);
    expect(rows).toBe(3);
    expect(batches).toEqual([
      [['2026', '2025'], ['660100000', null], ['-2000025', '0']],
      [['2026'], ['660200000'], ['12345678']],
    ]);
  });

  it('rows and characters may span chunks anywhere (a 3-byte 第 cut in two)', () => {
    const all = bytes('1\t第一师\n2\t第二师\n');
    const cut = [all.slice(0, 3), all.slice(3, 5), all.slice(5, 11), all.slice(11)];
    const { batches } = read(cut, 2, 10);
    expect(batches).toEqual([[['1', '2'], ['第一师', '第二师']]]);
  });

  it('undoes the escapes of names with tabs, newlines, backslashes and octal or hex bytes', () => {
    expect(unescape('a\\tb\\nc\\\\d')).toBe('a\tb\nc\\d');
    expect(unescape('\\101\\x42C')).toBe('ABC');
    expect(unescape('\\347\\254\\254')).toBe('第'); // UTF-8 bytes given in octal
    const { batches } = read([bytes('x\\ty\t\\\\N\n')], 2);
    expect(batches).toEqual([[['x\ty'], ['\\N']]]); // an escaped backslash before N is the text "\N", not NULL
  });

  it('names a row with the wrong number of fields', () => {
    expect(() => read([bytes('1\t2\n3\n')], 2)).toThrow('row 2 has 1 fields, expected 2');
  });
});
