/**
 * Typing of ad-hoc statements (upstream crates/expr/src/statement.rs):
 * SELECT, INSERT, UPDATE, DELETE, and SET/SHOW of the system variables.
 */
import type { AlgebraicType } from 'spacetimedb';
import type { TableSchema } from '../module/schema-types.ts';
import type { SqlAst, SqlLiteral } from './ast.ts';
import { typeSelect } from './check.ts';
import { err } from './errors.ts';
import type { Expr, SelectPlan } from './plan.ts';
import { BOOL, BYTES, STRING, U64 } from './sats.ts';
import type { SchemaView } from './schema-view.ts';
import { typeExpr, typeLiteral } from './type-expr.ts';

export type Statement =
  | { kind: 'select'; plan: SelectPlan }
  /** Rows as library runtime values, in column order. */
  | { kind: 'insert'; table: TableSchema; rows: unknown[][] }
  | { kind: 'update'; table: TableSchema; set: { column: number; value: unknown }[]; filter: Expr | undefined }
  | { kind: 'delete'; table: TableSchema; filter: Expr | undefined }
  | { kind: 'set'; name: string; value: bigint }
  | { kind: 'show'; name: string };

/** upstream statement.rs `is_var_valid`. */
export const SYSTEM_VARS = ['row_limit', 'slow_ad_hoc_query_ms', 'slow_tx_update_ms', 'slow_subscription_query_ms'];

/** DML values: a bool into a non-bool column reports `(expected) {column} != Bool`, the reverse of WHERE. */
function typeValue(view: SchemaView, lit: SqlLiteral, ty: AlgebraicType): unknown {
  if (lit.kind === 'bool' && ty.tag !== 'Bool') throw err.unexpectedType(ty, BOOL, view.ts);
  const v = typeLiteral(view, lit, ty);
  return v.kind === 'value' ? v.value : undefined;
}

function typeFilter(view: SchemaView, table: TableSchema, alias: string, filter: SqlAst & { kind: 'update' | 'delete' }): Expr | undefined {
  return filter.filter && typeExpr(view, new Map([[alias, table]]), filter.filter, BOOL);
}

/** upstream crates/expr/src/statement.rs: views are read-only. */
function writable(view: SchemaView, name: string): TableSchema {
  const table = view.table(name);
  if (table.view) throw err.dmlOnView(name);
  return table;
}

export function typeStatement(view: SchemaView, ast: SqlAst): Statement {
  switch (ast.kind) {
    case 'select':
      return { kind: 'select', plan: typeSelect(view, ast.select) };
    case 'insert': {
      const table = writable(view, ast.table);
      const n = table.columns.length;
      // Beyond upstream (which requires the column list): no list means every column in table order.
      const fields = ast.fields.length === 0 ? table.columns.map(c => c.name) : ast.fields;
      if (fields.length !== n) throw err.insertFields(ast.table, fields.length, n);
      const positions = fields.map(f => {
        const i = view.column(table, f);
        if (i === undefined) throw err.noField(ast.table, f);
        return i;
      });
      const rows = ast.rows.map(row => {
        if (row.length !== n) throw err.insertValues(ast.table, row.length, n);
        const out = new Array<unknown>(n);
        row.forEach((lit, i) => {
          const col = positions[i]!;
          out[col] = typeValue(view, lit, table.columns[col]!.type);
        });
        return out;
      });
      return { kind: 'insert', table, rows };
    }
    case 'update': {
      const table = writable(view, ast.table);
      const set = ast.assignments.map(({ field, lit }) => {
        const column = view.column(table, field);
        if (column === undefined) throw err.noField(ast.table, field);
        return { column, value: typeValue(view, lit, table.columns[column]!.type) };
      });
      return { kind: 'update', table, set, filter: typeFilter(view, table, ast.table, ast) };
    }
    case 'delete': {
      const table = writable(view, ast.table);
      return { kind: 'delete', table, filter: typeFilter(view, table, ast.table, ast) };
    }
    case 'set': {
      if (!SYSTEM_VARS.includes(ast.name)) throw err.invalidVar(ast.name);
      const lit = ast.lit;
      if (lit.kind !== 'num') throw err.unexpectedType(U64, lit.kind === 'bool' ? BOOL : lit.kind === 'str' ? STRING : BYTES, view.ts);
      return { kind: 'set', name: ast.name, value: typeValue(view, lit, U64) as bigint };
    }
    case 'show':
      if (!SYSTEM_VARS.includes(ast.name)) throw err.invalidVar(ast.name);
      return { kind: 'show', name: ast.name };
  }
}
