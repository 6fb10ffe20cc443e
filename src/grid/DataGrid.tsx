/**
 * A dense, virtualized grid of JSON rows: fixed row height, only the rows
 * in view are rendered; sort by clicking a header, filter by text; clicking
 * a row shows it in full. Cells are monospace; long values are cut with the
 * full value in a tooltip.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { Json } from '../../worker/api.ts';
import { formatValue, fullValue } from '../format.ts';
import { RowDetails } from './RowDetails.tsx';

export type GridColumn = { name: string; type?: string; note?: ReactNode };
type Props = {
  label: string;
  columns: GridColumn[];
  /** One array of values per row, in column order. */
  rows: Json[][];
  empty?: string;
  /** Rows to tint (by index into `rows`), e.g. inserted by the latest transaction. */
  flash?: ReadonlySet<number>;
  height?: number;
};

const ROW_H = 24;
const OVERSCAN = 8;

const compare = (a: Json | undefined, b: Json | undefined): number => {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return fullValue(a).localeCompare(fullValue(b), undefined, { numeric: true });
};

export function DataGrid({ label, columns, rows, empty = 'No rows', flash }: Props) {
  const [sort, setSort] = useState<{ col: number; dir: 1 | -1 } | null>(null);
  const [filter, setFilter] = useState('');
  const [scroll, setScroll] = useState({ top: 0, height: 600 });
  const [open, setOpen] = useState<number | null>(null);

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    let idx = rows.map((_, i) => i);
    if (needle) idx = idx.filter(i => rows[i]!.some(v => fullValue(v).toLowerCase().includes(needle)));
    if (sort) idx.sort((x, y) => sort.dir * compare(rows[x]![sort.col], rows[y]![sort.col]));
    return idx;
  }, [rows, filter, sort]);

  const first = Math.max(0, Math.floor(scroll.top / ROW_H) - OVERSCAN);
  const last = Math.min(shown.length, Math.ceil((scroll.top + scroll.height) / ROW_H) + OVERSCAN);
  const toggleSort = (col: number) => setSort(s => (s?.col !== col ? { col, dir: 1 } : s.dir === 1 ? { col, dir: -1 } : null));

  return (
    <div className="grid-wrap">
      <div className="grid-tools">
        <input type="search" className="grid-filter" placeholder="Filter rows" aria-label={`Filter ${label}`} value={filter} onChange={e => setFilter(e.target.value)} />
        <span className="muted">{shown.length === rows.length ? `${rows.length} row${rows.length === 1 ? '' : 's'}` : `${shown.length} of ${rows.length} rows`}</span>
      </div>
      <div className="grid-scroll" onScroll={e => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}>
        <table className="grid" aria-label={label} aria-rowcount={shown.length + 1}>
          <thead>
            <tr>
              {columns.map((c, i) => (
                <th key={c.name} scope="col" aria-sort={sort?.col === i ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined}>
                  <button type="button" className="th-button" onClick={() => toggleSort(i)} title={`Sort by ${c.name}`}>
                    {c.name}
                    {c.note}
                    {c.type && <span className="type">{c.type}</span>}
                    {sort?.col === i && <span aria-hidden="true">{sort.dir === 1 ? ' ▲' : ' ▼'}</span>}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 && (
              <tr>
                <td className="empty" colSpan={columns.length}>{rows.length ? 'No rows match the filter' : empty}</td>
              </tr>
            )}
            {first > 0 && <tr aria-hidden="true" style={{ height: first * ROW_H }} />}
            {shown.slice(first, last).map((i, k) => (
              <tr key={i} className={flash?.has(i) ? 'flash' : undefined} onClick={() => setOpen(i)} aria-rowindex={first + k + 2}>
                {columns.map((c, j) => {
                  const v = rows[i]![j];
                  return (
                    <td key={c.name} title={fullValue(v)} className={v === null ? 'null' : undefined}>
                      {formatValue(v)}
                    </td>
                  );
                })}
              </tr>
            ))}
            {last < shown.length && <tr aria-hidden="true" style={{ height: (shown.length - last) * ROW_H }} />}
          </tbody>
        </table>
      </div>
      {open !== null && rows[open] && <RowDetails columns={columns} row={rows[open]} onClose={() => setOpen(null)} />}
    </div>
  );
}
