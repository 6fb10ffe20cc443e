/**
 * What a DataGrid shows, whichever way its rows arrive: in memory (SQL
 * results, client caches) or in windows fetched from the engine as the
 * user scrolls (the Tables panel's `GridSource`).
 */
import type { ReactNode } from 'react';
import type { Json } from '../../worker/api.ts';

export type GridColumn = { name: string; type?: string; note?: ReactNode };

export type SortDir = 'asc' | 'desc';
export type GridSort = { col: number; dir: SortDir } | null;

/** The rows after sort and filter, as far as they are known. */
export type GridView = {
  /** Rows passing the filter (the scroll height). */
  count: number;
  /** Rows before the filter. */
  total: number;
  /** Row `i`'s values in column order; undefined while its window loads. */
  row(i: number): Json[] | undefined;
  /** Whether row `i` was inserted or updated by the latest transaction. */
  flash(i: number): boolean;
  /** Why the rows could not be read (a bad filter, say). */
  error: string | null;
};

export type WindowQuery = { offset: number; limit: number; sort: { column: string; dir: SortDir } | null; filter: string };
export type WindowAnswer =
  | { ok: true; rows: Json[][]; total: number; matched: number; changed: number[] }
  | { ok: false; error: string };

/** Where a windowed grid reads its rows. */
export type GridSource = {
  /** Which rows these are (a table's name): a new key starts over. */
  key: string;
  /** Moves whenever the rows may have changed: the visible window is fetched again. */
  version: number;
  fetch(q: WindowQuery): Promise<WindowAnswer>;
};
