import { describe, expect, it } from 'vitest';
import { validateDashboard } from '../dashboards/define.ts';
import { executionScreen } from '../dashboards/screens/execution.ts';
import { screenIds, screens, validateScreen } from '../dashboards/screens/index.ts';
import { colors } from '../web/src/charts/theme.ts';
import { barOption } from '../web/src/charts/bar-option.ts';
import { darkOption } from '../web/src/charts/dark-option.ts';
import { gaugeOption } from '../web/src/charts/gauge-option.ts';
import { figureAt, parseFigure } from '../web/src/screens/count-up.ts';
import { fitCanvas, fontPx } from '../web/src/screens/fit.ts';
import { backoffMs, nextScreen, rejectedScreenParams, validateScreenSearch } from '../web/src/screens/search.ts';
import { ownerKey } from '../web/src/screens/cache.ts';
import { DEFAULT_RENEWAL, observe, renewalPolicy } from '../web/src/screens/engine-renewal.ts';

const design = { width: 1920, height: 1080 };

describe('fitting the 1920×1080 canvas', () => {
  it('fit: same aspect scales exactly (1280×720 → ⅔, 3840×2160 → 2) and fills the screen', () => {
    expect(fitCanvas({ width: 1920, height: 1080 }, design, 'fit')).toEqual({ left: 0, top: 0, width: 1920, height: 1080, scale: 1 });
    expect(fitCanvas({ width: 3840, height: 2160 }, design, 'fit')).toEqual({ left: 0, top: 0, width: 3840, height: 2160, scale: 2 });
    const small = fitCanvas({ width: 1280, height: 720 }, design, 'fit');
    expect(small).toMatchObject({ left: 0, top: 0, width: 1280, height: 720 });
    expect(small.scale).toBeCloseTo(2 / 3, 12);
  });

  it('fit: ultrawide 5760×1080 is pillarboxed (1920 wide, centred at 1920); portrait 1080×1920 letterboxed', () => {
    expect(fitCanvas({ width: 5760, height: 1080 }, design, 'fit')).toEqual({ left: 1920, top: 0, width: 1920, height: 1080, scale: 1 });
    // 1080 / 1920 = 0.5625 → 1080 × 607.5 → 607 rows, centred: (1920 − 607) / 2 = 656.5 → 656.
    expect(fitCanvas({ width: 1080, height: 1920 }, design, 'fit')).toEqual({ left: 0, top: 656, width: 1080, height: 607, scale: 0.5625 });
  });

  it('fill uses every pixel with type scaled by the smaller axis; stretch follows the height, capped at 1.25× the width', () => {
    expect(fitCanvas({ width: 5760, height: 1080 }, design, 'fill')).toEqual({ left: 0, top: 0, width: 5760, height: 1080, scale: 1 });
    // Wide: min(sy 1, 1.25 × sx 3) = 1, as fill (type taller than the rows would overflow them).
    expect(fitCanvas({ width: 5760, height: 1080 }, design, 'stretch')).toEqual({ left: 0, top: 0, width: 5760, height: 1080, scale: 1 });
    expect(fitCanvas({ width: 1080, height: 1920 }, design, 'fill')).toEqual({ left: 0, top: 0, width: 1080, height: 1920, scale: 0.5625 });
    // Portrait: min(sy 1.778, 1.25 × sx 0.5625 = 0.703125).
    expect(fitCanvas({ width: 1080, height: 1920 }, design, 'stretch')).toEqual({ left: 0, top: 0, width: 1080, height: 1920, scale: 0.703125 });
    for (const [w, h] of [[5760, 1080], [2560, 1080], [1080, 1920], [3840, 2160]]) expect(fitCanvas({ width: w, height: h }, design, 'stretch').scale).toBeLessThanOrEqual(h / 1080);
  });

  it('the box never exceeds the viewport (no scrollbar) for any size and mode', () => {
    for (const mode of ['fit', 'fill', 'stretch'] as const) {
      for (const [w, h] of [[1, 1], [800, 600], [1366, 768], [1279.6, 719.4], [2560, 1440], [7680, 2160], [1080, 1920], [4321, 987]]) {
        const f = fitCanvas({ width: w, height: h }, design, mode);
        expect(f.left + f.width, `${mode} ${w}×${h}`).toBeLessThanOrEqual(Math.floor(w));
        expect(f.top + f.height, `${mode} ${w}×${h}`).toBeLessThanOrEqual(Math.floor(h));
        expect(f.scale).toBeGreaterThan(0);
      }
    }
  });

  it('the root font size follows the scale (16 px on the design)', () => {
    expect(fontPx(1)).toBe(16);
    expect(fontPx(2)).toBe(32);
    expect(fontPx(2 / 3)).toBe(10.67);
  });
});

