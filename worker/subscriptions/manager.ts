/**
 * How it works: each connection holds query sets; each query is compiled as
 * its subscriber (RLS expanded, `:sender` bound) and shared with every other
 * subscriber for whom it compiles the same (same SQL, same owner-ness, same
 * sender when it depends on one). After a commit, each shared query's change
 * is computed once from the delta (`fragment-eval.ts`) and fanned out to its
 * subscribers, grouped per (connection, query set, table) as upstream does
 * (crates/core/src/subscription/module_subscription_manager.rs).
 */
import type { TxDelta } from '../db/datastore-types.ts';
import type { ModuleSchema, TableSchema } from '../module/schema-types.ts';
import type { Row } from '../sql/eval.ts';
import { compileSubscription, type SubscriptionPlan } from '../sql/subscription.ts';
import { rowKey } from '../sql/values.ts';
import type { Datastore } from '../db/datastore-types.ts';
import { evalFragmentDelta, evalFragmentFull, type ChangeSet } from './fragment-eval.ts';
import type { Views } from '../engine/views.ts';
import { createQueryIndex } from './pruning.ts';

export type Subscriber = { identity: bigint; connectionId: bigint; isOwner: boolean };
/** Rows of one query for one table (`SingleTableRows` / one `TableUpdateRows`). */
export type QueryRows = { table: TableSchema; inserts: Uint8Array[]; deletes: Uint8Array[]; /** The compiled query's SQL. */ sql?: string };
export type QuerySetUpdate = {
  querySetId: number;
  tables: { table: TableSchema; rows: QueryRows[] }[];
  /** Set when re-evaluating the set failed: upstream then drops it and reports `Internal error evaluating queries`. */
  error?: string;
};

type SharedQuery = {
  key: string;
  plan: SubscriptionPlan;
  subscribers: Map<bigint, Set<number>>;
  /** The sender whose view rows the query reads; undefined when it reads no view. */
  viewSender: bigint | undefined;
  viewTables: TableSchema[];
  /** Creation order: updates list queries in the order they were first subscribed. */
  order: number;
};
type QuerySet = { id: number; queries: SharedQuery[] };

export type SubscribeResult = { ok: true; rows: QueryRows[] } | { ok: false; error: string };

