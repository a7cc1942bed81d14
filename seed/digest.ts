/** A fingerprint of everything the generator writes: for determinism checks across runs, machines and time zones. */
import { createHash } from 'node:crypto';
import { generate, type SeedOptions } from './index.ts';

/** SHA-256 over every table's name and CSV chunks, in order. */
export function digest(opts: SeedOptions): { sha256: string; bytes: number } {
  const h = createHash('sha256');
  let bytes = 0;
  for (const t of generate(opts).tables) {
    h.update(`${t.table}\n${t.columns.join(',')}\n`);
    for (const c of t.chunks()) {
      h.update(c);
      bytes += c.length;
    }
  }
  return { sha256: h.digest('hex'), bytes };
}
