/**
 * Scenario steps that read or watch the database the way clients do: ad-hoc
 * SQL, and subscriptions whose later changes print as
 * `{"client", "table", "inserts", "deletes"}` lines after the step that
 * caused them.
 */
import type { Caller, Database } from '../engine/database.ts';
import type { TxRecord } from '../engine/records.ts';
import type { TableSchema } from '../module/schema-types.ts';
import { createSubscriptionManager, type QueryRows, type SubscriptionManager } from '../subscriptions/manager.ts';
import { decodeRowJson, type Json } from '../values/json-codec.ts';
import { ScenarioError } from './steps.ts';

type Line = Record<string, Json>;
export type Watcher = { name: string; caller: Caller };
type SubscribeStep = { step: number; client: string; queries: string[]; querySetId: number };

function rowJson(db: Database, table: TableSchema, bytes: Uint8Array): Json {
  const row = decodeRowJson(table.rowType, db.schema.typespace, bytes);
  const out: Record<string, Json> = {};
  table.columns.forEach(c => (out[c.name] = row[c.sourceName] ?? null));
  return out;
}

/** Rows keyed by table name, in the order the queries listed them. */
function rowsByTable(db: Database, rows: QueryRows[]): Record<string, Json[]> {
  const out: Record<string, Json[]> = {};
  for (const r of rows) (out[r.table.name] ??= []).push(...r.inserts.map(b => rowJson(db, r.table, b)));
  return out;
}

export function createLiveSteps(db: Database) {
  const subs: SubscriptionManager = createSubscriptionManager(db.store, db.schema, db.views);
  const watchers = new Map<bigint, Watcher>();
  const steps: SubscribeStep[] = [];
  let pending: Line[] = [];
  let nextSet = 1;

  db.onTransaction((r: TxRecord) => {
    if (r.outcome.status !== 'committed') return;
    for (const [connectionId, updates] of subs.updatesFor(r.delta)) {
      const w = watchers.get(connectionId);
      if (!w) continue;
      const byTable = new Map<TableSchema, { inserts: Json[]; deletes: Json[] }>();
      for (const u of updates) {
        for (const t of u.tables) {
          let acc = byTable.get(t.table);
          if (!acc) byTable.set(t.table, (acc = { inserts: [], deletes: [] }));
          for (const q of t.rows) {
            acc.inserts.push(...q.inserts.map(b => rowJson(db, t.table, b)));
            acc.deletes.push(...q.deletes.map(b => rowJson(db, t.table, b)));
          }
        }
      }
      for (const [table, acc] of byTable) pending.push({ client: w.name, table: table.name, inserts: acc.inserts, deletes: acc.deletes });
    }
  });

  return {
    /** Update lines collected since the last call (printed after the step's own line). */
    takeUpdates(): Line[] {
      const out = pending;
      pending = [];
      return out;
    },
    /** A client's connection went away: its subscriptions end. */
    dropConnection(connectionId: bigint): void {
      subs.drop(connectionId);
      watchers.delete(connectionId);
    },
    sql(text: string, caller: Caller): Line {
      const r = db.sql(text, caller);
      if (!r.ok) return { ok: false, error: r.error.message };
      const { columns, rows, delta } = r.value;
      if (delta) {
        const s = r.value.stats;
        return { ok: true, rows: [], affected: s.rowsInserted + s.rowsDeleted + s.rowsUpdated };
      }
      return { ok: true, rows: rows.map(values => Object.fromEntries(columns.map((c, i) => [c.name, values[i] ?? null]))) };
    },
    subscribe(step: number, client: string, caller: Caller, queries: string[]): Line {
      const querySetId = nextSet++;
      const r = subs.subscribe({ identity: caller.identity, connectionId: caller.connectionId, isOwner: caller.identity === db.owner }, querySetId, queries);
      if (!r.ok) return { ok: false, error: r.error };
      watchers.set(caller.connectionId, { name: client, caller });
      steps.push({ step, client, queries, querySetId });
      return { ok: true, rows: rowsByTable(db, r.rows) };
    },
    unsubscribe(client: string, caller: Caller, which: string[] | number): Line {
      const found = steps.find(s => s.client === client && (typeof which === 'number' ? s.step === which : s.queries.join('\n') === which.join('\n')));
      if (!found) throw new ScenarioError(undefined, `client "${client}" has no subscription ${JSON.stringify(which)} (give the queries of an earlier subscribe step, or its step index)`);
      steps.splice(steps.indexOf(found), 1);
      const rows = subs.unsubscribe(caller.connectionId, found.querySetId) ?? [];
      return { ok: true, rows: rowsByTable(db, rows) };
    },
  };
}
