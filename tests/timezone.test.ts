import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const probe = fileURLToPath(new URL('./support/tz-probe.ts', import.meta.url));
const run = (tz: string) =>
  JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', probe], { env: { ...process.env, TZ: tz }, encoding: 'utf8', maxBuffer: 64 << 20 }));

describe('results do not depend on the process time zone', () => {
  it('TZ=UTC and TZ=Asia/Shanghai give identical cubes and figures', () => {
    const utc = run('UTC');
    const cst = run('Asia/Shanghai');
    expect(utc).toEqual(cst);
    expect(utc.timeProgress).toBeCloseTo(304 / 365, 12);
    expect(utc.defaultAsOf).toBe('2026-10-31');
    // P9 was paid on 1 April (China time) — 31 March in UTC — and must count in April, not March.
    const unit = (key: string) => utc[key].filter((r: { mof_div_code: string }) => r.mof_div_code === '660200000').map((r: { month: number; paid: string }) => [r.month, r.paid]);
    expect(unit('cube 2026-03-31')).toEqual([[202601, '12345678']]);
    expect(unit('cube 2026-04-30')).toEqual([[202601, '12345678'], [202604, '12445678']]);
    expect(utc['cube 2026-04-30']).toEqual(utc['raw 2026-04-30']);
  }, 120_000);
});