export function createSubscriptionManager(store: Datastore, schema: ModuleSchema, views?: Views) {
  const ts = schema.typespace;
  const shared = new Map<string, SharedQuery>();
  const connections = new Map<bigint, { subscriber: Subscriber; sets: Map<number, QuerySet> }>();
  /** Last rows of each (view table, sender) that live queries read, to diff after each commit. */
  const viewRows = new Map<string, { table: TableSchema; sender: bigint; rows: Uint8Array[] }>();
  const index = createQueryIndex<SharedQuery>(ts);
  let created = 0;
  const viewKey = (t: TableSchema, sender: bigint) => `${t.id}|${t.view!.anonymous ? '*' : sender}`;

  const storeOf = (q: SharedQuery): Datastore => {
    if (q.viewSender === undefined || !views) return store;
    const cache = new Map<number, Uint8Array[]>();
    for (const t of q.viewTables) {
      const v = viewRows.get(viewKey(t, q.viewSender));
      if (v) cache.set(t.id, v.rows);
    }
    return views.storeFor(q.viewSender, cache);
  };

  const currentRows = (q: SharedQuery): Uint8Array[] => {
    const out: Uint8Array[] = [];
    const s = storeOf(q);
    for (const f of q.plan.fragments) evalFragmentFull(s, ts, f, q.plan.returnAlias, r => out.push(r.bytes));
    return out;
  };

  const trackViews = (q: SharedQuery): void => {
    if (q.viewSender === undefined || !views) return;
    for (const t of q.viewTables) {
      const k = viewKey(t, q.viewSender);
      if (!viewRows.has(k)) viewRows.set(k, { table: t, sender: q.viewSender, rows: views.materialize(t, q.viewSender) });
    }
  };

  /** Re-runs the tracked views and returns each one's changes (a view's inputs may have changed). */
  const viewChanges = (): Map<string, { inserts: Uint8Array[]; deletes: Uint8Array[] }> => {
    const out = new Map<string, { inserts: Uint8Array[]; deletes: Uint8Array[] }>();
    if (!views) return out;
    for (const [k, v] of viewRows) {
      const next = views.materialize(v.table, v.sender);
      const counts = new Map<string, { row: Uint8Array; n: number }>();
      for (const r of v.rows) {
        const c = counts.get(rowKey(r));
        if (c) c.n--;
        else counts.set(rowKey(r), { row: r, n: -1 });
      }
      for (const r of next) {
        const c = counts.get(rowKey(r));
        if (c) c.n++;
        else counts.set(rowKey(r), { row: r, n: 1 });
      }
      const inserts: Uint8Array[] = [];
      const deletes: Uint8Array[] = [];
      for (const { row, n } of counts.values()) {
        for (let i = 0; i < n; i++) inserts.push(row);
        for (let i = 0; i > n; i--) deletes.push(row);
      }
      v.rows = next;
      if (inserts.length || deletes.length) out.set(k, { inserts, deletes });
    }
    return out;
  };

  const release = (connectionId: bigint, set: QuerySet): void => {
    for (const q of set.queries) {
      const sets = q.subscribers.get(connectionId);
      sets?.delete(set.id);
      if (sets && sets.size === 0) q.subscribers.delete(connectionId);
      if (q.subscribers.size === 0) {
        shared.delete(q.key);
        index.remove(q);
        untrackViews();
      }
    }
  };

  const untrackViews = (): void => {
    const live = new Set<string>();
    for (const q of shared.values()) if (q.viewSender !== undefined) for (const t of q.viewTables) live.add(viewKey(t, q.viewSender));
    for (const k of viewRows.keys()) if (!live.has(k)) viewRows.delete(k);
  };

  return {
    /** Compiles a query set all-or-nothing and returns its initial rows, one entry per query. */
    subscribe(sub: Subscriber, querySetId: number, queries: string[]): SubscribeResult {
      const conn = connections.get(sub.connectionId) ?? { subscriber: sub, sets: new Map<number, QuerySet>() };
      if (conn.sets.has(querySetId)) {
        return { ok: false, error: `Subscription with id QuerySetId { id: ${querySetId} } already exists for client: ${sub.connectionId.toString(16).padStart(32, '0')}` };
      }
      const compiled: SharedQuery[] = [];
      for (const sql of queries) {
        const c = compileSubscription(schema, sql, { caller: sub.identity, isOwner: sub.isOwner, sender: sub.identity });
        if (!c.ok) return { ok: false, error: `${c.error.message}, executing: \`${sql}\`` };
        for (const plan of c.plans) {
          const viewTables = [...new Set(plan.fragments.flatMap(f => f.rels.map(r => r.table)).filter(t => t.view))];
          const perSender = plan.hasParam || viewTables.some(t => !t.view!.anonymous);
          const key = `${sub.isOwner ? 'owner' : 'client'}|${perSender ? sub.identity.toString(16) : '*'}|${plan.sql}`;
          let q = shared.get(key);
          if (!q) {
            shared.set(key, (q = { key, plan, subscribers: new Map(), viewSender: viewTables.length ? sub.identity : undefined, viewTables, order: created++ }));
            index.add(q, plan.fragments);
          }
          trackViews(q);
          compiled.push(q);
        }
      }
      const set: QuerySet = { id: querySetId, queries: compiled };
      for (const q of compiled) {
        const sets = q.subscribers.get(sub.connectionId) ?? new Set<number>();
        sets.add(querySetId);
        q.subscribers.set(sub.connectionId, sets);
      }
      conn.sets.set(querySetId, set);
      connections.set(sub.connectionId, conn);
      return { ok: true, rows: compiled.map(q => ({ table: q.plan.returnTable, inserts: currentRows(q), deletes: [] })) };
    },
    /** Drops a query set; returns the rows it held (one entry per query), or undefined when unknown. */
    unsubscribe(connectionId: bigint, querySetId: number): QueryRows[] | undefined {
      const conn = connections.get(connectionId);
      const set = conn?.sets.get(querySetId);
      if (!conn || !set) return undefined;
      const rows = set.queries.map(q => ({ table: q.plan.returnTable, inserts: currentRows(q), deletes: [] }));
      conn.sets.delete(querySetId);
      release(connectionId, set);
      return rows;
    },
    /** Forgets a connection's query sets (disconnect). */
    drop(connectionId: bigint): void {
      const conn = connections.get(connectionId);
      if (!conn) return;
      for (const set of conn.sets.values()) release(connectionId, set);
      connections.delete(connectionId);
    },
    /** Each affected connection's updates for a committed transaction, computed from its delta. */
    updatesFor(delta: TxDelta): Map<bigint, QuerySetUpdate[]> {
      const out = new Map<bigint, QuerySetUpdate[]>();
      if (delta.length === 0 || shared.size === 0) return out;
      const changes: ChangeSet = new Map();
      const change = (table: TableSchema, ins: Uint8Array[], del: Uint8Array[]) => ({
        inserts: ins.map(bytes => ({ bytes, table })),
        deletes: del.map(bytes => ({ bytes, table })),
        inserted: new Set(ins.map(rowKey)),
      });
      for (const d of delta) changes.set(d.tableId, change(schema.tables[d.tableId]!, d.inserts, d.deletes));
      const failed: SharedQuery[] = [];
      let viewDeltas: ReturnType<typeof viewChanges> | undefined;
      try {
        viewDeltas = viewRows.size ? viewChanges() : undefined;
      } catch {
        // A view that throws fails every query set reading a view (below, per query).
        viewDeltas = undefined;
        for (const q of shared.values()) if (q.viewSender !== undefined) failed.push(q);
      }
      const reach = index.candidates(changes);
      if (viewDeltas) for (const q of shared.values()) if (q.viewSender !== undefined) reach.add(q);
      for (const q of [...reach].sort((a, b) => a.order - b.order)) {
        if (failed.includes(q)) continue;
        let qChanges = changes;
        if (q.viewSender !== undefined && viewDeltas) {
          qChanges = new Map(changes);
          for (const t of q.viewTables) {
            const vd = viewDeltas.get(viewKey(t, q.viewSender));
            if (vd) qChanges.set(t.id, change(t, vd.inserts, vd.deletes));
          }
        }
        if (!q.plan.fragments.some(f => f.rels.some(r => qChanges.has(r.table.id)))) continue;
        let rows: QueryRows | undefined;
        try {
          rows = netChange(q, storeOf(q), ts, qChanges);
        } catch {
          failed.push(q);
          continue;
        }
        if (!rows) continue;
        for (const [connectionId, setIds] of q.subscribers) {
          let updates = out.get(connectionId);
          if (!updates) out.set(connectionId, (updates = []));
          for (const id of setIds) {
            let u = updates.find(x => x.querySetId === id);
            if (!u) updates.push((u = { querySetId: id, tables: [] }));
            let t = u.tables.find(x => x.table === rows.table);
            if (!t) u.tables.push((t = { table: rows.table, rows: [] }));
            t.rows.push(rows);
          }
        }
      }
      // upstream module_subscription_manager.rs: a set whose queries fail to
      // re-evaluate gets `SubscriptionError { request_id: None }` and is dropped.
      for (const q of new Set(failed)) {
        for (const [connectionId, setIds] of [...q.subscribers]) {
          const conn = connections.get(connectionId);
          let updates = out.get(connectionId);
          if (!updates) out.set(connectionId, (updates = []));
          for (const id of [...setIds]) {
            const set = conn?.sets.get(id);
            if (conn && set) {
              conn.sets.delete(id);
              release(connectionId, set);
            }
            const u = updates.find(x => x.querySetId === id);
            if (u) u.error = 'Internal error evaluating queries';
            else updates.push({ querySetId: id, tables: [], error: 'Internal error evaluating queries' });
          }
        }
      }
      return out;
    },
    /** How many distinct compiled queries are live (tests and the UI's stats). */
    sharedQueries: () => shared.size,
  };
}

function netChange(q: SharedQuery, store: Datastore, ts: ModuleSchema['typespace'], changes: ChangeSet): QueryRows | undefined {
  const counts = new Map<string, { row: Row; n: number }>();
  for (const f of q.plan.fragments) {
    evalFragmentDelta(store, ts, changes, f, q.plan.returnAlias, (row, sign) => {
      const k = rowKey(row.bytes);
      const c = counts.get(k);
      if (c) c.n += sign;
      else counts.set(k, { row, n: sign });
    });
  }
  const inserts: Uint8Array[] = [];
  const deletes: Uint8Array[] = [];
  for (const { row, n } of counts.values()) {
    for (let i = 0; i < n; i++) inserts.push(row.bytes);
    for (let i = 0; i > n; i--) deletes.push(row.bytes);
  }
  if (!inserts.length && !deletes.length) return undefined;
  return { table: q.plan.returnTable, inserts, deletes, sql: q.plan.sql };
}

export type SubscriptionManager = ReturnType<typeof createSubscriptionManager>;
