import { describe, expect, it } from 'vitest';
import { buildPivot, visibleRows, headerGrid, ROW_LEVEL, COL_LEVEL, parseView } from '../queries/index.ts';
import { chartOption, chartValue } from '../web/src/workbench/chart-options.ts';
import { cellTone, formatCell } from '../web/src/workbench/cell-format.ts';
import { drillTarget } from '../web/src/workbench/drill.ts';
import { checkReadOnlySql, errorPosition, lineCol } from '../web/src/workbench/sql-guard.ts';
import { decodeView, encodeView } from '../web/src/workbench/url.ts';

// A hand-made long result: 2 divisions (one with two units) × 2 months, paid in fen, with subtotals and totals.
const view = parseView({ cube: 'execution', rows: ['lvl2_code', 'agency_code'], columns: ['month'], metrics: ['paid'] });
const r = (l2: string | null, ag: string | null, month: number | null, rl: number, cl: number, paid: bigint) => ({ lvl2_code: l2, agency_code: ag, month, [ROW_LEVEL]: rl, [COL_LEVEL]: cl, paid });
const data = [
  r('660100000', '204001', 202601, 2, 1, 100n), r('660100000', '204001', 202602, 2, 1, 50n), r('660100000', '204001', null, 2, 0, 150n),
  r('660100000', '205001', 202601, 2, 1, 10n), r('660100000', '205001', null, 2, 0, 10n),
  r('660100000', null, 202601, 1, 1, 110n), r('660100000', null, 202602, 1, 1, 50n), r('660100000', null, null, 1, 0, 160n),
  r('660200000', '204001', 202602, 2, 1, 7n), r('660200000', '204001', null, 2, 0, 7n),
  r('660200000', null, 202602, 1, 1, 7n), r('660200000', null, null, 1, 0, 7n),
  r(null, null, 202601, 0, 1, 110n), r(null, null, 202602, 0, 1, 57n), r(null, null, null, 0, 0, 167n),
];

describe('pivot model', () => {
  const p = buildPivot(view, data);
  it('rows: subtotal above its children, grand total last; columns: months then the total', () => {
    expect(p.rows.map((x) => [x.level, ...x.path])).toEqual([[1, '660100000'], [2, '660100000', '204001'], [2, '660100000', '205001'], [1, '660200000'], [2, '660200000', '204001'], [0]]);
    expect(p.rows.map((x) => x.children)).toEqual([2, 0, 0, 1, 0, 2]);
    expect(p.columns.map((c) => c.path)).toEqual([[202601], [202602], []]);
    expect(p.rows[0].cells.get('[202602]')).toEqual({ paid: 50n });
  });
  it('sorting by a metric orders siblings by their totals', () => {
    const s = buildPivot({ ...view, sort: { key: 'paid', desc: false } }, data);
    expect(s.rows.map((x) => x.path.at(-1))).toEqual(['660200000', '204001', '660100000', '205001', '204001', undefined]);
  });
  it('collapsing a division hides its units', () => {
    expect(visibleRows(p, new Set([p.rows[0].key])).map((x) => x.key)).toEqual([p.rows[0].key, p.rows[3].key, p.rows[4].key, p.rows[5].key]);
  });
  it('the header grid merges column groups', () => {
    const two = buildPivot({ rows: [], columns: ['lvl2_code', 'month'], metrics: ['paid'] }, [
      { lvl2_code: 'a', month: 1, row_level: 0, col_level: 2, paid: 1 }, { lvl2_code: 'a', month: 2, row_level: 0, col_level: 2, paid: 1 },
      { lvl2_code: 'a', month: null, row_level: 0, col_level: 1, paid: 2 }, { lvl2_code: null, month: null, row_level: 0, col_level: 0, paid: 2 },
    ]);
    const g = headerGrid(two, 2, [{ id: 'paid', label: '支出数' }], (_l, v) => String(v), (l) => (l === 0 ? '总计' : '小计'));
    expect(g[0]).toEqual([{ text: 'a', span: 3, start: 0 }, { text: '总计', span: 1, start: 3 }]);
    expect(g[1]).toEqual([{ text: '1', span: 1, start: 0 }, { text: '2', span: 1, start: 1 }, { text: '小计', span: 1, start: 2 }, { text: '', span: 1, start: 3 }]);
    expect(g[2].map((c) => c.text)).toEqual(['支出数', '支出数', '支出数', '支出数']);
  });
});

