/**
 * Typing of scalar expressions, case for case as upstream's `_type_expr`
 * (crates/expr/src/lib.rs): literals take the type the other operand
 * expects, so `u8_col = 256` fails as a literal of type U8, and the order of
 * checks decides which error a bad query gets.
 */
import type { AlgebraicType } from 'spacetimedb';
import type { TableSchema } from '../module/schema-types.ts';
import type { SqlExpr, SqlLiteral } from './ast.ts';
import { err } from './errors.ts';
import { LiteralError, parseLiteral } from './literals.ts';
import { exprType, type Expr, type FieldRef } from './plan.ts';
import { BOOL, opSupportsType, typeEq } from './sats.ts';
import type { SchemaView } from './schema-view.ts';

/** Table aliases in scope. */
export type Relvars = Map<string, TableSchema>;

/** upstream `recursion::MAX_RECURSION_TYP_EXPR`. */
const MAX_RECURSION_TYP_EXPR = 2_500;

/** `:sender` is resolved before typing: upstream substitutes the caller's identity as a hex literal. */
function senderLiteral(view: SchemaView): SqlLiteral {
  return { kind: 'hex', text: view.sender.toString(16).padStart(64, '0') };
}

/** A literal of a known type; the text in errors is the literal as written (without quotes or `0x`). */
export function typeLiteral(view: SchemaView, lit: SqlLiteral, ty: AlgebraicType): Expr {
  if (lit.kind === 'bool') {
    if (ty.tag !== 'Bool') throw err.unexpectedType(BOOL, ty, view.ts);
    return { kind: 'value', value: lit.value, type: BOOL };
  }
  try {
    return { kind: 'value', value: parseLiteral(lit.text, ty, view.ts), type: ty };
  } catch (e) {
    if (e instanceof LiteralError) throw err.invalidLiteral(lit.text, ty, view.ts, e.message);
    throw e;
  }
}

export function resolveField(view: SchemaView, vars: Relvars, table: string, field: string): FieldRef {
  const schema = vars.get(table);
  if (schema === undefined) throw err.notInScope(table);
  const column = view.column(schema, field);
  if (column === undefined) throw err.notInScope(field);
  return { alias: table, column, type: schema.columns[column]!.type };
}

export function typeExpr(view: SchemaView, vars: Relvars, e: SqlExpr, expected?: AlgebraicType, depth = 0): Expr {
  if (depth > MAX_RECURSION_TYP_EXPR) throw err.recursion('expr::type_expr');
  const boolOrNone = expected === undefined || expected.tag === 'Bool';
  switch (e.kind) {
    case 'param':
    case 'lit': {
      const lit = e.kind === 'param' ? senderLiteral(view) : e.lit;
      if (lit.kind === 'bool' && boolOrNone) return { kind: 'value', value: lit.value, type: BOOL };
      if (expected === undefined) throw err.untypedLiteral();
      return typeLiteral(view, lit, expected);
    }
    case 'field': {
      const field = resolveField(view, vars, e.table, e.field);
      if (expected !== undefined && !typeEq(field.type, expected, view.ts)) throw err.unexpectedType(field.type, expected, view.ts);
      return { kind: 'field', field };
    }
    case 'log': {
      if (!boolOrNone) throw err.unexpectedType(BOOL, expected, view.ts);
      const left = typeExpr(view, vars, e.left, BOOL, depth + 1);
      const right = typeExpr(view, vars, e.right, BOOL, depth + 1);
      return { kind: 'log', op: e.op, left, right };
    }
    case 'bin': {
      if (!boolOrNone) throw err.unexpectedType(BOOL, expected, view.ts);
      let left: Expr;
      let right: Expr;
      if (e.left.kind === 'lit' || e.left.kind === 'param') {
        right = typeExpr(view, vars, e.right, undefined, depth + 1);
        left = typeExpr(view, vars, e.left, exprType(right), depth + 1);
      } else {
        left = typeExpr(view, vars, e.left, undefined, depth + 1);
        right = typeExpr(view, vars, e.right, exprType(left), depth + 1);
      }
      if (!opSupportsType(exprType(left), view.ts)) throw err.invalidOp(e.op, exprType(left), view.ts);
      return { kind: 'bin', op: e.op, left, right };
    }
    case 'var':
      // Unqualified names are qualified (or refused) by the grammar before typing.
      throw err.notInScope(e.name);
  }
}
