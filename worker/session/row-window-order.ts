/**
 * How it works: a window is a slice of an *order*, the table's live rows
 * sorted and filtered. Orders are built once and cached per (table, sort
 * column, filter) until the table changes; asc and desc share one order (desc
 * reads it backwards). Building one:
 * - no sort: table order (insertion order);
 * - a column with a single-column btree index: that index's key order;
 * - any other column: integers read from the rows, or else the rows'
 *   order-preserving index keys (the value order indexes use), sorted once;
 * - a filter decodes each row of that order; a longer filter on the same
 *   sort (typing on) filters the shorter one's matches instead of the table.
 * Ties keep insertion order (index keys carry the insertion sequence).
 */
import type { AlgebraicType } from 'spacetimedb';
import { resolveType } from '../db/bsatn-layout.ts';
import { IndexKeyCodec, KEY_MAX } from '../db/index-key.ts';
import { KeyCompiler } from '../db/key-encoding.ts';
import type { RowEntry } from '../db/row-entry.ts';
import type { Table } from '../db/table.ts';
import { filterKey, narrows, type RowFilter } from './row-window-filter.ts';
import { intReader } from './row-window-ints.ts';
import { compileFilter } from './row-window-text.ts';

type Cached = {
  tableId: number;
  sortCol: number;
  filter: RowFilter;
  /** The table's row list, its length and live count when built: any write changes one of them. */
  rows: RowEntry[];
  len: number;
  live: number;
  order: RowEntry[];
};

/** Orders kept per database; the oldest goes first past this many. */
const MAX_CACHED = 8;

export type OrderCache = Map<string, Cached>;

const fresh = (c: Cached, t: Table): boolean => c.rows === t.rows && c.len === t.rows.length && c.live === t.live;

/** The table's live rows in `sortCol` order (-1: table order), filtered, from the cache when it still holds. */
export function windowOrder(cache: OrderCache, t: Table, typespace: readonly AlgebraicType[], sortCol: number, filter: RowFilter): RowEntry[] {
  const key = `${t.id}\u0001${sortCol}\u0001${filterKey(filter)}`;
  const hit = cache.get(key);
  if (hit && fresh(hit, t)) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.order;
  }
  let order: RowEntry[];
  if (filter.kind === 'all') order = sortCol < 0 ? liveRows(t) : (indexOrder(t, sortCol) ?? sortedRows(t, typespace, sortCol));
  else {
    const base = narrowest(cache, t, sortCol, filter) ?? windowOrder(cache, t, typespace, sortCol, { kind: 'all' });
    const test = compileFilter(filter, t.schema.columns, t.layout, typespace);
    order = base.filter(e => test(e.bytes));
  }
  cache.delete(key);
  cache.set(key, { tableId: t.id, sortCol, filter, rows: t.rows, len: t.rows.length, live: t.live, order });
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return order;
}

/** The smallest cached, still-valid order whose filter `filter` narrows. */
function narrowest(cache: OrderCache, t: Table, sortCol: number, filter: RowFilter): RowEntry[] | undefined {
  let best: RowEntry[] | undefined;
  for (const c of cache.values()) {
    if (c.tableId !== t.id || c.sortCol !== sortCol || c.filter.kind === 'all' || !fresh(c, t) || !narrows(c.filter, filter)) continue;
    if (!best || c.order.length < best.length) best = c.order;
  }
  return best;
}

function liveRows(t: Table): RowEntry[] {
  const out: RowEntry[] = [];
  for (const e of t.rows) if (!e.dead) out.push(e);
  return out;
}

/** Key order of a single-column btree (or direct) index on `col`, if the table has one. */
function indexOrder(t: Table, col: number): RowEntry[] | undefined {
  const slot = t.schema.indexes.findIndex(ix => ix.algorithm !== 'hash' && ix.columns.length === 1 && ix.columns[0] === col);
  return slot < 0 ? undefined : t.indexes[slot]!.range('', KEY_MAX);
}

/** Rows sorted by column `col` in upstream's value order, ties by insertion sequence. */
function sortedRows(t: Table, typespace: readonly AlgebraicType[], col: number): RowEntry[] {
  const rows = liveRows(t);
  const keys = intKeys(t, typespace, col, rows) ?? stringKeys(t, typespace, col, rows);
  const idx = Array.from({ length: rows.length }, (_, i) => i);
  idx.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    return ka < kb ? -1 : ka > kb ? 1 : rows[a]!.seq - rows[b]!.seq;
  });
  return idx.map(i => rows[i]!);
}

/** The column's values when it is an integer column whose values all fit a double exactly (the common case, and the fast one). */
function intKeys(t: Table, typespace: readonly AlgebraicType[], col: number, rows: RowEntry[]): Float64Array | undefined {
  const read = intReader(resolveType(t.schema.columns[col]!.type, typespace).tag);
  if (!read) return undefined;
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const bytes = rows[i]!.bytes;
    const v = read(bytes, t.layout.compute(bytes)[col]!);
    if (typeof v === 'bigint') return undefined;
    out[i] = v;
  }
  return out;
}

/** The rows' order-preserving index keys for the column (any type; what btree indexes compare). */
function stringKeys(t: Table, typespace: readonly AlgebraicType[], col: number, rows: RowEntry[]): string[] {
  const codec = new IndexKeyCodec(t.schema.columns.map(c => c.type), [col], new KeyCompiler(typespace), typespace, false);
  const keys = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const bytes = rows[i]!.bytes;
    keys[i] = codec.fromRow(bytes, t.layout.compute(bytes)) as string;
  }
  return keys;
}
