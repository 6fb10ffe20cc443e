// Table-window benchmark phase (`benchTableWindow`, `npm run -s bench -- table-window`):
// the Tables panel's reads (worker/session/row-window.ts) over a 1,000,000-row
// table of bench/module (`item`: id u64 primary key, name string, value u64).
//
//   table_window_first_ms          first 100-row window, table order (builds the order)
//   table_window_last_ms           the window at the bottom, order cached
//   table_window_index_sort_ms     first window sorted by `id` desc (btree index order)
//   table_window_sort_first_ms     first window sorted by `name` (no index: keys + sort)
//   table_window_sort_cached_ms    another window of that sort, from the cache
//   table_window_filter_ms         first window of a text filter (decodes every row)
//   table_window_js_sort_ref_ms    reference: `Array.prototype.sort` of the same 1M names, as JS strings
//   table_window_sort_vs_js        sort_first / js_sort_ref (how far from a plain JS sort)
//
// Targets (informative): cached windows ≤ 5 ms; a first sort within 3x of the plain JS sort.
import { BinaryWriter } from 'spacetimedb';
import type { Database } from '../worker/engine/database.ts';
import { readWindow, type RowWindow } from '../worker/session/row-window.ts';
import { emit, progress, timeSync } from './common.ts';

const ROWS = 1_000_000;
const LIMIT = 100;

function window(db: Database, w: Partial<RowWindow>): number {
  const r = readWindow(db, 'item', { offset: 0, limit: LIMIT, ...w });
  if (!r.ok) throw new Error(r.error.message);
  if (r.total !== ROWS) throw new Error(`item: ${r.total} rows, expected ${ROWS}`);
  return r.matched;
}

function timed(name: string, db: Database, w: Partial<RowWindow>): number {
  let matched = 0;
  const ms = timeSync(() => (matched = window(db, w)));
  emit(name, ms, 'ms');
  return matched;
}

export function benchTableWindow(open: () => Database): void {
  const db = open();
  progress(`table-window: inserting ${ROWS} rows`);
  const w = new BinaryWriter(8);
  w.writeU32(ROWS);
  const status = db.callReducer('insert_bulk', w.getBuffer().slice()).outcome.status;
  if (status !== 'committed') throw new Error(`insert_bulk: ${status}`);

  timed('table_window_first_ms', db, {});
  timed('table_window_last_ms', db, { offset: ROWS - LIMIT });
  timed('table_window_index_sort_ms', db, { sort: { column: 'id', dir: 'desc' } });
  const byName = { column: 'name', dir: 'asc' } as const;
  const sortMs = timeSync(() => window(db, { sort: byName }));
  emit('table_window_sort_first_ms', sortMs, 'ms');
  timed('table_window_sort_cached_ms', db, { sort: { ...byName, dir: 'desc' }, offset: ROWS / 2 });
  const matched = timed('table_window_filter_ms', db, { filter: 'bulk-99999' });
  if (matched !== 11) throw new Error(`filter bulk-99999: ${matched} rows, expected 11`);

  // The same names as JS strings (made outside the timing), sorted the plain way.
  const names = Array.from({ length: ROWS }, (_, i) => `bulk-${i}`);
  const refMs = timeSync(() => names.sort());
  emit('table_window_js_sort_ref_ms', refMs, 'ms');
  emit('table_window_sort_vs_js', sortMs / refMs, 'x');
}
