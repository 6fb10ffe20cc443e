/**
 * A dense, virtualized grid (@tanstack/react-virtual): fixed row height,
 * only the rows in view are in the DOM. Rows come either in memory (`rows`,
 * sorted and filtered here: SQL results, client caches) or from a `source`
 * that the engine answers window by window, sorted and filtered there (the
 * Tables panel, up to millions of rows). Click a header to sort (asc, desc,
 * none); click a row to see it in full. Long values are cut, with the full
 * value in a tooltip.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Json } from '../../worker/api.ts';
import { formatValue, fullValue } from '../format.ts';
import { GridHead } from './GridHead.tsx';
import type { GridColumn, GridSort, GridSource } from './grid-types.ts';
import { RowDetails } from './RowDetails.tsx';
import { useMemoryView } from './use-memory-view.ts';
import { useWindowView } from './use-window-view.ts';

export type { GridColumn, GridSource } from './grid-types.ts';

type Props = {
  label: string;
  columns: GridColumn[];
  empty?: string;
  /** Called with a clicked row instead of showing it here (the Tables panel shows it with its history). */
  onOpenRow?: (row: Json[]) => void;
} & (
  | {
      /** One array of values per row, in column order. */
      rows: Json[][];
      /** Rows to tint (by index into `rows`), e.g. inserted by the latest transaction. */
      flash?: ReadonlySet<number>;
      source?: undefined;
    }
  | { source: GridSource; rows?: undefined; flash?: undefined }
);

const ROW_H = 24;
const OVERSCAN = 10;
const FILTER_DEBOUNCE_MS = 200;
const NO_ROWS: Json[][] = [];

const count = (n: number) => `${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'}`;

export function DataGrid({ label, columns, empty = 'No rows', rows, flash, source, onOpenRow }: Props) {
  const [sort, setSort] = useState<GridSort>(null);
  const [filter, setFilter] = useState('');
  const [applied, setApplied] = useState('');
  const [range, setRange] = useState({ start: 0, end: 0 });
  const [open, setOpen] = useState<Json[] | null>(null);
  const scroll = useRef<HTMLDivElement>(null);
  const names = useColumnNames(columns);

  // The engine filters a million rows per keystroke otherwise; in memory, filtering is instant.
  useEffect(() => {
    const timer = setTimeout(() => setApplied(filter), source ? FILTER_DEBOUNCE_MS : 0);
    return () => clearTimeout(timer);
  }, [filter, source]);

  const memory = useMemoryView(rows ?? NO_ROWS, sort, source ? '' : filter, flash);
  const windowed = useWindowView(source, names, sort, applied, range.start, range.end);
  const view = source ? windowed : memory;

  const virtualizer = useVirtualizer({
    count: view.count,
    getScrollElement: () => scroll.current,
    estimateSize: () => ROW_H,
    overscan: OVERSCAN,
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const start = items[0]?.index ?? 0;
  const end = (items.at(-1)?.index ?? -1) + 1;
  useEffect(() => setRange(r => (r.start === start && r.end === end ? r : { start, end })), [start, end]);

  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const toTop = () => scroll.current?.scrollTo({ top: 0 });
  const toggleSort = (col: number) => {
    setSort(s => (s?.col !== col ? { col, dir: 'asc' } : s.dir === 'asc' ? { col, dir: 'desc' } : null));
    toTop();
  };
  const shown = view.count === view.total ? count(view.total) : `${view.count.toLocaleString('en-US')} of ${count(view.total)}`;

  return (
    <div className="grid-wrap">
      <div className="grid-tools">
        <input
          type="search"
          className="grid-filter"
          placeholder={source ? 'Filter: text, column:text, column = value' : 'Filter rows'}
          aria-label={`Filter ${label}`}
          value={filter}
          onChange={e => (setFilter(e.target.value), toTop())}
        />
        <span className="muted grid-count">{shown}</span>
        {view.error && <span className="grid-error" role="alert">{view.error}</span>}
      </div>
      <div className="grid-scroll" ref={scroll}>
        <table className="grid" aria-label={label} aria-rowcount={view.count + 1}>
          <GridHead columns={columns} sort={sort} onSort={toggleSort} />
          <tbody>
            {view.count === 0 && (
              <tr>
                <td className="empty" colSpan={columns.length}>{view.error ?? (view.total ? 'No rows match the filter' : empty)}</td>
              </tr>
            )}
            {top > 0 && <tr aria-hidden="true" style={{ height: top }} />}
            {items.map(item => {
              const values = view.row(item.index);
              return (
                <tr key={item.index} className={view.flash(item.index) ? 'flash' : undefined} onClick={() => values && (onOpenRow ?? setOpen)(values)} aria-rowindex={item.index + 2}>
                  {columns.map((c, j) => {
                    if (!values) return <td key={c.name} className="loading">…</td>;
                    const v = values[j];
                    return (
                      <td key={c.name} title={fullValue(v)} className={v === null ? 'null' : undefined}>
                        {formatValue(v)}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            {bottom > 0 && <tr aria-hidden="true" style={{ height: bottom }} />}
          </tbody>
        </table>
      </div>
      {open && <RowDetails columns={columns} row={open} onClose={() => setOpen(null)} />}
    </div>
  );
}

/** Column names, stable while the names are (a new `columns` array each render must not refetch). */
function useColumnNames(columns: GridColumn[]): readonly string[] {
  const key = columns.map(c => c.name).join('\u0000');
  return useMemo(() => (key === '' ? [] : key.split('\u0000')), [key]);
}
