/**
 * Subscription queries compiled for (later) incremental evaluation: the
 * return table, the join with the index each side offers and the one the
 * planner would probe, and the predicate. Compilation follows upstream's
 * `SubscriptionPlan::compile`: type as the caller, expand RLS rules for
 * non-owners, refuse non-index joins, then more than two tables.
 * `SELECT * FROM *` means one plan per table the caller can read.
 */
import type { Datastore } from '../db/datastore-types.ts';
import type { IndexSchema, ModuleSchema, TableSchema } from '../module/schema-types.ts';
import { hasParam } from './ast.ts';
import { expectTableType, typeSelect } from './check.ts';
import { err, toSqlError, type SqlErrorCode } from './errors.ts';
import { evalPredicate, evaluate } from './eval.ts';
import { parseSubscription } from './grammar.ts';
import { chooseIndexJoins, lookupIndex } from './index-join.ts';
import { conjuncts, flatten, type Expr, type FieldRef, type Flat, type RelExpr, type Relvar } from './plan.ts';
import { expandRls } from './rls-expand.ts';
import { createRls, type Rls } from './rls.ts';
import { createSchemaView, type SqlAuth } from './schema-view.ts';

export type JoinSide = { alias: string; table: TableSchema; column: number; index: IndexSchema | undefined };

export type SubscriptionPlan = {
  sql: string;
  returnTable: TableSchema;
  returnAlias: string;
  /** The typed relation, before RLS. */
  rel: RelExpr;
  tables: Relvar[];
  join: { lhs: JoinSide; rhs: JoinSide; lookup: 'lhs' | 'rhs' | undefined } | undefined;
  /** The WHERE clause (the join equality excluded). */
  predicate: Expr | undefined;
  /** Uses `:sender`, so its rows depend on the subscriber. */
  hasParam: boolean;
  /** The caller's view is filtered by RLS rules (never for the owner). */
  rls: boolean;
  /** Single-table plans: whether a row of the return table passes `predicate` (RLS not included). */
  matches: ((row: Uint8Array) => boolean) | undefined;
  /** The query with RLS expanded: one flat fragment per rule combination; the result is their bag union. */
  fragments: Flat[];
};

export type SubscribeOptions = SqlAuth & {
  sender?: bigint;
  /** WS one-off queries use the subscription grammar without the index-join rule. */
  requireIndexJoins?: boolean;
};

export type CompileOutcome =
  | { ok: true; plans: SubscriptionPlan[] }
  | { ok: false; error: { code: SqlErrorCode; message: string; detail?: string } };

const ALL_TABLES = /^\s*SELECT\s+\*\s+FROM\s+\*\s*$/i;

export function compileSubscription(schema: ModuleSchema, sql: string, options: SubscribeOptions): CompileOutcome {
  try {
    if (ALL_TABLES.test(sql)) {
      const readable = schema.tables.filter(t => t.isPublic || options.isOwner);
      return { ok: true, plans: readable.map(t => compileOne(schema, `SELECT * FROM "${t.name.replaceAll('"', '""')}"`, options)) };
    }
    if (/^\s*$/.test(sql)) throw err.empty();
    return { ok: true, plans: [compileOne(schema, sql, options)] };
  } catch (e) {
    const error = toSqlError(e);
    return { ok: false, error: { code: error.code, message: error.message, ...(error.detail ? { detail: error.detail } : {}) } };
  }
}

function side(rv: Relvar, field: FieldRef): JoinSide {
  return { alias: rv.alias, table: rv.table, column: field.column, index: lookupIndex(rv.table, field.column, new Set()) };
}

function compileOne(schema: ModuleSchema, sql: string, options: SubscribeOptions): SubscriptionPlan {
  const view = createSchemaView(schema, options, options.sender ?? options.caller);
  const ast = parseSubscription(sql);
  const project = expectTableType(typeSelect(view, ast));
  const rel = project.input;
  const flat = flatten(rel);
  const rls = createRls(view);
  const fragments = expandRls(flat, rls);
  if (options.requireIndexJoins !== false) {
    for (const fragment of fragments) {
      chooseIndexJoins(fragment);
      if (fragment.rels.length > 2) throw err.tableCount(fragment.rels.length);
    }
  }
  const returnRv = flat.rels.find(r => r.alias === project.alias)!;
  const [first, second] = flat.rels;
  let join: SubscriptionPlan['join'];
  if (first && second && flat.rels.length === 2) {
    const choice = (() => {
      try {
        return chooseIndexJoins(flat)[0];
      } catch {
        return undefined;
      }
    })();
    const cond = flat.joins.get(second.alias) ?? choice;
    if (cond) join = { lhs: side(first, cond.lhs), rhs: side(second, cond.rhs), lookup: choice?.lookup };
  }
  const terms = filterTerms(rel);
  const predicate = terms.reduceRight<Expr | undefined>((acc, t) => (acc ? { kind: 'log', op: 'AND', left: t, right: acc } : t), undefined);
  const single = flat.rels.length === 1;
  return {
    sql,
    returnTable: returnRv.table,
    returnAlias: project.alias,
    rel,
    tables: flat.rels,
    join,
    predicate,
    hasParam: hasParam(ast.filter) || fragmentsUseSender(flat, rls),
    rls: fragments.length !== 1 || fragments[0] !== flat,
    fragments,
    matches: single
      ? row => predicate === undefined || evalPredicate(predicate, { [project.alias]: { bytes: row, table: returnRv.table } }, schema.typespace)
      : undefined,
  };
}

/** upstream rls.rs sets `has_param` when any rule expanded into the query reads `:sender`. */
function fragmentsUseSender(flat: Flat, rls: Rls, seen = new Set<number>()): boolean {
  return flat.rels.some(rv => {
    if (seen.has(rv.table.id)) return false;
    seen.add(rv.table.id);
    return (rls.rules(rv.table) ?? []).some(r => r.usesSender || fragmentsUseSender(flatten(r.plan), rls, seen));
  });
}

/** The WHERE terms (join equalities from ON excluded). */
function filterTerms(rel: RelExpr): Expr[] {
  switch (rel.kind) {
    case 'scan': return [];
    case 'join': return filterTerms(rel.lhs);
    case 'filter': return [...filterTerms(rel.input), ...conjuncts(rel.pred)];
  }
}

/** The plan's current rows (of the return table, one per matching combination), as the caller may see them. */
export function evaluateSubscription(store: Datastore, schema: ModuleSchema, plan: SubscriptionPlan, options: SubscribeOptions): Uint8Array[] {
  const view = createSchemaView(schema, options, options.sender ?? options.caller);
  const rls = createRls(view, store);
  const ctx = { store, ts: schema.typespace, visible: (t: TableSchema) => rls.visible(t) };
  return [...evaluate(plan.rel, ctx)].map(t => t[plan.returnAlias]!.bytes);
}
