import type { EChartsOption } from 'echarts';
import type { ECharts } from 'echarts/core';
import { useContext, useEffect, useRef, useState, type MutableRefObject } from 'react';
import { ChartTransformContext } from './chart-transform.ts';

let lib: Promise<typeof import('./echarts-lib.ts')> | undefined;
const loadLib = () =>
  (lib ??= import('./echarts-lib.ts').catch((e: unknown) => {
    lib = undefined;
    throw e;
  }));

/** Starts fetching and compiling the charts library now (a page that will draw charts, before its data is in). */
export function preloadCharts(): void {
  void loadLib().catch(() => undefined);
}

export interface CategoryClick {
  /** Index of the category under the pointer, in the axis data's order. */
  index: number;
}

export interface ItemClick {
  dataIndex: number;
  seriesIndex: number;
}

export interface EChartProps {
  option: EChartsOption;
  /** Accessible name of the chart (the canvas itself says nothing to a screen reader). */
  ariaLabel: string;
  /**
   * Called when the user clicks anywhere in the band of a category of the chart's first category axis (not only on
   * the bar itself: a big target on a large screen).
   */
  onCategoryClick?: (c: CategoryClick) => void;
  /** Whether a category is clickable (sets the pointer cursor). */
  isCategoryClickable?: (index: number) => boolean;
  /** A click on a data item (a pie slice, a heat map cell). */
  onItemClick?: (c: ItemClick) => void;
  /** A right click on a category band or an item: the drill-through (穿透) context action. */
  onContext?: (c: { index: number; seriesIndex?: number }) => void;
  /** Receives the ECharts instance (for PNG export), null when disposed. */
  instanceRef?: MutableRefObject<ECharts | null>;
  /** The chart box's size in px, on mount and whenever it changes (option builders fit bars and labels to it). */
  onSize?: (size: { width: number; height: number }) => void;
  className?: string;
  testId?: string;
}

/** The component types an update replaces rather than merges: every one our option builders use but the tooltip. */
const replacedComponents = ['series', 'xAxis', 'yAxis', 'grid', 'legend', 'dataZoom', 'visualMap', 'title', 'graphic', 'radar', 'polar', 'angleAxis', 'radiusAxis'];

/** The series types of an option, as one string (a change means another kind of chart). */
function seriesKinds(o: EChartsOption): string {
  const series = Array.isArray(o.series) ? o.series : o.series ? [o.series] : [];
  return series.map((x) => String((x as { type?: string }).type)).join(',');
}

/**
 * The option with its tooltip's box placed in the chart's own element, named as ECharts' `appendTo`: where it would
 * go anyway, but named, ECharts no longer reads the element's computed style on every update to find out whether it
 * is positioned (a style recalculation of the page per chart per click, while the panels' DOM is being changed). The
 * price is paid on hover instead: a named host has each tooltip move read a few element boxes to place it — while the
 * page is still, where a read costs little.
 */
function withTooltipHost(o: EChartsOption): EChartsOption {
  const tip = o.tooltip;
  if (!tip || Array.isArray(tip)) return o;
  return { ...o, tooltip: { ...tip, appendTo: ownElement } };
}

const ownElement = (chartElement: HTMLElement) => chartElement;

