/**
 * DML: planning (which stored rows go, which new rows come) and running the
 * plan as one transaction of its own. UPDATE replaces each matching row by
 * a delete and an insert, after all matches are found (as upstream's doc
 * says: "the rows are updated after the WHERE condition is evaluated for all rows").
 */
import type { Datastore, TxDelta } from '../db/datastore-types.ts';
import type { TableSchema } from '../module/schema-types.ts';
import { evaluate, type EvalContext } from './eval.ts';
import type { Expr, RelExpr } from './plan.ts';
import type { Statement } from './statement.ts';
import { rowCodec } from './values.ts';

export type DmlPlan = {
  kind: 'insert' | 'update' | 'delete';
  table: TableSchema;
  /** Stored rows to remove (BSATN, as stored). */
  deletes: Uint8Array[];
  /** New rows (BSATN); autoinc columns holding 0 get their value on insert. */
  inserts: Uint8Array[];
};

export type DmlResult = {
  /** Rows inserted, deleted, or updated (an update counts once). */
  rowsAffected: number;
  delta: TxDelta;
};

function matching(table: TableSchema, filter: Expr | undefined, ctx: EvalContext): Uint8Array[] {
  const scan: RelExpr = { kind: 'scan', rel: { table, alias: table.name } };
  const rel: RelExpr = filter ? { kind: 'filter', input: scan, pred: filter } : scan;
  return [...evaluate(rel, ctx)].map(t => t[table.name]!.bytes);
}

export function planDml(stmt: Statement & { kind: 'insert' | 'update' | 'delete' }, ctx: EvalContext): DmlPlan {
  const { table } = stmt;
  const codec = rowCodec(table, ctx.ts);
  const toObject = (values: unknown[]): Record<string, unknown> => Object.fromEntries(codec.keys.map((k, i) => [k, values[i]]));
  switch (stmt.kind) {
    case 'insert':
      return { kind: 'insert', table, deletes: [], inserts: stmt.rows.map(r => codec.encode(toObject(r))) };
    case 'delete':
      return { kind: 'delete', table, deletes: matching(table, filterFor(stmt.filter, table), ctx), inserts: [] };
    case 'update': {
      const deletes = matching(table, filterFor(stmt.filter, table), ctx);
      const inserts = deletes.map(bytes => {
        const row = { ...codec.decode(bytes) };
        for (const { column, value } of stmt.set) row[codec.keys[column]!] = value;
        return codec.encode(row);
      });
      return { kind: 'update', table, deletes, inserts };
    }
  }
}

/** DML filters name the table as written; evaluation binds it under the canonical name. */
function filterFor(filter: Expr | undefined, table: TableSchema): Expr | undefined {
  if (filter === undefined) return undefined;
  const rename = (e: Expr): Expr => {
    if (e.kind === 'field') return { kind: 'field', field: { ...e.field, alias: table.name } };
    if (e.kind === 'bin' || e.kind === 'log') return { ...e, left: rename(e.left), right: rename(e.right) };
    return e;
  };
  return rename(filter);
}

/** Runs the plan in its own transaction: all of it commits, or nothing does. */
export function runDml(store: Datastore, plan: DmlPlan): DmlResult {
  store.begin();
  try {
    if (plan.deletes.length > 0) store.deleteAllByEq(plan.table.id, plan.deletes);
    for (const row of plan.inserts) store.insert(plan.table.id, row);
    const delta = store.commit();
    return { rowsAffected: plan.kind === 'insert' ? plan.inserts.length : plan.deletes.length, delta };
  } catch (e) {
    store.rollback();
    throw e;
  }
}
