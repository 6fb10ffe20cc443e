/**
 * The Tables panel's read: one window of a table's rows, sorted and filtered
 * in the engine (row-window-order.ts), so the page never holds more than it
 * shows. Each answer marks the rows the latest transaction inserted or
 * updated, and carries the table's version (the sequence number of the last
 * transaction that changed it) so the page can tell fresh answers from old.
 */
import type { Database } from '../engine/database.ts';
import { asMem } from '../db/mem-datastore.ts';
import type { TableSchema } from '../module/schema-types.ts';
import { rowsJson } from '../scenario/run-scenario.ts';
import type { Json } from '../values/json-codec.ts';
import { fail, type Failure } from './results.ts';
import { parseFilter } from './row-window-filter.ts';
import { windowOrder, type OrderCache } from './row-window-order.ts';

export type SortDir = 'asc' | 'desc';

export type RowWindow = {
  /** Position of the first row wanted, in the sorted, filtered order. */
  offset: number;
  /** At most `MAX_WINDOW`. */
  limit: number;
  /** Desc is the exact reverse of asc (ties newest first). */
  sort?: { column: string; dir: SortDir } | null;
  /** Plain text, `column:text` or `column = value` (row-window-filter.ts). */
  filter?: string;
};

export type RowWindowResult =
  | {
      ok: true;
      /** The window's rows (JSON objects, the CLI's value format). */
      rows: Json[];
      /** Rows in the table. */
      total: number;
      /** Rows passing the filter: the length of the whole order. */
      matched: number;
      /** The requested offset, echoed. */
      offset: number;
      version: number;
      /** Positions in `rows` of rows the latest transaction inserted or updated. */
      changed: number[];
    }
  | Failure;

export const MAX_WINDOW = 1000;

type WindowState = {
  cache: OrderCache;
  versions: Map<number, number>;
  /** The latest transaction's inserts per table id; made into sets on first use. */
  last: Map<number, Uint8Array[] | Set<Uint8Array>>;
};

const states = new WeakMap<Database, WindowState>();

function stateOf(db: Database): WindowState {
  let st = states.get(db);
  if (st) return st;
  const state: WindowState = { cache: new Map(), versions: new Map(), last: new Map() };
  db.onTransaction(r => {
    state.last = new Map();
    for (const d of r.delta) {
      state.versions.set(d.tableId, r.seq);
      if (d.inserts.length) state.last.set(d.tableId, d.inserts);
    }
  });
  states.set(db, (st = state));
  return st;
}

/** What is wrong with a window request, or undefined. */
function checkWindow(w: RowWindow): string | undefined {
  if (!Number.isSafeInteger(w.offset) || w.offset < 0) return `offset must be a whole number ≥ 0, not ${String(w.offset)}.`;
  if (!Number.isSafeInteger(w.limit) || w.limit < 0 || w.limit > MAX_WINDOW) return `limit must be a whole number from 0 to ${MAX_WINDOW}, not ${String(w.limit)}.`;
  if (w.filter !== undefined && typeof w.filter !== 'string') return 'filter must be a string.';
  if (w.sort && w.sort.dir !== 'asc' && w.sort.dir !== 'desc') return `sort.dir must be "asc" or "desc", not ${JSON.stringify(w.sort.dir)}.`;
  return undefined;
}

const columnIndex = (t: TableSchema, name: string): number => {
  const i = t.columns.findIndex(c => c.name === name);
  return i >= 0 ? i : t.columns.findIndex(c => c.sourceName === name);
};

export function readWindow(db: Database, table: string, w: RowWindow): RowWindowResult {
  const schema = db.findTable(table);
  if (!schema) return fail('no-such-table', `No table named "${table}".`);
  if (schema.view) return fail('bad-args', `"${schema.name}" is a view: its rows depend on who asks; query it in SQL.`);
  const bad = checkWindow(w);
  if (bad) return fail('bad-args', `Row window of ${schema.name}: ${bad}`);
  const sortCol = w.sort ? columnIndex(schema, w.sort.column) : -1;
  if (w.sort && sortCol < 0) {
    const names = schema.columns.map(c => c.name).join(', ');
    return fail('bad-args', `Cannot sort ${schema.name} by "${w.sort.column}": no such column (columns: ${names}).`);
  }
  const parsed = parseFilter(schema, w.filter ?? '');
  if (!parsed.ok) return fail('bad-args', parsed.message);

  const st = stateOf(db);
  const t = asMem(db.store).table(schema.id);
  const order = windowOrder(st.cache, t, db.schema.typespace, sortCol, parsed.filter);
  const n = order.length;
  const desc = w.sort?.dir === 'desc';
  const bytes: Uint8Array[] = [];
  for (let p = w.offset; p < Math.min(n, w.offset + w.limit); p++) bytes.push(order[desc ? n - 1 - p : p]!.bytes);
  const inserted = insertedIn(st, schema.id);
  const changed: number[] = [];
  if (inserted) bytes.forEach((b, i) => inserted.has(b) && changed.push(i));
  return {
    ok: true,
    rows: rowsJson(db, schema.name, bytes),
    total: t.live,
    matched: n,
    offset: w.offset,
    version: st.versions.get(schema.id) ?? 0,
    changed,
  };
}

/** The rows (stored bytes, by identity) the latest transaction inserted into table `id`. */
function insertedIn(st: WindowState, id: number): Set<Uint8Array> | undefined {
  const v = st.last.get(id);
  if (v === undefined || v instanceof Set) return v;
  const set = new Set(v);
  st.last.set(id, set);
  return set;
}
