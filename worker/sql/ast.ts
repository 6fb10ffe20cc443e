/**
 * SpacetimeDB's own SQL AST (upstream crates/sql-parser/src/ast/{mod,sql,sub}.rs):
 * what survives the grammar checks, before name resolution and typing.
 */
import { err } from './errors.ts';

export type SqlLiteral =
  | { kind: 'bool'; value: boolean }
  | { kind: 'num' | 'str' | 'hex'; text: string };

export type BinOp = '=' | '<>' | '<' | '>' | '<=' | '>=';
export type LogOp = 'AND' | 'OR';

export type SqlExpr =
  | { kind: 'lit'; lit: SqlLiteral }
  /** An unqualified column; qualified with the single relvar's alias, or refused in joins. */
  | { kind: 'var'; name: string }
  | { kind: 'param' } // :sender
  | { kind: 'field'; table: string; field: string }
  | { kind: 'bin'; op: BinOp; left: SqlExpr; right: SqlExpr }
  | { kind: 'log'; op: LogOp; left: SqlExpr; right: SqlExpr };

export type ProjectElem = { expr: { kind: 'var'; name: string } | { kind: 'field'; table: string; field: string }; alias: string };

export type Project =
  | { kind: 'star'; table: string | undefined }
  | { kind: 'exprs'; elems: ProjectElem[] }
  | { kind: 'count'; alias: string };

export type SqlJoin = { table: string; alias: string; on: SqlExpr | undefined };
export type SqlFrom = { table: string; alias: string; joins: SqlJoin[] };

export type SqlSelect = { project: Project; from: SqlFrom; filter: SqlExpr | undefined; limit: string | undefined };

export type SqlAst =
  | { kind: 'select'; select: SqlSelect }
  | { kind: 'insert'; table: string; fields: string[]; rows: SqlLiteral[][] }
  | { kind: 'update'; table: string; assignments: { field: string; lit: SqlLiteral }[]; filter: SqlExpr | undefined }
  | { kind: 'delete'; table: string; filter: SqlExpr | undefined }
  | { kind: 'set'; name: string; lit: SqlLiteral }
  | { kind: 'show'; name: string };

export function qualifyExpr(e: SqlExpr, alias: string): SqlExpr {
  switch (e.kind) {
    case 'var': return { kind: 'field', table: alias, field: e.name };
    case 'bin':
    case 'log': return { ...e, left: qualifyExpr(e.left, alias), right: qualifyExpr(e.right, alias) };
    default: return e;
  }
}

export function hasUnqualifiedVars(e: SqlExpr): boolean {
  if (e.kind === 'var') return true;
  return (e.kind === 'bin' || e.kind === 'log') && (hasUnqualifiedVars(e.left) || hasUnqualifiedVars(e.right));
}

export function hasParam(e: SqlExpr | undefined): boolean {
  if (e === undefined) return false;
  if (e.kind === 'param') return true;
  return (e.kind === 'bin' || e.kind === 'log') && (hasParam(e.left) || hasParam(e.right));
}

/** `SqlSelect::qualify_vars` then `find_unqualified_vars`. */
export function qualifySelect(s: SqlSelect): SqlSelect {
  if (s.from.joins.length === 0) {
    const alias = s.from.alias;
    const project: Project =
      s.project.kind === 'exprs'
        ? { kind: 'exprs', elems: s.project.elems.map(el => (el.expr.kind === 'var' ? { alias: el.alias, expr: { kind: 'field', table: alias, field: el.expr.name } } : el)) }
        : s.project;
    return { ...s, project, filter: s.filter && qualifyExpr(s.filter, alias) };
  }
  const unqualified =
    s.from.joins.some(j => j.on !== undefined && hasUnqualifiedVars(j.on)) ||
    (s.project.kind === 'exprs' && s.project.elems.some(el => el.expr.kind === 'var')) ||
    (s.filter !== undefined && hasUnqualifiedVars(s.filter));
  if (unqualified) throw err.unqualified();
  return s;
}
