import { memo, useCallback, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { MoneyUnit } from '../../../queries/format.ts';
import type { MetricFormat } from '../../../queries/metrics/define.ts';
import { headerGrid, visibleRows, type DimValue, type Pivot, type PivotRow } from '../../../queries/pivot.ts';
import type { ViewDefinition } from '../../../queries/views.ts';
import { cellTone, formatCell } from './cell-format.ts';

export const ROW_HEIGHT = 28;
const OVERSCAN = 12;
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

/**
 * The pivot as a grid: frozen header rows (merged column groups) and a frozen row-label column, a collapsible row tree
 * (subtotal rows carry a toggle), conditional colours, and a virtualized body — only the rows in view (plus a few) are
 * in the DOM, each at a fixed height, so 100,000 rows scroll smoothly.
 */
export function PivotTable({ view, pivot, metrics, unit, rowLabel, colLabel, totalLabel, onCell, height = 560, rowHeader = '' }: PivotTableProps) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [scrollTop, setScrollTop] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => visibleRows(pivot, collapsed), [pivot, collapsed]);
  const header = useMemo(() => headerGrid(pivot, view.columns.length, metrics, colLabel, totalLabel), [pivot, view.columns.length, metrics, colLabel, totalLabel]);
  const leaves = useMemo(() => pivot.columns.flatMap((c) => metrics.map((m) => ({ c, m }))), [pivot.columns, metrics]);
  const width = LABEL_WIDTH + leaves.length * CELL_WIDTH;
  const headH = header.length * ROW_HEIGHT;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
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
  const nR = view.rows.length;
  return (
    <div
      ref={ref}
      className="wb-grid"
      style={{ height }}
      data-testid="wb-pivot"
      data-rows={rows.length}
      role="grid"
      aria-rowcount={rows.length + header.length}
      onScroll={(e) => setScrollTop((e.target as HTMLDivElement).scrollTop)}
    >
      <div className="wb-grid-inner" style={{ width, height: headH + rows.length * ROW_HEIGHT }}>
        <div className="wb-head" style={{ width, height: headH }} role="rowgroup">
          {header.map((cells, i) => (
            <div key={i} className="wb-head-row" style={{ height: ROW_HEIGHT }} role="row">
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
        {rows.slice(first, last).map((row, k) => (
          <Row
            key={row.key}
            row={row}
            top={headH + (first + k) * ROW_HEIGHT}
            width={width}
            nR={nR}
            leaves={leaves}
            unit={unit}
            label={rowLabel(row)}
            collapsed={collapsed.has(row.key)}
            onToggle={toggle}
            onCell={onCell}
          />
        ))}
      </div>
    </div>
  );
}

interface RowProps {
  row: PivotRow;
  top: number;
  width: number;
  nR: number;
  leaves: Array<{ c: Pivot['columns'][number]; m: { id: string; format: MetricFormat } }>;
  unit: MoneyUnit;
  label: string;
  collapsed: boolean;
  onToggle: (key: string) => void;
  onCell?: (row: PivotRow, colPath: DimValue[], metric: string) => void;
}

/** One body row; memoized, so scrolling renders only the rows that come into view. */
const Row = memo(function Row({ row, top, width, nR, leaves, unit, label, collapsed, onToggle, onCell }: RowProps) {
  const style: CSSProperties = { top, height: ROW_HEIGHT, width };
  const isTotal = row.level < nR || (row.level === 0 && nR > 0);
  return (
    <div className={`wb-row ${isTotal ? 'wb-total' : ''}`} style={style} role="row" data-testid="wb-row" data-key={row.key} data-level={row.level}>
      <div className="wb-label" style={{ width: LABEL_WIDTH, paddingLeft: 8 + Math.max(0, row.level - 1) * 16 }} role="rowheader">
        {row.level > 0 && row.level < nR && row.children > 0 ? (
          <button type="button" className="wb-toggle" onClick={() => onToggle(row.key)} aria-expanded={!collapsed} data-testid="wb-toggle">
            {collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="wb-toggle-space" />
        )}
        {label}
      </div>
      {leaves.map(({ c, m }, j) => {
        const v = row.cells.get(c.key)?.[m.id];
        const tone = cellTone(m.id, m.format, v);
        const drill = onCell && v !== undefined ? () => onCell(row, c.path, m.id) : undefined;
        return (
          <div
            key={j}
            className={`wb-cell ${tone}`}
            role="gridcell"
            style={{ left: LABEL_WIDTH + j * CELL_WIDTH, width: CELL_WIDTH }}
            data-col={c.key}
            data-metric={m.id}
            onDoubleClick={drill}
            onContextMenu={
              drill
                ? (e) => {
                    e.preventDefault();
                    drill();
                  }
                : undefined
            }
          >
            {formatCell(m.format, v, unit)}
          </div>
        );
      })}
    </div>
  );
});
