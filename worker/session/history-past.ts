/**
 * Reading the database as it was right after entry `p` of a timeline:
 * table rows straight from the seek index, and SQL — the SQL panel's, and
 * each client's subscription queries, as that client (row-level security
 * applies) — against a fresh datastore loaded with `stateAt(p)`. Nothing
 * here writes: the past is read-only. The last few past datastores are
 * kept, since the panels ask about the same position one after another.
 */
import { createDatastore, restore } from '../db/datastore.ts';
import type { Datastore } from '../db/datastore-types.ts';
import { identityFromClaims, LOCAL_ISSUER } from '../engine/identity.ts';
import type { Timeline } from '../history/timelines.ts';
import type { ModuleSchema } from '../module/schema-types.ts';
import { executeSql } from '../sql/execute.ts';
import { formatType, type Json } from '../values/json-codec.ts';
import { subjectOf } from './history-inputs.ts';
import { rowValues } from './history-views.ts';
import type { ClientSpec } from './project-store.ts';
import type { RowsResult, SqlResult, TableCount } from './requests.ts';
import { fail } from './results.ts';

/** What a client held at a position: each of its queries' rows, as it was allowed to see them. */
export type PastClient = { name: string; connected: boolean; queries: PastQuery[] };
export type PastQuery = { query: string; columns: string[]; rows: Json[][]; error: string | null };
/** What a transaction sent a client for one of its queries. */
export type Delivery = { client: string; query: string; columns: string[]; inserts: Json[][]; deletes: Json[][] };

const WRITE = /^\s*(insert|update|delete)\b/i;
const KEPT = 4;

export function createPastReader() {
  const kept: { t: Timeline; schema: ModuleSchema; p: number; store: Datastore }[] = [];

  function storeAt(t: Timeline, schema: ModuleSchema, p: number): Datastore {
    const hit = kept.find(k => k.t === t && k.schema === schema && k.p === p);
    if (hit) return hit.store;
    const store = createDatastore(schema);
    restore(store, t.index.stateAt(p));
    kept.unshift({ t, schema, p, store });
    kept.length = Math.min(kept.length, KEPT);
    return store;
  }

  function select(t: Timeline, schema: ModuleSchema, p: number, text: string, as: string | null) {
    const caller = as === null ? t.history.header.database.owner : identityFromClaims(LOCAL_ISSUER, as);
    return executeSql(storeAt(t, schema, p), schema, text, { caller, isOwner: as === null, params: { sender: caller } });
  }

  const query = (t: Timeline, schema: ModuleSchema, p: number, q: string, as: string): PastQuery => {
    const r = select(t, schema, p, q, as);
    if (!r.ok) return { query: q, columns: [], rows: [], error: r.error.message };
    return { query: q, columns: r.value.columns.map(c => c.name), rows: r.value.rows, error: null };
  };

  return {
    tables: (t: Timeline, schema: ModuleSchema, p: number): TableCount[] =>
      schema.tables.filter(s => !s.view).map(s => ({ name: s.name, rows: t.index.rowsAt(s.id, p).length })),
    rows(t: Timeline, schema: ModuleSchema, p: number, name: string, limit: number): RowsResult {
      const table = schema.tables.find(s => s.name === name) ?? schema.tables.find(s => s.sourceName === name);
      if (!table || table.view) return fail('no-such-table', `No table named "${name}".`);
      const all = t.index.rowsAt(table.id, p);
      const rows = all.slice(0, limit).map(b => {
        const values = rowValues(schema, table, b);
        return Object.fromEntries(table.columns.map((c, i) => [c.name, values[i] ?? null]));
      });
      return { ok: true, rows, total: all.length };
    },
    sql(t: Timeline, schema: ModuleSchema, p: number, text: string, as: string | null): SqlResult {
      if (!text.trim()) return fail('sql', 'Write a query first, e.g. SELECT * FROM <table>.');
      if (WRITE.test(text)) return fail('sql', `Viewing #${p}: the past is read-only. Go back to live to change data.`);
      const start = performance.now();
      const r = select(t, schema, p, text, as);
      if (!r.ok) return fail('sql', r.error.message);
      const columns = r.value.columns.map(c => ({ name: c.name, type: formatType(c.type, schema.typespace) }));
      return { ok: true, columns, rows: r.value.rows, affected: 0, durationMs: performance.now() - start, tx: null };
    },
    /** Each client's view at `p`: its queries' rows if it had a connection open then. */
    clients(t: Timeline, schema: ModuleSchema, p: number, specs: ClientSpec[]): PastClient[] {
      const open = connectedAt(t, p);
      return specs.map(c => ({
        name: c.name,
        connected: open.has(c.name),
        queries: open.has(c.name) ? c.queries.map(q => query(t, schema, p, q, c.name)) : [],
      }));
    },
    /** What entry `p` changed in the view of each client connected before and after it. */
    delivered(t: Timeline, schema: ModuleSchema, p: number, specs: ClientSpec[]): Delivery[] {
      if (p === 0) return [];
      const before = connectedAt(t, p - 1);
      const after = connectedAt(t, p);
      const out: Delivery[] = [];
      for (const c of specs) {
        if (!before.has(c.name) || !after.has(c.name)) continue;
        for (const q of c.queries) {
          const a = query(t, schema, p - 1, q, c.name);
          const b = query(t, schema, p, q, c.name);
          if (a.error || b.error) continue;
          const { inserts, deletes } = diffRows(a.rows, b.rows);
          if (inserts.length || deletes.length) out.push({ client: c.name, query: q, columns: b.columns, inserts, deletes });
        }
      }
      return out;
    },
  };
}

/** Names of the clients with an open connection right after entry `p`. */
function connectedAt(t: Timeline, p: number): Set<string> {
  const byConnection = new Map<bigint, string>();
  for (const e of t.history.entries.slice(0, p + 1)) {
    if (e.kind === 'connect' && e.outcome.status === 'committed') {
      const sub = subjectOf(e.jwtPayload);
      if (sub !== undefined) byConnection.set(e.connectionId, sub);
    } else if (e.kind === 'disconnect') byConnection.delete(e.connectionId);
  }
  return new Set(byConnection.values());
}

/** Rows of `after` not in `before` and the reverse, as multisets. */
function diffRows(before: Json[][], after: Json[][]): { inserts: Json[][]; deletes: Json[][] } {
  const left = new Map<string, number>();
  for (const r of before) left.set(JSON.stringify(r), (left.get(JSON.stringify(r)) ?? 0) + 1);
  const inserts: Json[][] = [];
  for (const r of after) {
    const k = JSON.stringify(r);
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else inserts.push(r);
  }
  const deletes = before.filter(r => {
    const k = JSON.stringify(r);
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    return n > 0;
  });
  return { inserts, deletes };
}
