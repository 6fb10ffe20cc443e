/**
 * A timeline as the page shows it: one point per entry for the plot and the
 * entry list (rows per table after it, its outcome), and one entry in full
 * with its row diff decoded — a delete and an insert with the same primary
 * key read as an update — and its args.
 */
import type { TableDelta } from '../db/datastore-types.ts';
import { toHex } from '../engine/identity.ts';
import type { LogLine, Outcome, TxKind } from '../engine/records.ts';
import { bytesToHex } from '../history/codec.ts';
import type { LogEntry } from '../history/entry.ts';
import type { ModuleSchema, TableSchema } from '../module/schema-types.ts';
import { decodeRowJson, formatTimestamp, type Json } from '../values/json-codec.ts';
import { createCallerNames } from './history-inputs.ts';

export type HistoryPoint = {
  position: number;
  /** Milliseconds since the epoch. */
  time: number;
  kind: TxKind;
  reducer: string | null;
  caller: string;
  status: Outcome['status'];
  /** Rows inserted plus rows deleted. */
  changes: number;
  /** Rows per table (in `tables` order) right after the entry. */
  rows: number[];
};

export type RowChange = {
  table: string;
  columns: string[];
  inserted: Json[][];
  deleted: Json[][];
  updated: { before: Json[]; after: Json[] }[];
};

export type EntryDetail = {
  position: number;
  kind: TxKind;
  reducer: string | null;
  caller: string;
  connectionId: string | null;
  /** RFC 3339, microsecond precision. */
  timestamp: string;
  durationMs: number;
  outcome: Outcome;
  args: Json | null;
  sql: string | null;
  logs: LogLine[];
  changes: RowChange[];
};

const stored = (schema: ModuleSchema): TableSchema[] => schema.tables.filter(t => !t.view);
export const timeOf = (e: LogEntry): number => Number(e.timestamp / 1000n);

export type Who = { owner: bigint; database: bigint };

/** The plot's points from `from` on, with the tables their `rows` count. */
export function historyPoints(entries: readonly LogEntry[], schema: ModuleSchema, who: Who, from = 0): { tables: string[]; points: HistoryPoint[] } {
  const tables = stored(schema);
  const slot = new Map(tables.map((t, i) => [t.id, i]));
  const rows = tables.map(() => 0);
  const names = createCallerNames(who.owner, who.database);
  const points: HistoryPoint[] = [];
  for (const e of entries) {
    names.see(e);
    let changes = 0;
    for (const d of e.delta) {
      const i = slot.get(d.tableId);
      if (i !== undefined) rows[i]! += d.inserts.length - d.deletes.length;
      changes += d.inserts.length + d.deletes.length;
    }
    if (e.position < from) continue;
    points.push({
      position: e.position,
      time: timeOf(e),
      kind: e.kind,
      reducer: e.reducer ?? null,
      caller: names.nameOf(e.sender),
      status: e.outcome.status,
      changes,
      rows: rows.slice(),
    });
  }
  return { tables: tables.map(t => t.name), points };
}

/** A row as values in column order (the bytes in hex if the schema no longer decodes it). */
export function rowValues(schema: ModuleSchema, table: TableSchema, bytes: Uint8Array): Json[] {
  try {
    const row = decodeRowJson(table.rowType, schema.typespace, bytes);
    return table.columns.map(c => row[c.sourceName] ?? null);
  } catch {
    return [{ hex: bytesToHex(bytes) }];
  }
}

function rowChange(schema: ModuleSchema, table: TableSchema, d: TableDelta): RowChange {
  const deleted = d.deletes.map(b => rowValues(schema, table, b));
  const inserted = d.inserts.map(b => rowValues(schema, table, b));
  const updated: RowChange['updated'] = [];
  const pk = table.primaryKey;
  if (pk.length > 0) {
    const keyOf = (row: Json[]): string => JSON.stringify(pk.map(i => row[i] ?? null));
    const byKey = new Map(inserted.map((row, i) => [keyOf(row), i]));
    const paired = new Set<number>();
    for (let i = deleted.length - 1; i >= 0; i--) {
      const j = byKey.get(keyOf(deleted[i]!));
      if (j === undefined || paired.has(j)) continue;
      paired.add(j);
      updated.unshift({ before: deleted[i]!, after: inserted[j]! });
      deleted.splice(i, 1);
    }
    const rest = inserted.filter((_, j) => !paired.has(j));
    return { table: table.name, columns: table.columns.map(c => c.name), inserted: rest, deleted, updated };
  }
  return { table: table.name, columns: table.columns.map(c => c.name), inserted, deleted, updated };
}

/** One entry in full; `caller` names its sender. */
export function entryDetail(e: LogEntry, schema: ModuleSchema, caller: string): EntryDetail {
  const reducer = e.reducer === undefined ? undefined : schema.reducers.find(r => r.name === e.reducer);
  let args: Json | null = null;
  if (e.args && e.args.length > 0) {
    try {
      args = reducer ? decodeRowJson(reducer.paramsType, schema.typespace, e.args) : { hex: bytesToHex(e.args) };
    } catch {
      args = { hex: bytesToHex(e.args) };
    }
  }
  const changes: RowChange[] = [];
  for (const d of e.delta) {
    const table = schema.tables[d.tableId];
    if (table) changes.push(rowChange(schema, table, d));
  }
  return {
    position: e.position,
    kind: e.kind,
    reducer: e.reducer ?? null,
    caller,
    connectionId: e.connectionId === 0n ? null : toHex(e.connectionId, 16),
    timestamp: formatTimestamp(e.timestamp),
    durationMs: e.durationMs,
    outcome: e.outcome,
    args,
    sql: e.sql ?? null,
    logs: e.logs,
    changes,
  };
}
