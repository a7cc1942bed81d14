// Same scale, seed and asOf → byte-identical output, whatever the process time zone; another seed → other data.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { digest } from '../seed/digest.ts';
import { generate, type SeedOptions } from '../seed/index.ts';

const OPTS: SeedOptions = { scale: 'small', seed: 7, asOf: '2026-10-31' };
const digestModule = fileURLToPath(new URL('../seed/digest.ts', import.meta.url));

/** The digest computed by a fresh `node --import tsx` process under `TZ`. */
function digestUnder(tz: string): string {
  const code = `const { digest } = await import(${JSON.stringify(digestModule)}); process.stdout.write(digest(${JSON.stringify(OPTS)}).sha256);`;
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
    cwd: fileURLToPath(new URL('..', import.meta.url)),
  });
}

describe('seed determinism', () => {
  it('writes identical bytes and manifest for the same options, different ones for another seed', () => {
    const a = digest(OPTS);
    const b = digest(OPTS);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.sha256).toBe(a.sha256);
    expect(a.bytes).toBeGreaterThan(5_000_000);
    expect(digest({ ...OPTS, seed: 8 }).sha256).not.toBe(a.sha256);
    const m1 = generate(OPTS).manifest();
    const m2 = generate(OPTS).manifest();
    expect(m2).toEqual(m1);
  });

  it('writes the same bytes under TZ=UTC and TZ=Asia/Shanghai', () => {
    const here = digest(OPTS).sha256;
    expect(digestUnder('UTC')).toBe(here);
    expect(digestUnder('Asia/Shanghai')).toBe(here);
  }, 60_000);

  it('iterates a table twice with the same bytes and counts what it wrote', () => {
    const g = generate(OPTS);
    const t = g.tables.find((x) => x.table === 'bgt_indicator')!;
    const once = [...t.chunks()].join('');
    const twice = [...t.chunks()].join('');
    expect(twice).toBe(once);
    expect(g.manifest().counts.bgt_indicator).toBe(once.split('\n').length - 1);
  });

  it('ships the code lists alone at scale none', () => {
    const g = generate({ scale: 'none', seed: 1, asOf: '2026-10-31' });
    expect(g.tables.map((t) => t.table)).toEqual(['exp_func', 'dep_bgt_eco', 'fund_type']);
    const m = g.manifest();
    expect(m.violations).toEqual([]);
    expect(m.counts.exp_func).toBeGreaterThan(300);
    const ecoCsv = [...g.tables[1].chunks()].join('');
    for (const code of ['30212', '30217', '30231', '30913', '31013']) expect(ecoCsv).toContain(`2026,${code},`);
    expect(ecoCsv).toContain('2025,30217,公务接待费,302\n');
  });
});