describe('kiosk URL parameters', () => {
  it('keeps valid values and drops bad ones, naming them', () => {
    const token = `fcd_${'a'.repeat(43)}`;
    expect(validateScreenSearch({ token, rotate: '30', refresh: '60', mode: 'fill', lang: 'en' })).toEqual({ token, rotate: 30, refresh: 60, mode: 'fill', lang: 'en' });
    const bad = { token: 'x', rotate: '5', refresh: 'soon', mode: 'zoom', lang: 'fr' };
    expect(validateScreenSearch(bad)).toEqual({ token: undefined, rotate: undefined, refresh: undefined, mode: undefined, lang: undefined });
    expect(Object.keys(validateScreenSearch(bad)).sort()).toEqual(['lang', 'mode', 'refresh', 'rotate', 'token']);
    expect(rejectedScreenParams(bad)).toEqual(['token', 'rotate', 'refresh', 'mode', 'lang']);
    expect(validateScreenSearch({ rotate: '3601', refresh: '1' })).toEqual({});
    expect(validateScreenSearch({ rotate: '-10', refresh: '2.5' })).toEqual({});
    expect(validateScreenSearch({ refresh: '2' })).toEqual({ refresh: 2 });
  });

  it('the carousel wraps both ways; retries back off 2, 4, 8 … s up to max(30 s, refresh)', () => {
    expect(screenIds).toEqual(['overview', 'execution', 'risk']);
    expect(nextScreen('overview', 1)).toBe('execution');
    expect(nextScreen('risk', 1)).toBe('overview');
    expect(nextScreen('overview', -1)).toBe('risk');
    expect(nextScreen('nope', 1)).toBe('overview');
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => backoffMs(n, 10))).toEqual([2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(backoffMs(10, 300)).toBe(300_000);
  });

  it('the cache is namespaced per token, stably and without the token in it', () => {
    const a = ownerKey(`fcd_${'a'.repeat(43)}`);
    expect(a).toMatch(/^t[0-9a-f]{16}$/);
    expect(ownerKey(`fcd_${'a'.repeat(43)}`)).toBe(a);
    expect(ownerKey(`fcd_${'b'.repeat(43)}`)).not.toBe(a);
    expect(ownerKey(undefined)).toBe('session');
  });
});

describe('renewing the DuckDB-WASM instance of a screen left running', () => {
  const MiB = 2 ** 20;
  const p = DEFAULT_RENEWAL; // 10 % over the settled size, settled after 30 s, at most one renewal in 300 s

  it('takes the size once the instance has settled, then renews above +10 % and not at it', () => {
    const t0 = 1_000_000;
    let w = observe({ since: t0, settled: null, lastRenewal: null }, 40 * MiB, t0 + 29_999, p).watch;
    expect(w.settled).toBeNull(); // still settling: its first draws may grow it
    w = observe(w, 40 * MiB, t0 + 30_000, p).watch;
    expect(w.settled).toBe(40 * MiB);
    expect(observe(w, 44 * MiB, t0 + 60_000, p).renew).toBe(false); // exactly +10 %
    expect(observe(w, 44 * MiB + 1, t0 + 60_000, p).renew).toBe(true);
    // Emscripten grows the heap by a fifth: 40 → 48 MiB is the step seen over a long run.
    expect(observe(w, 48 * MiB, t0 + 60_000, p)).toEqual({ watch: w, renew: true });
  });

  it('never renews twice within the minimum interval', () => {
    const t = 5_000_000;
    const w = { since: t, settled: 40 * MiB, lastRenewal: t };
    expect(observe(w, 48 * MiB, t + 299_999, p).renew).toBe(false);
    expect(observe(w, 48 * MiB, t + 300_000, p).renew).toBe(true);
  });

  it('a display may override the policy in localStorage; bad fields keep the defaults', () => {
    expect(renewalPolicy(null)).toEqual({ growthPct: 10, settleS: 30, minIntervalS: 300 });
    expect(renewalPolicy('{"growthPct":25,"minIntervalS":3600}')).toEqual({ growthPct: 25, settleS: 30, minIntervalS: 3600 });
    expect(renewalPolicy('{"growthPct":-1,"settleS":0,"minIntervalS":0}')).toEqual({ growthPct: -1, settleS: 0, minIntervalS: 0 });
    expect(renewalPolicy('{"growthPct":"x","settleS":-5,"minIntervalS":1e9}')).toEqual(DEFAULT_RENEWAL);
    expect(renewalPolicy('not json')).toEqual(DEFAULT_RENEWAL);
    // A negative budget renews at every allowed check.
    expect(observe({ since: 0, settled: 40 * MiB, lastRenewal: null }, 40 * MiB, 1, renewalPolicy('{"growthPct":-1}')).renew).toBe(true);
  });
});

