import { describe, expect, it } from 'vitest';
import { monthlyProgressOption } from '../web/src/charts/monthly-progress-option.ts';
import { regionExecutionOption, sortRegionBars } from '../web/src/charts/region-execution-option.ts';
import { colors } from '../web/src/charts/theme.ts';
import type { MonthPoint, RegionBar } from '../web/src/data/execution-rows.ts';

const bar = (key: string, label: string, rate: number | null, gap: number | null, kind: RegionBar['kind'] = 'child'): RegionBar => ({
  key,
  label,
  kind,
  drillTo: kind === 'child' ? key : null,
  budgetFen: 100_000_000n,
  paidFen: rate === null ? 0n : BigInt(Math.round(rate * 100_000_000)),
  executionRate: rate,
  progressGap: gap,
});

const rows: RegionBar[] = [
  bar('660200000', '第二师', 0.249, -8.0),
  bar('own:660000000', '兵团本级', 0.25, -7.9, 'own'),
  bar('660100000', '第一师', 0.325, -0.4),
  bar('660300000', '第三师', null, null),
  bar('660400000', '第四师', 0.1, -22.9),
  bar('660500000', '第五师', 0.01, -31.9),
];

// A minimal view of the option for assertions (EChartsOption's unions are too wide to index directly).
type Loose = Record<string, any>;

describe('regionExecutionOption', () => {
  const opt = regionExecutionOption(rows, { timeProgress: 0.3288, unit: 'wan', fontSize: 16 }) as Loose;
  const series = opt.series[0];

  it('sorts bars by execution rate, highest first, bars without a rate last, with the 本级 row among them', () => {
    expect(opt.yAxis.data).toEqual(['第一师', '兵团本级', '第二师', '第四师', '第五师', '第三师']);
    expect(opt.yAxis.inverse).toBe(true);
    expect(series.data.map((d: Loose) => d.value)).toEqual([0.325, 0.25, 0.249, 0.1, 0.01, null]);
  });

  it('colours bars by lag: R01 bands at −15 and −30 points, 本级 in its own tone', () => {
    expect(series.data.map((d: Loose) => d.itemStyle.color)).toEqual([colors.bar, colors.own, colors.bar, colors.warn, colors.alert, colors.bar]);
  });

  it('marks 序时进度 with a dashed line labelled with the formatted percentage', () => {
    expect(series.markLine.data).toEqual([{ xAxis: 0.3288 }]);
    expect(series.markLine.label.formatter).toBe('序时进度 32.9%');
    expect(regionExecutionOption(rows, { timeProgress: null, unit: 'wan' }).series).toMatchObject([{ markLine: undefined }]);
  });

  it('labels bars and axis ticks with the shared percent formatter', () => {
    expect(series.label.formatter({ value: 0.325 })).toBe('32.5%');
    expect(series.label.formatter({ value: null })).toBe('—');
    expect(opt.xAxis.axisLabel.formatter(0.4)).toBe('40%');
    expect(opt.xAxis.max({ max: 0.6 })).toBe(1);
    expect(opt.xAxis.max({ max: 1.2 })).toBe(1.2);
  });

  it('shows figures in the tooltip in the chosen unit, and the drill hint only for regions', () => {
    const tip = opt.tooltip.formatter([{ dataIndex: 0 }]);
    expect(tip).toContain('<strong>第一师</strong>');
    expect(tip).toContain('预算执行率：32.5%');
    expect(tip).toContain('进度偏差：-0.4个百分点');
    expect(tip).toContain('预算数：100.00 万元');
    expect(tip).toContain('支出数：32.50 万元');
    expect(tip).toContain('点击查看下级');
    expect(opt.tooltip.formatter([{ dataIndex: 1 }])).not.toContain('点击查看下级');
    const yi = regionExecutionOption(rows, { timeProgress: null, unit: 'yi' }) as Loose;
    expect(yi.tooltip.formatter([{ dataIndex: 0 }])).toContain('预算数：0.01 亿元');
  });

  it('escapes names in the HTML tooltip', () => {
    const o = regionExecutionOption([bar('x', '<b>甲</b>', 0.5, 0)], { timeProgress: null, unit: 'wan' }) as Loose;
    expect(o.tooltip.formatter([{ dataIndex: 0 }])).toContain('&lt;b&gt;甲&lt;/b&gt;');
  });

  it('adds a scroll bar only past maxVisible bars', () => {
    expect(opt.dataZoom).toBeUndefined();
    const many = Array.from({ length: 30 }, (_, i) => bar(`r${i}`, `单位${i}`, i / 30, 0, 'unit'));
    const o = regionExecutionOption(many, { timeProgress: 0.5, unit: 'wan', maxVisible: 16 }) as Loose;
    expect(o.dataZoom[0]).toMatchObject({ type: 'slider', yAxisIndex: 0, startValue: 0, endValue: 15 });
    expect(o.yAxis.data[0]).toBe('单位29');
  });

  it('scales text with the font size', () => {
    const big = regionExecutionOption(rows, { timeProgress: 0.3, unit: 'wan', fontSize: 32 }) as Loose;
    expect(big.textStyle.fontSize).toBe(32);
    expect(big.yAxis.axisLabel.fontSize).toBeCloseTo(28.8, 6);
  });
});

