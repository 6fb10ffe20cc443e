/**
 * Raw syntax → SpacetimeDB AST, refusing what upstream's shared grammar
 * helpers refuse (crates/sql-parser/src/parser/mod.rs): expressions,
 * literals, projections, FROM and JOIN.
 */
import type { BinOp, Project, ProjectElem, SqlExpr, SqlFrom, SqlJoin, SqlLiteral } from './ast.ts';
import { err } from './errors.ts';
import { displayExpr, displayItem, type RawExpr, type RawIdent, type RawSelectItem, type RawTableWithJoins } from './syntax.ts';

/** upstream `recursion::MAX_RECURSION_EXPR`. */
const MAX_RECURSION_EXPR = 1_600;
const COMPARISONS: Record<string, BinOp> = { '=': '=', '<>': '<>', '<': '<', '>': '>', '<=': '<=', '>=': '>=' };

/** Table names: one part, or `ns.table` for a submodule's table (sourceName `ns.table`). */
export function tableName(parts: RawIdent[]): string {
  return parts.map(p => p.value).join('.');
}

export function lowerLiteral(e: RawExpr): SqlLiteral {
  switch (e.kind) {
    case 'bool': return { kind: 'bool', value: e.value };
    case 'number': return { kind: 'num', text: e.text };
    case 'string': return { kind: 'str', text: e.text };
    case 'hex': return { kind: 'hex', text: e.text };
    default: throw err.literal(displayExpr(e));
  }
}

/** Literals, and (beyond upstream, which refuses `-1` in VALUES and SET) signed numbers. */
export function isLiteral(e: RawExpr): boolean {
  return ['bool', 'number', 'string', 'hex', 'null', 'other-literal', 'placeholder'].includes(e.kind) || isSignedNumber(e);
}

function isSignedNumber(e: RawExpr): e is { kind: 'unary'; op: '+' | '-'; expr: { kind: 'number'; text: string } } {
  return e.kind === 'unary' && e.op !== 'NOT' && e.expr.kind === 'number';
}

export function lowerValue(e: RawExpr): SqlLiteral {
  return isSignedNumber(e) ? { kind: 'num', text: e.op + e.expr.text } : lowerLiteral(e);
}

export function lowerExpr(e: RawExpr, depth = 0): SqlExpr {
  if (depth > MAX_RECURSION_EXPR) throw err.recursion('sql-parser::parse_expr');
  switch (e.kind) {
    case 'nested':
      return lowerExpr(e.expr, depth + 1);
    case 'placeholder':
      if (e.name === ':sender') return { kind: 'param' };
      throw err.literal(e.name);
    case 'bool':
    case 'number':
    case 'string':
    case 'hex':
    case 'null':
    case 'other-literal':
      return { kind: 'lit', lit: lowerLiteral(e) };
    case 'unary':
      if (isSignedNumber(e)) return { kind: 'lit', lit: lowerValue(e) };
      throw err.expr(displayExpr(e));
    case 'ident':
      if (e.parts.length === 1) return { kind: 'var', name: e.parts[0]!.value };
      return { kind: 'field', table: tableName(e.parts.slice(0, -1)), field: e.parts[e.parts.length - 1]!.value };
    case 'binary': {
      const left = lowerExpr(e.left, depth + 1);
      const right = lowerExpr(e.right, depth + 1);
      if (e.op === 'AND' || e.op === 'OR') return { kind: 'log', op: e.op, left, right };
      const op = COMPARISONS[e.op];
      if (op === undefined) throw err.binOp(e.op);
      return { kind: 'bin', op, left, right };
    }
    default:
      throw err.expr(displayExpr(e));
  }
}

/** `parse_projection`: one item may be `*`, `t.*` or `COUNT(*) AS n`; lists are columns only. */
export function lowerProjection(items: RawSelectItem[]): Project {
  if (items.length === 1) {
    const item = items[0]!;
    if (item.kind === 'wildcard') return { kind: 'star', table: undefined };
    if (item.kind === 'qualified-wildcard') return { kind: 'star', table: tableName(item.qualifier) };
    if (item.expr.kind === 'function') {
      if (item.alias === undefined) throw err.aggregateAlias();
      const f = item.expr;
      const isCount = f.name.length === 1 && f.name[0]!.value.toLowerCase() === 'count';
      if (isCount && !f.distinct && f.args.length === 1 && f.args[0] === '*') return { kind: 'count', alias: item.alias.value };
      throw err.aggregate(displayExpr(f));
    }
  }
  return { kind: 'exprs', elems: items.map(lowerProjectElem) };
}

function lowerProjectElem(item: RawSelectItem): ProjectElem {
  if (item.kind !== 'expr') throw err.mixedWildcard();
  const e = item.expr;
  if (e.kind !== 'ident' || e.parts.length > 2) throw err.projectionExpr(displayItem({ ...item, alias: undefined }));
  const field = e.parts[e.parts.length - 1]!.value;
  const expr: ProjectElem['expr'] = e.parts.length === 1 ? { kind: 'var', name: field } : { kind: 'field', table: e.parts[0]!.value, field };
  return { expr, alias: item.alias?.value ?? field };
}

/** `RelParser::parse_from`. */
export function lowerFrom(from: RawTableWithJoins[]): SqlFrom {
  if (from.length === 0) throw err.fromRequired();
  if (from.length > 1) throw err.implicitJoins();
  const first = from[0]!;
  if (first.joins.length > 0) for (const r of [first.relation, ...first.joins.map(j => j.relation)]) requireJoinAlias(r);
  const [table, alias] = lowerRelvar(first.relation);
  return { table, alias, joins: first.joins.map(lowerJoin) };
}

/**
 * upstream sql-parser `parse_alias`: in a join a table is its own alias, but
 * any other relation (a subquery, a table function) needs one.
 */
function requireJoinAlias(rel: RawTableWithJoins['relation']): void {
  if (rel.kind === 'other' && /\)\s*$/.test(rel.text)) throw err.joinAlias();
}

function lowerRelvar(rel: RawTableWithJoins['relation']): [string, string] {
  if (rel.kind !== 'table') throw err.from(rel.text);
  const name = tableName(rel.name);
  return [name, rel.alias?.value ?? name];
}

function lowerJoin(join: RawTableWithJoins['joins'][number]): SqlJoin {
  const [table, alias] = lowerRelvar(join.relation);
  if (join.op === 'cross' || (join.op === 'inner' && join.constraint.kind === 'none')) return { table, alias, on: undefined };
  const c = join.constraint;
  if (join.op === 'inner' && c.kind === 'on' && c.expr.kind === 'binary' && c.expr.op === '=' && c.expr.left.kind === 'ident' && c.expr.right.kind === 'ident') {
    return { table, alias, on: lowerExpr(c.expr) };
  }
  throw err.joinType();
}
