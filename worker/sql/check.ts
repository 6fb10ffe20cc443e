/**
 * Typing of SELECT (upstream crates/expr/src/check.rs `TypeChecker`,
 * `type_proj`, `type_select`, `type_limit`): FROM first, then WHERE, then the
 * projection, so a query with several mistakes reports the one upstream does.
 */
import type { Project, SqlFrom, SqlSelect } from './ast.ts';
import { err } from './errors.ts';
import type { Expr, FieldRef, ProjectList, RelExpr, Relvar, SelectPlan } from './plan.ts';
import { relvars } from './plan.ts';
import { BOOL, U64 } from './sats.ts';
import type { SchemaView } from './schema-view.ts';
import { typeExpr, typeLiteral, type Relvars } from './type-expr.ts';

function typeFrom(view: SchemaView, from: SqlFrom, vars: Relvars): RelExpr {
  const first = view.table(from.table);
  vars.set(from.alias, first);
  let rel: RelExpr = { kind: 'scan', rel: { table: first, alias: from.alias } };
  for (const join of from.joins) {
    if (vars.has(join.alias)) throw err.duplicateName(join.alias);
    const table = view.table(join.table);
    vars.set(join.alias, table);
    const rv: Relvar = { table, alias: join.alias };
    if (join.on === undefined) {
      rel = { kind: 'join', lhs: rel, rel: rv, on: undefined };
      continue;
    }
    const on = typeExpr(view, vars, join.on, BOOL);
    if (on.kind !== 'bin' || on.left.kind !== 'field' || on.right.kind !== 'field') throw new Error('join condition is not a column equality');
    rel = equiJoin(rel, rv, on.left.field, on.right.field, on);
  }
  return rel;
}

/** Orients `a = b` so one side is the new table; otherwise the condition stays a filter over a cross join. */
function equiJoin(lhs: RelExpr, rel: Relvar, a: FieldRef, b: FieldRef, cond: Expr): RelExpr {
  const left = new Set(relvars(lhs).map(r => r.alias));
  if (b.alias === rel.alias && left.has(a.alias)) return { kind: 'join', lhs, rel, on: { lhs: a, rhs: b } };
  if (a.alias === rel.alias && left.has(b.alias)) return { kind: 'join', lhs, rel, on: { lhs: b, rhs: a } };
  return { kind: 'filter', input: { kind: 'join', lhs, rel, on: undefined }, pred: cond };
}

function typeProject(view: SchemaView, input: RelExpr, project: Project, vars: Relvars): ProjectList {
  switch (project.kind) {
    case 'star':
      if (project.table === undefined) {
        const rels = relvars(input);
        if (rels.length > 1) throw err.starJoin();
        return { kind: 'rows', input, alias: rels[0]!.alias };
      }
      if (!vars.has(project.table)) throw err.notInScope(project.table);
      return { kind: 'rows', input, alias: project.table };
    case 'count':
      return { kind: 'count', input, alias: project.alias };
    case 'exprs': {
      const names = new Set<string>();
      const columns = project.elems.map(el => {
        if (names.has(el.alias)) throw err.duplicateName(el.alias);
        names.add(el.alias);
        const e = typeExpr(view, vars, el.expr.kind === 'field' ? el.expr : { kind: 'var', name: el.expr.name });
        if (e.kind !== 'field') throw new Error('projection is not a column');
        return { name: el.alias, field: e.field };
      });
      return { kind: 'columns', input, columns };
    }
  }
}

/** `SqlChecker::type_set` (and, without LIMIT, `SubChecker::type_set`). */
export function typeSelect(view: SchemaView, select: SqlSelect): SelectPlan {
  const vars: Relvars = new Map();
  let input = typeFrom(view, select.from, vars);
  if (select.filter !== undefined) input = { kind: 'filter', input, pred: typeExpr(view, vars, select.filter, BOOL) };
  const project = typeProject(view, input, select.project, vars);
  let limit: bigint | undefined;
  if (select.limit !== undefined) {
    const v = typeLiteral(view, { kind: 'num', text: select.limit }, U64);
    limit = v.kind === 'value' ? (v.value as bigint) : undefined;
  }
  return { project, limit };
}

/** `expect_table_type`: subscriptions return whole rows of one table. */
export function expectTableType(plan: SelectPlan): ProjectList & { kind: 'rows' } {
  if (plan.project.kind !== 'rows') throw err.returnType();
  return plan.project;
}
