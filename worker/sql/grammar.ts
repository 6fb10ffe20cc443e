/**
 * The two grammars over the raw syntax: subscriptions
 * (crates/sql-parser/src/parser/sub.rs) and ad-hoc SQL with DML
 * (crates/sql-parser/src/parser/sql.rs). Each accepts exactly one statement.
 */
import { qualifyExpr, qualifySelect, type SqlAst, type SqlSelect } from './ast.ts';
import { err } from './errors.ts';
import { isLiteral, lowerExpr, lowerFrom, lowerProjection, lowerValue, tableName } from './lower.ts';
import { parseStatements } from './parse-statement.ts';
import { compact, displayExpr, displayName, type RawQuery, type RawSelect, type RawStatement } from './syntax.ts';

function single(sql: string): RawStatement {
  const stmts = parseStatements(sql);
  if (stmts.length === 0) throw err.empty();
  if (stmts.length > 1) throw err.multiStatement();
  return stmts[0]!;
}

/** A subscription (and WS one-off) query: `SELECT * | t.* FROM t [JOIN s ON ...] [WHERE ...]`. */
export function parseSubscription(sql: string): SqlSelect {
  const stmt = single(sql);
  if (stmt.kind !== 'query') throw err.dml();
  const q = stmt.query;
  if (q.with || q.orderBy || q.limit !== undefined || q.offset) throw err.feature(compact(q.text));
  const select = selectBody(q, text => err.setOp(text));
  if (select.distinct || select.groupBy || select.having) throw err.subSelect(compact(select.text));
  const from = lowerFrom(select.from);
  const filter = select.where && lowerExpr(select.where);
  const project = lowerProjection(select.items);
  return qualifySelect({ project, from, filter, limit: undefined });
}

function selectBody(q: RawQuery, setOp: (text: string) => Error): RawSelect {
  if (q.body.kind !== 'select') throw setOp(compact(q.body.text));
  return q.body;
}

/** An ad-hoc statement: SELECT (with column lists, COUNT(*), LIMIT), INSERT, UPDATE, DELETE, SET, SHOW. */
export function parseSql(sql: string): SqlAst {
  const stmt = single(sql);
  switch (stmt.kind) {
    case 'query': {
      const q = stmt.query;
      if (q.with || q.orderBy || q.offset) throw err.feature(compact(q.text));
      let limit: string | undefined;
      if (q.limit !== undefined) {
        if (q.limit.kind !== 'number') throw err.limit(displayExpr(q.limit));
        limit = q.limit.text;
      }
      const select = selectBody(q, text => err.feature(text));
      if (select.distinct || select.groupBy || select.having) throw err.feature(compact(select.text));
      const project = lowerProjection(select.items);
      const from = lowerFrom(select.from);
      const filter = select.where && lowerExpr(select.where);
      return { kind: 'select', select: qualifySelect({ project, from, filter, limit }) };
    }
    case 'insert': {
      if (stmt.rows === undefined) throw err.insert(compact(stmt.source));
      const rows = stmt.rows.map(row =>
        row.map(v => {
          if (!isLiteral(v)) throw err.insertValue(displayExpr(v));
          return lowerValue(v);
        }),
      );
      return { kind: 'insert', table: tableName(stmt.table), fields: stmt.columns.map(c => c.value), rows };
    }
    case 'update': {
      const t = stmt.target;
      if (t.relation.kind !== 'table' || t.relation.alias !== undefined || t.joins.length > 0 || stmt.from) {
        throw err.feature(compact(stmt.text));
      }
      const table = tableName(t.relation.name);
      const assignments = stmt.assignments.map(a => {
        if (a.target.length > 1) throw err.multiPart(displayName(a.target));
        if (!isLiteral(a.value)) throw err.assignment(displayExpr(a.value));
        return { field: a.target[0]!.value, lit: lowerValue(a.value) };
      });
      const filter = stmt.where && qualifyExpr(lowerExpr(stmt.where), table);
      return { kind: 'update', table, assignments, filter };
    }
    case 'delete': {
      if (stmt.from.length !== 1) throw err.multiTableDelete();
      const t = stmt.from[0]!;
      if (t.relation.kind !== 'table' || t.relation.alias !== undefined || t.joins.length > 0) throw err.deleteTable(compact(t.text));
      const table = tableName(t.relation.name);
      return { kind: 'delete', table, filter: stmt.where && qualifyExpr(lowerExpr(stmt.where), table) };
    }
    case 'set': {
      if (stmt.values.length !== 1) throw err.feature(compact(stmt.text));
      if (stmt.name.length > 1) throw err.multiPart(displayName(stmt.name));
      const value = stmt.values[0]!;
      if (!isLiteral(value)) throw err.assignment(displayExpr(value));
      return { kind: 'set', name: stmt.name[0]!.value, lit: lowerValue(value) };
    }
    case 'show':
      if (stmt.name.length > 1) throw err.multiPart(displayName(stmt.name));
      return { kind: 'show', name: stmt.name[0]!.value };
    case 'other':
      throw err.feature(compact(stmt.text));
  }
}
