/**
 * Row-level security (upstream crates/expr/src/rls.rs): `clientVisibilityFilter`
 * rules, each a subscription query returning one table, OR'ed per table.
 * A rule reads other tables through their own rules, recursively; a table
 * met again while its rules are being resolved is a cycle. The owner sees
 * everything. Rules are typed as the caller (a rule joining a private table
 * fails for clients) with `:sender` = the caller.
 */
import type { Datastore } from '../db/datastore-types.ts';
import type { ModuleSchema, TableSchema } from '../module/schema-types.ts';
import { hasParam } from './ast.ts';
import { expectTableType, typeSelect } from './check.ts';
import { err } from './errors.ts';
import { evaluate } from './eval.ts';
import { parseSubscription } from './grammar.ts';
import { relvars, type RelExpr } from './plan.ts';
import { createSchemaView, type SchemaView, type SqlAuth } from './schema-view.ts';
import { rowKey } from './values.ts';

/** A typed rule: its relation, the alias of its return table, and whether it reads `:sender`. */
export type RlsRule = { sql: string; plan: RelExpr; alias: string; usesSender: boolean };

/** The rules' return tables, by table id (rules whose table cannot be named are skipped). */
export function groupRules(schema: ModuleSchema): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const sql of schema.rowLevelSecurity) {
    try {
      const ast = parseSubscription(sql);
      const alias = ast.project.kind === 'star' ? (ast.project.table ?? ast.from.alias) : ast.from.alias;
      const name = alias === ast.from.alias ? ast.from.table : ast.from.joins.find(j => j.alias === alias)?.table;
      const table = schema.tables.find(t => t.name === name || t.sourceName === name);
      if (table) out.set(table.id, [...(out.get(table.id) ?? []), sql]);
    } catch {
      // Publishing validates rules; a malformed one here filters nothing rather than everything.
    }
  }
  return out;
}

export type Rls = {
  /** The typed rules of a table (undefined: no rules, or the caller bypasses RLS), resolved recursively. */
  rules(table: TableSchema): RlsRule[] | undefined;
  /** Keys (`rowKey`) of the rows of `table` the caller may see; undefined when all. */
  visible(table: TableSchema): Set<string> | undefined;
};

/** `store` is needed for `visible` only. */
export function createRls(view: SchemaView, store?: Datastore): Rls {
  const byTable = groupRules(view.schema);
  const resolved = new Map<number, RlsRule[]>();
  const sets = new Map<number, Set<string>>();

  function resolve(table: TableSchema, resolving: number[]): RlsRule[] | undefined {
    if (view.auth.isOwner) return undefined;
    const sqls = byTable.get(table.id);
    if (sqls === undefined) return undefined;
    const done = resolved.get(table.id);
    if (done) return done;
    const stack = [table.id, ...resolving];
    const rules = sqls.map(sql => {
      const ast = parseSubscription(sql);
      const plan = expectTableType(typeSelect(view, ast));
      return { sql, plan: plan.input, alias: plan.alias, usesSender: hasParam(ast.filter) };
    });
    for (const rule of rules) {
      const others = relvars(rule.plan).map(r => r.table).filter(t => t.id !== table.id);
      const cyclic = others.find(t => stack.includes(t.id));
      if (cyclic) throw err.rlsCycle(cyclic.id);
      for (const t of others) resolve(t, stack);
    }
    resolved.set(table.id, rules);
    return rules;
  }

  function visible(table: TableSchema): Set<string> | undefined {
    const rules = resolve(table, []);
    if (rules === undefined) return undefined;
    let set = sets.get(table.id);
    if (set) return set;
    set = new Set();
    if (store === undefined) throw new Error('createRls: visible() needs a datastore');
    for (const rule of rules) {
      const ctx = { store, ts: view.ts, visible: (t: TableSchema) => (t.id === table.id ? undefined : visible(t)) };
      for (const tuple of evaluate(rule.plan, ctx)) set.add(rowKey(tuple[rule.alias]!.bytes));
    }
    sets.set(table.id, set);
    return set;
  }

  return { rules: table => resolve(table, []), visible };
}

/** The rows of `table` that `auth` may see (all of them for the owner or a table without rules). */
export function visibleRows(store: Datastore, schema: ModuleSchema, table: TableSchema, auth: SqlAuth & { sender?: bigint }): Uint8Array[] {
  const set = createRls(createSchemaView(schema, auth, auth.sender ?? auth.caller), store).visible(table);
  const rows = store.scanTable(table.id);
  return set ? rows.filter(r => set.has(rowKey(r))) : rows;
}
