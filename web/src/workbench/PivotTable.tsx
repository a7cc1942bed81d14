import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type MouseEvent, type ReactElement } from 'react';
import { flushSync } from 'react-dom';
import type { MoneyUnit } from '../../../queries/format.ts';
import type { MetricFormat } from '../../../queries/metrics/define.ts';
import { headerGrid, visibleRows, type DimValue, type Pivot, type PivotRow } from '../../../queries/pivot.ts';
import type { ViewDefinition } from '../../../queries/views.ts';
import { cellTone, formatCell } from './cell-format.ts';

export const ROW_HEIGHT = 28;
/** Rows rendered above and below the visible ones, so a slow scroll finds them drawn. */
const OVERSCAN = 3;
const LABEL_WIDTH = 260;
const CELL_WIDTH = 120;

export interface PivotTableProps {
  view: ViewDefinition;
  pivot: Pivot;
  metrics: Array<{ id: string; label: string; format: MetricFormat }>;
  unit: MoneyUnit;
  rowLabel: (row: PivotRow) => string;
  colLabel: (level: number, v: DimValue) => string;
  totalLabel: (level: number) => string;
  onCell?: (row: PivotRow, colPath: DimValue[], metric: string) => void;
  height?: number;
  /** The row dimensions' names, in the frozen corner. */
  rowHeader?: string;
}

type Leaf = { c: Pivot['columns'][number]; m: { id: string; format: MetricFormat }; style: CSSProperties };

/**
 * The pivot as a grid: frozen header rows (merged column groups) and a frozen row-label column, a collapsible row tree
 * (subtotal rows carry a toggle), conditional colours, and a virtualized body. Only the rows in view (plus a few) are
 * in the DOM, each at a fixed height, in a block moved to the window's first row; the row elements are kept and
 * refilled as the window moves (keyed by their place in the window), so a scrolled frame changes text and a few
 * classes rather than building and styling new elements. The only state a scroll sets is the window's first row.
 */