describe('sortRegionBars', () => {
  it('breaks ties by label (pinyin order) and does not mutate its input', () => {
    const input = [bar('b', '乙', 0.5, 0), bar('a', '甲', 0.5, 0), bar('c', '丙', 0.7, 0)];
    const copy = [...input];
    expect(sortRegionBars(input).map((b) => b.key)).toEqual(['c', 'a', 'b']);
    expect(input).toEqual(copy);
  });
});

describe('monthlyProgressOption', () => {
  const current: MonthPoint[] = [
    { month: 202601, executionRate: 0.073, timeProgress: 31 / 365 },
    { month: 202602, executionRate: 0.187, timeProgress: 59 / 365 },
    { month: 202604, executionRate: 0.297, timeProgress: 120 / 365 },
  ];
  const previous: MonthPoint[] = Array.from({ length: 12 }, (_, i) => ({ month: 202501 + i, executionRate: (i + 1) / 13, timeProgress: (i + 1) / 12 }));
  const opt = monthlyProgressOption(current, { year: 2026, previous, fontSize: 16 }) as Loose;

  it('puts January–December on the axis and each series on its month, null where the slice has no row', () => {
    expect(opt.xAxis.data).toEqual(['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月']);
    expect(opt.series.map((s: Loose) => s.name)).toEqual(['2026年累计执行率', '序时进度', '2025年累计执行率']);
    expect(opt.series[0].data).toEqual([0.073, 0.187, null, 0.297, null, null, null, null, null, null, null, null]);
    expect(opt.series[1].data.slice(0, 4)).toEqual([31 / 365, 59 / 365, null, 120 / 365]);
    expect(opt.series[2].data[11]).toBeCloseTo(12 / 13, 12);
  });

  it('omits the previous year when there is none', () => {
    const o = monthlyProgressOption(current, { year: 2026 }) as Loose;
    expect(o.series).toHaveLength(2);
  });

  it('formats point labels, axis and tooltip as percentages', () => {
    expect(opt.series[0].label.formatter({ value: 0.187 })).toBe('18.7%');
    expect(opt.yAxis.axisLabel.formatter(0.2)).toBe('20%');
    const tip = opt.tooltip.formatter([
      { axisValueLabel: '4月', seriesName: '2026年累计执行率', value: 0.297, marker: '' },
      { axisValueLabel: '4月', seriesName: '序时进度', value: 120 / 365, marker: '' },
    ]);
    expect(tip).toBe('<strong>4月</strong><br/>2026年累计执行率：29.7%<br/>序时进度：32.9%');
  });
});
