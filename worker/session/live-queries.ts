/**
 * The Subscriptions panel's live queries: a subscription manager of their
 * own (the protocol server's belongs to SDK clients), evaluated as the owner
 * or as a client (RLS applies), whose changes are streamed per transaction
 * with the reducer and caller that caused them.
 */
import type { Database } from '../engine/database.ts';
import type { TxRecord } from '../engine/records.ts';
import type { TableSchema } from '../module/schema-types.ts';
import { createSubscriptionManager, type QueryRows } from '../subscriptions/manager.ts';
import { decodeRowJson, type Json } from '../values/json-codec.ts';
import type { Clients } from './clients.ts';

export type LiveRows = { table: string; inserts: Json[]; deletes: Json[] };
export type LiveEvent = {
  type: 'live';
  /** The id the page chose when subscribing. */
  id: number;
  seq: number;
  reducer: string | null;
  caller: string;
  timestamp: bigint;
  tables: LiveRows[];
};
export type LiveResult = { ok: true; tables: LiveRows[] } | { ok: false; error: string };

/** Pseudo connection ids for live queries, far from any real one. */
const BASE = 1n << 126n;

function rowJson(db: Database, table: TableSchema, bytes: Uint8Array): Json {
  const row = decodeRowJson(table.rowType, db.schema.typespace, bytes);
  const out: Record<string, Json> = {};
  table.columns.forEach(c => (out[c.name] = row[c.sourceName] ?? null));
  return out;
}

function merge(db: Database, parts: { table: TableSchema; rows: QueryRows[] }[]): LiveRows[] {
  const byTable = new Map<TableSchema, LiveRows>();
  for (const { table, rows } of parts) {
    let acc = byTable.get(table);
    if (!acc) byTable.set(table, (acc = { table: table.name, inserts: [], deletes: [] }));
    for (const q of rows) {
      acc.inserts.push(...q.inserts.map(b => rowJson(db, table, b)));
      acc.deletes.push(...q.deletes.map(b => rowJson(db, table, b)));
    }
  }
  return [...byTable.values()];
}

export function createLiveQueries(db: Database, clients: Clients, emit: (e: LiveEvent) => void) {
  const subs = createSubscriptionManager(db.store, db.schema, db.views);
  const callerName = (r: TxRecord): string =>
    r.sender === db.owner ? 'owner' : r.sender === db.databaseIdentity ? 'database' : (clients.nameOf(r.sender) ?? 'anonymous');

  db.onTransaction(r => {
    if (r.outcome.status !== 'committed' || r.delta.length === 0) return;
    for (const [connectionId, updates] of subs.updatesFor(r.delta)) {
      const tables = merge(db, updates.flatMap(u => u.tables));
      if (tables.length === 0) continue;
      const id = Number(connectionId - BASE);
      emit({ type: 'live', id, seq: r.seq, reducer: r.reducer ?? r.kind, caller: callerName(r), timestamp: r.timestamp, tables });
    }
  });

  return {
    /** Starts live query `id` as the owner (`as` null) or a client; answers its current rows. */
    subscribe(id: number, queries: string[], as: string | null): LiveResult {
      const identity = as === null ? db.owner : clients.identityOf(as);
      const connectionId = BASE + BigInt(id);
      subs.drop(connectionId);
      const r = subs.subscribe({ identity, connectionId, isOwner: as === null }, 1, queries);
      if (!r.ok) return { ok: false, error: r.error };
      return { ok: true, tables: merge(db, r.rows.map(q => ({ table: q.table, rows: [q] }))) };
    },
    unsubscribe(id: number): void {
      subs.drop(BASE + BigInt(id));
    },
  };
}
