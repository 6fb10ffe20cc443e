/**
 * The typed plan (upstream crates/expr/src/expr.rs): relation expressions
 * over aliased tables, typed scalar expressions, projections. Joins are left
 * deep: each join adds one table on the right.
 */
import type { AlgebraicType } from 'spacetimedb';
import type { TableSchema } from '../module/schema-types.ts';
import type { BinOp, LogOp } from './ast.ts';

/** One table in the FROM clause under its alias. */
export type Relvar = { table: TableSchema; alias: string };

/** A column of an aliased table. */
export type FieldRef = { alias: string; column: number; type: AlgebraicType };

export type Expr =
  | { kind: 'field'; field: FieldRef }
  /** `value` is in the library's runtime shape for `type`. */
  | { kind: 'value'; value: unknown; type: AlgebraicType }
  | { kind: 'bin'; op: BinOp; left: Expr; right: Expr }
  | { kind: 'log'; op: LogOp; left: Expr; right: Expr };

export type RelExpr =
  | { kind: 'scan'; rel: Relvar }
  /** `on` holds the equi-join columns: `lhs` from the left subtree, `rhs` from `rel`. */
  | { kind: 'join'; lhs: RelExpr; rel: Relvar; on: { lhs: FieldRef; rhs: FieldRef } | undefined }
  | { kind: 'filter'; input: RelExpr; pred: Expr };

/** What a query returns. */
export type ProjectList =
  /** Whole rows of the relvar `alias` (`*` on one table, or `t.*`). */
  | { kind: 'rows'; input: RelExpr; alias: string }
  | { kind: 'columns'; input: RelExpr; columns: { name: string; field: FieldRef }[] }
  | { kind: 'count'; input: RelExpr; alias: string };

export type SelectPlan = { project: ProjectList; limit: bigint | undefined };

export function exprType(e: Expr): AlgebraicType {
  switch (e.kind) {
    case 'field': return e.field.type;
    case 'value': return e.type;
    default: return { tag: 'Bool' };
  }
}

/** Relvars of a relation, left to right. */
export function relvars(rel: RelExpr): Relvar[] {
  switch (rel.kind) {
    case 'scan': return [rel.rel];
    case 'join': return [...relvars(rel.lhs), rel.rel];
    case 'filter': return relvars(rel.input);
  }
}

/** Aliases an expression reads. */
export function exprAliases(e: Expr, out = new Set<string>()): Set<string> {
  if (e.kind === 'field') out.add(e.field.alias);
  if (e.kind === 'bin' || e.kind === 'log') {
    exprAliases(e.left, out);
    exprAliases(e.right, out);
  }
  return out;
}

/** Top-level AND terms. */
export function conjuncts(e: Expr | undefined): Expr[] {
  if (e === undefined) return [];
  return e.kind === 'log' && e.op === 'AND' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}

/** A relation as its tables (left to right), equi-join columns by right-hand alias, and AND-terms. */
export type Flat = { rels: Relvar[]; joins: Map<string, { lhs: FieldRef; rhs: FieldRef }>; terms: Expr[] };

export function flatten(rel: RelExpr, out: Flat = { rels: [], joins: new Map(), terms: [] }): Flat {
  switch (rel.kind) {
    case 'scan':
      out.rels.push(rel.rel);
      break;
    case 'join':
      flatten(rel.lhs, out);
      out.rels.push(rel.rel);
      if (rel.on) {
        out.joins.set(rel.rel.alias, rel.on);
        out.terms.push({ kind: 'bin', op: '=', left: { kind: 'field', field: rel.on.lhs }, right: { kind: 'field', field: rel.on.rhs } });
      }
      break;
    case 'filter':
      flatten(rel.input, out);
      out.terms.push(...conjuncts(rel.pred));
  }
  return out;
}