describe('chart option builders', () => {
  const p = buildPivot(view, data);
  const inp = { view, pivot: p, metricLabel: () => '支出数', metricFormat: () => 'fen' as const, rowLabel: (x: { path: unknown[] }) => String(x.path.at(-1) ?? '合计'), colLabel: (x: readonly unknown[]) => String(x[0]), unit: 'yuan' as const };
  it('bar / stacked bar / line: leaf rows as categories, one series per month, values in the unit', () => {
    const o = chartOption('stacked_bar', inp) as { xAxis: { data: string[] }; series: Array<{ name: string; data: unknown[]; stack?: string; type: string }> };
    expect(o.xAxis.data).toEqual(['204001', '205001', '204001']);
    expect(o.series.map((s) => [s.name, s.type, s.stack, s.data])).toEqual([['202601', 'bar', 'total', [1, 0.1, null]], ['202602', 'bar', 'total', [0.5, null, 0.07]]]);
    expect((chartOption('line', inp) as { series: Array<{ type: string }> }).series[0].type).toBe('line');
  });
  it('pie: row totals, largest first', () => {
    const o = chartOption('pie', inp) as { series: Array<{ data: unknown[] }> };
    expect(o.series[0].data).toEqual([{ name: '204001', value: 1.5 }, { name: '205001', value: 0.1 }, { name: '204001', value: 0.07 }]);
  });
  it('heat map: rows × months', () => {
    const o = chartOption('heatmap', inp) as { series: Array<{ data: unknown[] }>; visualMap: { min: number; max: number } };
    expect(o.series[0].data).toEqual([[0, 0, 1], [1, 0, 0.5], [0, 1, 0.1], [1, 1, null], [0, 2, null], [1, 2, 0.07]]);
    expect(o.visualMap).toMatchObject({ min: 0.07, max: 1 });
  });
  it('treemap: the row hierarchy sized by totals', () => {
    const o = chartOption('treemap', inp) as { series: Array<{ data: unknown[] }> };
    expect(o.series[0].data).toEqual([
      { name: '660100000', value: 1.6, children: [{ name: '204001', value: 1.5 }, { name: '205001', value: 0.1 }] },
      { name: '660200000', value: 0.07, children: [{ name: '204001', value: 0.07 }] },
    ]);
  });
  it('values: percentages from ratios', () => {
    expect(chartValue('percent1', 0.41256, 'yuan')).toBe(41.26);
    expect(chartValue('fen', 123456n, 'wan')).toBe(0.1235);
  });
});

describe('cells, URLs, drill-through and the SQL guard', () => {
  it('formats money half-up in the unit and marks lagging cells red', () => {
    expect(formatCell('fen', 123456789n, 'wan')).toBe('123.46');
    expect(formatCell('percent1', 0.8333, 'wan')).toBe('83.3%');
    expect(cellTone('progress_gap', 'pp1', -15.2)).toBe('lag-strong');
    expect(cellTone('progress_gap', 'pp1', -3)).toBe('lag');
    expect(cellTone('progress_gap', 'pp1', 2)).toBe('');
  });
  it('a view survives the URL; a broken link falls back to the default naming the field', () => {
    const v = parseView({ ...view, conditions: [{ metric: 'paid', op: '>', value: 1 }], chart: 'bar' });
    expect(decodeView(encodeView(v)).view).toEqual(v);
    expect(decodeView('{"cube":"execution","metrics":["nope"]}').error).toContain('metrics[0]');
  });
  it('a cell maps to /api/details parameters', () => {
    const v = parseView({ cube: 'execution', rows: ['lvl2_code', 'lvl3_code', 'mof_div_code', 'agency_code'], columns: ['month'], metrics: ['paid', 'budget'], filters: [{ dimension: 'fund_type_code', op: 'prefix', value: '1' }] });
    expect(drillTarget(v, ['660100000', '660101000', '660101000', '205001'], [202603], 'paid', '2026-10-31')).toEqual({ ok: true, kind: 'payments', params: { asOf: '2026-10-31', own: '660101000', agency: '660101000:205001', month: '202603', fund: '1' } });
    expect(drillTarget(v, ['660100000', null], [], 'budget', '2026-10-31')).toEqual({ ok: true, kind: 'indicators', params: { asOf: '2026-10-31', own: '660100000', fund: '1' } });
    expect(drillTarget(v, ['660100000'], [], 'paid', '2026-10-31')).toMatchObject({ ok: true, params: { org: '660100000' } });
    const one = parseView({ ...v, filters: [{ dimension: 'fund_type_code', op: 'in', values: ['111'] }] });
    expect(drillTarget(one, ['660100000'], [], 'paid', '2026-10-31')).toEqual({ ok: true, kind: 'payments', params: { asOf: '2026-10-31', org: '660100000', fund: '111' } });
    const two = parseView({ ...v, filters: [{ dimension: 'fund_type_code', op: 'in', values: ['111', '112'] }] });
    expect(drillTarget(two, ['660100000'], [], 'paid', '2026-10-31').ok).toBe(false);
    expect(drillTarget(parseView({ cube: 'execution', rows: ['agency_code'], metrics: ['paid'] }), ['204001'], [], 'paid', '2026-10-31').ok).toBe(false);
    expect(drillTarget(parseView({ cube: 'approval', rows: ['pay_type'], metrics: ['approved_count'] }), ['direct'], [], 'approved_count', '2026-10-31').ok).toBe(false);
  });
  it('the SQL tab accepts one read-only statement and says where a refusal is', () => {
    expect(checkReadOnlySql('SELECT 1; ')).toEqual({ ok: true, sql: 'SELECT 1' });
    expect(checkReadOnlySql("WITH a AS (SELECT 'drop; table' AS x) SELECT * FROM a -- delete")).toMatchObject({ ok: true });
    expect(checkReadOnlySql('SELECT 1; DROP TABLE cube_execution')).toEqual({ ok: false, message: '只能执行一条语句', position: 8 });
    expect(checkReadOnlySql('  DELETE FROM cube_execution')).toMatchObject({ ok: false, position: 2 });
    expect(checkReadOnlySql("SELECT * FROM read_csv('x.csv')")).toMatchObject({ ok: false, position: 14 });
    expect(checkReadOnlySql('SELECT * FROM t WHERE x IN (SELECT 1) AND attach = 1')).toMatchObject({ ok: false });
    expect(lineCol('SELECT\n  foo', 9)).toEqual({ line: 2, col: 3 });
    const msg = 'Parser Error: syntax error at or near "FORM"\n\nLINE 1: SELECT * FORM x\n                 ^';
    expect(errorPosition('SELECT * FORM x', msg)).toBe(9);
  });
});