/** An ECharts instance bound to a div: created once, option replaced on change, resized with its box, disposed on unmount. */
export function EChart({ option, ariaLabel, onCategoryClick, isCategoryClickable, onItemClick, onContext, instanceRef, onSize, className, testId }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const transform = useContext(ChartTransformContext);
  const kindsRef = useRef<string | null>(null);
  const handlers = useRef({ onCategoryClick, isCategoryClickable, onItemClick, onContext, onSize });
  handlers.current = { onCategoryClick, isCategoryClickable, onItemClick, onContext, onSize };

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    loadLib()
      .then(({ echarts }) => {
        if (disposed || !el.current) return;
        // The tooltip's box is positioned in the chart's own box (see `withTooltipHost`).
        if (getComputedStyle(el.current).position === 'static') el.current.style.position = 'relative';
        const c = echarts.init(el.current, null, { renderer: 'canvas' });
        chart.current = c;
        if (instanceRef) instanceRef.current = c;
        const zr = c.getZr();
        const categoryAt = (x: number, y: number): number | null => {
          const opt = c.getOption() as { xAxis?: Array<{ type?: string }>; yAxis?: Array<{ type?: string }> };
          const onY = opt.yAxis?.[0]?.type === 'category';
          const onX = opt.xAxis?.[0]?.type === 'category';
          if ((!onX && !onY) || !c.containPixel({ gridIndex: 0 }, [x, y])) return null;
          // A grid finder converts [x, y] to [xValue, yValue]; on a category axis the value is the category's index.
          const v = c.convertFromPixel({ gridIndex: 0 }, [x, y]) as number[] | null;
          const i = v ? Math.round(v[onY ? 1 : 0]) : null;
          return i !== null && Number.isInteger(i) && i >= 0 ? i : null;
        };
        let itemHit = false;
        c.on('click', (p: { dataIndex?: number; seriesIndex?: number; componentType?: string }) => {
          const { onItemClick } = handlers.current;
          if (p.componentType === 'series' && p.dataIndex !== undefined && onItemClick) {
            itemHit = true;
            onItemClick({ dataIndex: p.dataIndex, seriesIndex: p.seriesIndex ?? 0 });
          }
        });
        c.on('contextmenu', (p: { dataIndex?: number; seriesIndex?: number; componentType?: string; event?: { event?: Event } }) => {
          const { onContext } = handlers.current;
          if (p.componentType !== 'series' || p.dataIndex === undefined || !onContext) return;
          p.event?.event?.preventDefault();
          itemHit = true;
          onContext({ index: p.dataIndex, seriesIndex: p.seriesIndex });
        });
        zr.on('click', (e: { offsetX: number; offsetY: number }) => {
          // ECharts fires the item's click before zrender's; an item click is not also a band click.
          if (itemHit) {
            itemHit = false;
            return;
          }
          const { onCategoryClick } = handlers.current;
          if (!onCategoryClick) return;
          const i = categoryAt(e.offsetX, e.offsetY);
          if (i !== null) onCategoryClick({ index: i });
        });
        zr.on('contextmenu', (e: { offsetX: number; offsetY: number; event?: Event }) => {
          if (itemHit) {
            itemHit = false;
            return;
          }
          const { onContext } = handlers.current;
          if (!onContext) return;
          const i = categoryAt(e.offsetX, e.offsetY);
          if (i === null) return;
          e.event?.preventDefault();
          onContext({ index: i });
        });
        zr.on('mousemove', (e: { offsetX: number; offsetY: number }) => {
          const { isCategoryClickable } = handlers.current;
          if (!isCategoryClickable) return;
          const i = categoryAt(e.offsetX, e.offsetY);
          zr.setCursorStyle(i !== null && isCategoryClickable(i) ? 'pointer' : 'default');
        });
        const report = () => {
          const box = el.current?.getBoundingClientRect();
          if (box) handlers.current.onSize?.({ width: Math.round(box.width), height: Math.round(box.height) });
        };
        observer = new ResizeObserver(() => {
          // Counted by the interaction benchmark: a chart resized by a click redraws twice (bench/interactions.ts).
          performance.mark('fc:chart-resize');
          c.resize();
          report();
        });
        observer.observe(el.current);
        report();
        setReady(true);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
      if (instanceRef) instanceRef.current = null;
    };
    // The instance lives as long as the element; `instanceRef` is a ref object and never changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    // Every component the options draw is replaced (one the new option leaves out is removed), except the tooltip,
    // which is merged: replacing it (as `notMerge` does) rebuilds its DOM box and reads the chart's offset, a forced
    // layout of the whole page per chart per update.
    // A chart that changes kind (the workbench's bar → treemap) is rebuilt whole: its tooltip's trigger and position
    // must not carry over.
    if (!ready || !chart.current) return;
    const kinds = seriesKinds(option);
    const rebuild = kinds !== kindsRef.current;
    kindsRef.current = kinds;
    const start = performance.now();
    chart.current.setOption(withTooltipHost(transform ? transform(option) : option), rebuild ? { notMerge: true, lazyUpdate: false } : { replaceMerge: replacedComponents, lazyUpdate: false });
    // Read by the interaction benchmark (bench/interactions.ts): each chart's update, drawing included.
    performance.measure('fc:chart', { start, end: performance.now(), detail: testId ?? ariaLabel });
  }, [option, ready, transform]);

  if (error) return <div className="panel-message panel-error">图表组件加载失败：{error}</div>;
  return (
    <div
      ref={el}
      className={className ?? 'chart'}
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      data-chart-ready={ready ? 'true' : 'false'}
      onContextMenu={onContext ? (e) => e.preventDefault() : undefined}
    />
  );
}
