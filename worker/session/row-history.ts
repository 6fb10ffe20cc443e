/**
 * How it works: the history of one row — every entry of a timeline that
 * inserted, updated or deleted it — newest first, for the Tables panel's row
 * details. With a primary key, "the row" is its key: an update is a delete
 * and an insert of that key in one entry's delta, and a row deleted and
 * inserted again later is still the same row. Without one, a row is its
 * whole value, so its history is the entries that inserted or deleted
 * exactly those bytes.
 *
 * Cost, for N entries: one pass from the newest entry back, looking at each
 * entry's delta of this table only (a delta lists a few tables). Its rows are
 * compared as bytes against the BSATN of the wanted key columns (or whole
 * row), which needs no decoding; only rows that contain those bytes are
 * decoded, to compare their keys exactly. On 100k entries that is a few tens
 * of milliseconds (see row-history-scale.test.ts). The pass stops once `limit`
 * entries and one more are found; naming callers takes a second pass over
 * the entries up to the newest found (a kind check each).
 * Failed and refused calls record no delta, so they never appear.
 */
import type { TableDelta } from '../db/datastore-types.ts';
import type { Outcome, TxKind } from '../engine/records.ts';
import type { LogEntry } from '../history/entry.ts';
import type { ModuleSchema, TableSchema } from '../module/schema-types.ts';
import { bsatnToJson, formatTimestamp, jsonToBsatn, type Json } from '../values/json-codec.ts';
import { createCallerNames } from './history-inputs.ts';
import { rowValues, type Who } from './history-views.ts';
import { fail, type Failure } from './results.ts';

/** A row as the grid shows it (values in column order), or an object by column name (the key columns suffice). */
export type RowRef = Json[] | Record<string, Json>;
export type RowHistoryOptions = { limit?: number; before?: number };

export type RowHistoryEntry = {
  position: number;
  /** RFC 3339, microsecond precision. */
  timestamp: string;
  kind: TxKind;
  reducer: string | null;
  caller: string;
  outcome: Outcome;
  change: 'insert' | 'update' | 'delete';
  /** Values in column order, before and after the entry (null when it did not exist). */
  before: Json[] | null;
  after: Json[] | null;
  /** Column positions an update changed. */
  changed: number[];
};

export type RowHistory = {
  ok: true;
  table: string;
  columns: string[];
  /** The columns that identify the row: the primary key, or every column when there is none. */
  key: string[];
  entries: RowHistoryEntry[];
  /** Older entries touch the row too: ask again with `before` the last position shown. */
  more: boolean;
};

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 500;

/** Whether `needle` occurs in `hay`. */
function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  const n = needle.length;
  const first = needle[0];
  outer: for (let i = 0, last = hay.length - n; i <= last; i++) {
    if (hay[i] !== first) continue;
    for (let j = 1; j < n; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return n === 0;
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

type Matcher = {
  /** Cheap: false means the row cannot be the one (no decoding). */
  maybe(bytes: Uint8Array): boolean;
  /** Exact, on a decoded row. */
  is(row: Json[]): boolean;
};

/** The matcher for `ref` in `table`, or why `ref` does not name a row of it. */
function matcherFor(schema: ModuleSchema, table: TableSchema, ref: RowRef): Matcher | string {
  const cols = table.columns;
  const byPk = table.primaryKey.length > 0;
  const keyCols = byPk ? table.primaryKey : cols.map((_, i) => i);
  if (Array.isArray(ref) && ref.length !== cols.length) {
    return `Pass the row's ${cols.length} values in column order (${cols.map(c => c.name).join(', ')}), or an object by column name; got ${ref.length} values.`;
  }
  const values: Json[] = [];
  const needles: Uint8Array[] = [];
  for (const i of keyCols) {
    const c = cols[i]!;
    const v = Array.isArray(ref) ? ref[i] : ref[c.name];
    if (v === undefined) return `The row needs a value for "${c.name}" (${byPk ? 'its primary key' : 'table without a primary key: every column'}).`;
    try {
      const bytes = jsonToBsatn(c.type, schema.typespace, v, c.name);
      needles.push(bytes);
      // The canonical form: the grid's JSON may be lenient ("5" for 5).
      values.push(bsatnToJson(c.type, schema.typespace, bytes).value);
    } catch (e) {
      return `The row's ${e instanceof Error ? e.message : String(e)}.`;
    }
  }
  const wanted = JSON.stringify(values);
  const is = (row: Json[]): boolean => JSON.stringify(keyCols.map(i => row[i] ?? null)) === wanted;
  if (!byPk) {
    const whole = new Uint8Array(needles.reduce((n, b) => n + b.length, 0));
    needles.reduce((at, b) => (whole.set(b, at), at + b.length), 0);
    return { maybe: bytes => sameBytes(bytes, whole), is };
  }
  return { maybe: bytes => needles.every(n => contains(bytes, n)), is };
}

/** The matching row among `rows`, decoded, or null. */
function find(schema: ModuleSchema, table: TableSchema, rows: Uint8Array[], m: Matcher): Json[] | null {
  for (const bytes of rows) {
    if (!m.maybe(bytes)) continue;
    const row = rowValues(schema, table, bytes);
    if (m.is(row)) return row;
  }
  return null;
}

type Found = { entry: LogEntry; before: Json[] | null; after: Json[] | null };

/** The entries of `entries` that touched the row `ref` of `table`, newest first (`before`: positions below it only). */
export function rowHistory(
  entries: readonly LogEntry[], schema: ModuleSchema, who: Who, tableName: string, ref: RowRef, opts: RowHistoryOptions = {},
): RowHistory | Failure {
  const table = schema.tables.find(t => t.name === tableName);
  if (!table) return fail('no-such-table', `There is no table "${tableName}".`);
  if (table.view) return fail('bad-args', `"${tableName}" is a view: its rows are computed on demand, so no entry records them.`);
  const m = matcherFor(schema, table, ref);
  if (typeof m === 'string') return fail('bad-args', m);
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(opts.limit ?? DEFAULT_LIMIT)));

  const found: Found[] = [];
  const start = Math.min(entries.length, opts.before ?? entries.length) - 1;
  for (let p = start; p >= 0 && found.length <= limit; p--) {
    const entry = entries[p]!;
    let d: TableDelta | undefined;
    for (const x of entry.delta) if (x.tableId === table.id) d = x;
    if (!d) continue;
    const before = find(schema, table, d.deletes, m);
    const after = find(schema, table, d.inserts, m);
    if (before || after) found.push({ entry, before, after });
  }
  const more = found.length > limit;
  if (more) found.pop();

  const names = createCallerNames(who.owner, who.database);
  const newest = found[0]?.entry.position ?? -1;
  for (let p = 0; p <= newest; p++) names.see(entries[p]!);
  return {
    ok: true,
    table: table.name,
    columns: table.columns.map(c => c.name),
    key: (table.primaryKey.length > 0 ? table.primaryKey : table.columns.map((_, i) => i)).map(i => table.columns[i]!.name),
    more,
    entries: found.map(({ entry: e, before, after }) => ({
      position: e.position,
      timestamp: formatTimestamp(e.timestamp),
      kind: e.kind,
      reducer: e.reducer ?? null,
      caller: names.nameOf(e.sender),
      outcome: e.outcome,
      change: before && after ? 'update' : after ? 'insert' : 'delete',
      before,
      after,
      changed: before && after ? before.flatMap((v, i) => (JSON.stringify(v) === JSON.stringify(after[i]) ? [] : [i])) : [],
    })),
  };
}
