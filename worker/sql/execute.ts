/**
 * Ad-hoc SQL (`spacetime sql`, `POST /v1/database/:db/sql`): parse, type as
 * the caller, then read (with row-level security for non-owners) or write.
 * Writes need the owner and run as their own committed transaction; the
 * engine broadcasts the returned delta like any other transaction's.
 */
import type { Datastore, TxDelta } from '../db/datastore-types.ts';
import type { ModuleSchema } from '../module/schema-types.ts';
import type { Json } from '../values/json-codec.ts';
import { err, toSqlError, type SqlErrorCode } from './errors.ts';
import { planDml, runDml } from './dml.ts';
import type { EvalContext } from './eval.ts';
import { parseSql } from './grammar.ts';
import { createRls } from './rls.ts';
import { U64 } from './sats.ts';
import { createSchemaView, type SqlAuth } from './schema-view.ts';
import { runSelect, type SqlColumn } from './select.ts';
import { typeStatement } from './statement.ts';

export type ExecuteOptions = SqlAuth & {
  params?: { sender?: bigint };
  /** System variables (`SET row_limit = 100`), kept by the caller across statements. */
  vars?: Map<string, bigint>;
};

export type SqlStats = { rowsInserted: number; rowsDeleted: number; rowsUpdated: number };

export type SqlSuccess = {
  columns: SqlColumn[];
  rows: Json[][];
  stats: SqlStats;
  /** Only for DML: what the statement's transaction changed (empty tables omitted). */
  delta: TxDelta | undefined;
};

export type SqlOutcome = { ok: true; value: SqlSuccess } | { ok: false; error: { code: SqlErrorCode; message: string; detail?: string } };

const NO_STATS: SqlStats = { rowsInserted: 0, rowsDeleted: 0, rowsUpdated: 0 };

export function executeSql(store: Datastore, schema: ModuleSchema, sql: string, options: ExecuteOptions): SqlOutcome {
  try {
    return { ok: true, value: run(store, schema, sql, options) };
  } catch (e) {
    const error = toSqlError(e);
    return { ok: false, error: { code: error.code, message: error.message, ...(error.detail ? { detail: error.detail } : {}) } };
  }
}

function run(store: Datastore, schema: ModuleSchema, sql: string, options: ExecuteOptions): SqlSuccess {
  const view = createSchemaView(schema, options, options.params?.sender ?? options.caller);
  const stmt = typeStatement(view, parseSql(sql));
  const ctx: EvalContext = { store, ts: schema.typespace };
  switch (stmt.kind) {
    case 'select': {
      const rls = createRls(view, store);
      const result = runSelect(stmt.plan, { ...ctx, visible: t => rls.visible(t) });
      return { ...result, stats: NO_STATS, delta: undefined };
    }
    case 'show': {
      const value = options.vars?.get(stmt.name);
      return { columns: [{ name: 'value', type: U64 }], rows: value === undefined ? [] : [[Number(value)]], stats: NO_STATS, delta: undefined };
    }
    default:
      break;
  }
  if (!options.isOwner) throw err.notAuthorized(options.caller);
  if (stmt.kind === 'set') {
    options.vars?.set(stmt.name, stmt.value);
    return { columns: [], rows: [], stats: NO_STATS, delta: undefined };
  }
  const plan = planDml(stmt, ctx);
  const { rowsAffected, delta } = runDml(store, plan);
  const stats = {
    rowsInserted: plan.kind === 'insert' ? rowsAffected : 0,
    rowsDeleted: plan.kind === 'delete' ? rowsAffected : 0,
    rowsUpdated: plan.kind === 'update' ? rowsAffected : 0,
  };
  return { columns: [], rows: [], stats, delta };
}