describe('screen declarations', () => {
  it('overview, execution and risk validate as dashboards and as screens', () => {
    for (const s of Object.values(screens)) {
      expect(validateDashboard(s), s.id).toEqual([]);
      expect(validateScreen(s), s.id).toEqual([]);
    }
    const o = screens.overview;
    expect(o.panels.map((p) => p.kind).sort()).toEqual(['bar', 'bar', 'gauge', 'gauge', 'kpi', 'table']);
    expect(o.cubes.map((c) => c.id)).toEqual(['execution', 'performance', 'warnings']);
  });

  it('a screen panel below the rows, a click, or another canvas is reported, every error at once', () => {
    const broken = { ...executionScreen, canvas: { width: 1280, height: 720 }, panels: [{ ...executionScreen.panels[0], layout: { x: 0, y: 12, w: 24, h: 1 }, onClick: 'drill_org' as const }, ...executionScreen.panels.slice(1)] };
    const paths = validateScreen(broken).map((e) => e.path);
    expect(paths).toEqual(['canvas', 'panels[0](kpis).layout', 'panels[0](kpis).onClick']);
  });
});

describe('animated counters', () => {
  it('parses a formatted figure: sign, separators, decimals, suffix', () => {
    expect(parseFigure('1,234.56')).toEqual({ prefix: '', value: 1234.56, decimals: 2, grouped: true, suffix: '' });
    expect(parseFigure('83.3%')).toEqual({ prefix: '', value: 83.3, decimals: 1, grouped: false, suffix: '%' });
    expect(parseFigure('-12.4')).toMatchObject({ value: -12.4, decimals: 1 });
    expect(parseFigure('—')).toBeNull();
  });

  it('interpolates in the final format and ends exactly on the final text', () => {
    expect(figureAt(null, '1,000.00', 0)).toBe('0.00');
    expect(figureAt(null, '1,000.00', 1)).toBe('1,000.00');
    // Ease-out cubic at t = 0.5: 1 − 0.5³ = 0.875.
    expect(figureAt('0.00', '1,000.00', 0.5)).toBe('875.00');
    expect(figureAt('80.0%', '90.0%', 0.5)).toBe('88.8%');
    expect(figureAt('10.0', '-10.0', 0.5)).toBe('-7.5');
    expect(figureAt('x', '12', 0.2)).toBe('12');
    expect(figureAt('1', '—', 0.2)).toBe('—');
  });
});

describe('dark charts', () => {
  it('gauge: 执行率 against 序时进度, sizes scale with the font size, dark recolouring keeps the data', () => {
    const at1 = gaugeOption(0.7, { name: '预算执行率', target: { name: '序时进度', value: 304 / 365 }, fontSize: 16 }) as { series: Array<Record<string, any>> };
    const at2 = gaugeOption(0.7, { name: '预算执行率', target: { name: '序时进度', value: 304 / 365 }, fontSize: 32 }) as { series: Array<Record<string, any>> };
    expect(at2.series[0].detail.fontSize).toBe(2 * at1.series[0].detail.fontSize);
    expect(at2.series[0].progress.width).toBe(2 * at1.series[0].progress.width);
    expect(at1.series[1].data).toEqual([{ value: 304 / 365, name: '序时进度' }]);
    const dark = darkOption(at1) as typeof at1;
    expect(dark.series[0].detail.color).toBe('#eef3ff');
    expect(dark.series[0].axisLine.lineStyle.color).toEqual([[1, '#2a3a57']]);
    expect(dark.series[1].pointer.itemStyle.color).toBe(colors.timeProgress);
    expect(dark.series[0].data).toEqual(at1.series[0].data);
    expect(dark.series[0].detail.formatter()).toBe('70.0%');
    expect(at1.series[0].detail.color).toBe(colors.text); // the input is not changed
  });

  it('bars of two metrics: the legend symbols take the same recoloured palette as the bars', () => {
    const cats = [{ key: 'a', label: '第一师', pick: { kind: 'child' as const, code: 'a' }, values: { goal: 0.9, monitor: 0.8 } }];
    const light = barOption(cats, { series: [{ id: 'goal', name: '目标', format: 'percent1' }, { id: 'monitor', name: '监控', format: 'percent1' }], unit: 'wan', lang: 'zh' });
    const dark = darkOption(light) as { color: string[]; series: Array<{ data: Array<{ itemStyle: { color: string } }> }> };
    expect(dark.series.map((s) => s.data[0].itemStyle.color)).toEqual(dark.color.slice(0, 2));
    expect(dark.color[0]).toBe('#4d8dff');
  });
});