export function PivotTable({ view, pivot, metrics, unit, rowLabel, colLabel, totalLabel, onCell, height = 560, rowHeader = '' }: PivotTableProps) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [first, setFirst] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => visibleRows(pivot, collapsed), [pivot, collapsed]);
  const header = useMemo(() => headerGrid(pivot, view.columns.length, metrics, colLabel, totalLabel), [pivot, view.columns.length, metrics, colLabel, totalLabel]);
  const leaves = useMemo<Leaf[]>(
    () => pivot.columns.flatMap((c) => metrics.map((m) => ({ c, m }))).map((x, j) => ({ ...x, style: { left: LABEL_WIDTH + j * CELL_WIDTH, width: CELL_WIDTH } })),
    [pivot.columns, metrics],
  );
  const width = LABEL_WIDTH + leaves.length * CELL_WIDTH;
  const headH = header.length * ROW_HEIGHT;
  const windowRows = Math.ceil(height / ROW_HEIGHT) + 1 + 2 * OVERSCAN;
  // The window never starts past the point where it would run off the end (a shorter list after a collapse).
  const start = Math.max(0, Math.min(first, rows.length - windowRows));
  const end = Math.min(rows.length, start + windowRows);
  const nR = view.rows.length;

  // Reads the scroll offset only (nothing written before it) and, in a scroll event, renders at once when the window's
  // first row changes, so the frame that shows the new offset shows its rows too.
  const firstRef = useRef(first);
  const follow = useCallback((sync: boolean) => {
    const el = ref.current;
    if (!el) return;
    const next = Math.max(0, Math.floor(el.scrollTop / ROW_HEIGHT) - OVERSCAN);
    if (next === firstRef.current) return;
    firstRef.current = next;
    if (sync) flushSync(() => setFirst(next));
    else setFirst(next);
  }, []);
  // A new result or a collapse may leave the offset clamped by the browser; follow it.
  useLayoutEffect(() => follow(false), [rows, follow]);

  const toggle = useCallback(
    (key: string) =>
      setCollapsed((s) => {
        const n = new Set(s);
        if (n.has(key)) n.delete(key);
        else n.add(key);
        return n;
      }),
    [],
  );

  // One listener each for the whole grid: the toggle and the drill-through find their row and cell from the target.
  const columnByKey = useMemo(() => new Map(pivot.columns.map((c) => [c.key, c])), [pivot.columns]);
  const target = (e: MouseEvent) => {
    const t = e.target as HTMLElement;
    const rowEl = t.closest<HTMLElement>('[data-index]');
    const row = rowEl ? rows[Number(rowEl.dataset.index)] : undefined;
    return { t, row };
  };
  const onClick = (e: MouseEvent) => {
    const { t, row } = target(e);
    if (row && t.closest('[data-testid=wb-toggle]')) toggle(row.key);
  };
  const drill = (e: MouseEvent) => {
    const { t, row } = target(e);
    const cell = t.closest<HTMLElement>('[data-metric]');
    const col = cell ? columnByKey.get(cell.dataset.col!) : undefined;
    if (!row || !cell || !col || !onCell || row.cells.get(col.key)?.[cell.dataset.metric!] === undefined) return false;
    onCell(row, col.path, cell.dataset.metric!);
    return true;
  };

  const head = useMemo(
    () => (
      <div className="wb-head" style={{ width, height: headH }} role="rowgroup">
        {header.map((cells, i) => (
          <div key={i} className="wb-head-row" style={{ height: ROW_HEIGHT }} role="row" aria-rowindex={i + 1}>
            <div className="wb-label wb-corner" style={{ width: LABEL_WIDTH }}>
              {i === header.length - 1 ? rowHeader : ''}
            </div>
            {cells.map((c) => (
              <div key={c.start} className="wb-hcell" role="columnheader" style={{ left: LABEL_WIDTH + c.start * CELL_WIDTH, width: c.span * CELL_WIDTH }} title={c.text}>
                {c.text}
              </div>
            ))}
          </div>
        ))}
      </div>
    ),
    [header, width, headH, rowHeader],
  );

  const body: ReactElement[] = [];
  for (let i = start; i < end; i++) {
    const row = rows[i];
    body.push(
      <Row
        key={i - start}
        row={row}
        index={i}
        ariaIndex={header.length + i + 1}
        top={(i - start) * ROW_HEIGHT}
        width={width}
        nR={nR}
        leaves={leaves}
        unit={unit}
        label={rowLabel(row)}
        collapsed={collapsed.has(row.key)}
      />,
    );
  }
  return (
    <div
      ref={ref}
      className="wb-grid"
      style={{ height }}
      data-testid="wb-pivot"
      data-rows={rows.length}
      role="grid"
      aria-rowcount={rows.length + header.length}
      onScroll={() => follow(true)}
      onClick={onClick}
      onDoubleClick={(e) => drill(e)}
      onContextMenu={(e) => {
        if (drill(e)) e.preventDefault();
      }}
    >
      <div className="wb-grid-inner" style={{ width, height: headH + rows.length * ROW_HEIGHT }}>
        {head}
        <div className="wb-body" role="rowgroup" style={{ width, height: (end - start) * ROW_HEIGHT, transform: `translateY(${headH + start * ROW_HEIGHT}px)` }}>
          {body}
        </div>
      </div>
    </div>
  );
}

interface RowProps {
  row: PivotRow;
  /** Index in the shown rows (the delegated handlers read it back from `data-index`). */
  index: number;
  ariaIndex: number;
  top: number;
  width: number;
  nR: number;
  leaves: Leaf[];
  unit: MoneyUnit;
  label: string;
  collapsed: boolean;
}

/** One body row; memoized, and kept while the window moves: a new row in its place only changes its text and classes. */
const Row = memo(function Row({ row, index, ariaIndex, top, width, nR, leaves, unit, label, collapsed }: RowProps) {
  const isTotal = row.level < nR || (row.level === 0 && nR > 0);
  return (
    <div
      className={isTotal ? 'wb-row wb-total' : 'wb-row'}
      style={{ top, height: ROW_HEIGHT, width }}
      role="row"
      aria-rowindex={ariaIndex}
      data-testid="wb-row"
      data-index={index}
      data-key={row.key}
      data-level={row.level}
    >
      <div className="wb-label" style={{ width: LABEL_WIDTH, paddingLeft: 8 + Math.max(0, row.level - 1) * 16 }} role="rowheader">
        {row.level > 0 && row.level < nR && row.children > 0 ? (
          <button type="button" className="wb-toggle" aria-expanded={!collapsed} data-testid="wb-toggle">
            {collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="wb-toggle-space" />
        )}
        {label}
      </div>
      {leaves.map(({ c, m, style }, j) => {
        const v = row.cells.get(c.key)?.[m.id];
        return (
          <div key={j} className={`wb-cell ${cellTone(m.id, m.format, v)}`} role="gridcell" style={style} data-col={c.key} data-metric={m.id}>
            {formatCell(m.format, v, unit)}
          </div>
        );
      })}
    </div>
  );
});
