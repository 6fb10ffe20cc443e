/**
 * Statements and the statement list: `;`-separated, empty statements skipped,
 * as sqlparser's `Parser::parse_sql` does. Upstream refuses more than one
 * statement only after all of them parsed.
 */
import { err } from './errors.ts';
import { Cursor } from './cursor.ts';
import { tokenize } from './lexer.ts';
import { parseExpr } from './parse-expr.ts';
import { parseQuery, parseTableWithJoins } from './parse-query.ts';
import type { RawExpr, RawIdent, RawStatement, RawTableWithJoins } from './syntax.ts';

/** upstream `crates/expr/src/lib.rs`: longer queries are refused before parsing. */
export const MAX_SQL_LENGTH = 50_000;

/** Statements sqlparser knows and SpacetimeDB refuses as a whole (`Unsupported: ...`). */
const OTHER_STATEMENTS = new Set([
  'ALTER', 'ANALYZE', 'BEGIN', 'CALL', 'COMMIT', 'COPY', 'CREATE', 'DEALLOCATE', 'DECLARE', 'DISCARD', 'DROP',
  'EXECUTE', 'EXPLAIN', 'FETCH', 'GRANT', 'LISTEN', 'MERGE', 'NOTIFY', 'PREPARE', 'RESET', 'REVOKE', 'ROLLBACK',
  'SAVEPOINT', 'START', 'TRUNCATE', 'VACUUM',
]);

export function parseStatements(sql: string): RawStatement[] {
  if (new TextEncoder().encode(sql).length > MAX_SQL_LENGTH) throw err.tooLong(sql, MAX_SQL_LENGTH);
  const c = new Cursor(sql, tokenize(sql));
  const out: RawStatement[] = [];
  let expectDelimiter = false;
  for (;;) {
    while (c.eatOp(';')) expectDelimiter = false;
    if (c.peek().kind === 'eof') return out;
    if (expectDelimiter) c.fail('end of statement');
    out.push(parseStatement(c));
    expectDelimiter = true;
  }
}

function parseStatement(c: Cursor): RawStatement {
  const start = c.peek().start;
  const text = (): string => c.textFrom(start);
  if (c.isWord('SELECT') || c.isWord('WITH') || c.isOp('(')) {
    const query = parseQuery(c);
    return { kind: 'query', query, text: query.text };
  }
  if (c.eatWord('INSERT')) {
    c.expectWord('INTO');
    const table = c.name();
    const columns = c.isOp('(') && !c.isWord('SELECT', 1) ? parenthesisedNames(c) : [];
    if (c.eatWord('VALUES')) {
      const rows: RawExpr[][] = [];
      do {
        c.expectOp('(');
        const row: RawExpr[] = [];
        if (!c.isOp(')')) do row.push(parseExpr(c)); while (c.eatOp(','));
        c.expectOp(')');
        rows.push(row);
      } while (c.eatOp(','));
      return { kind: 'insert', table, columns, rows, source: '', text: text() };
    }
    const from = c.peek().start;
    parseQuery(c);
    return { kind: 'insert', table, columns, rows: undefined, source: c.textFrom(from), text: text() };
  }
  if (c.eatWord('UPDATE')) {
    const target = parseTableWithJoins(c);
    c.expectWord('SET');
    const assignments: { target: RawIdent[]; value: RawExpr }[] = [];
    do {
      const name = c.name();
      c.expectOp('=');
      assignments.push({ target: name, value: parseExpr(c) });
    } while (c.eatOp(','));
    const from = c.eatWord('FROM');
    if (from) parseTableWithJoins(c);
    const where = c.eatWord('WHERE') ? parseExpr(c) : undefined;
    return { kind: 'update', target, assignments, from, where, text: text() };
  }
  if (c.eatWord('DELETE')) {
    c.expectWord('FROM');
    const from: RawTableWithJoins[] = [];
    do from.push(parseTableWithJoins(c));
    while (c.eatOp(','));
    const where = c.eatWord('WHERE') ? parseExpr(c) : undefined;
    return { kind: 'delete', from, where, text: text() };
  }
  if (c.eatWord('SET')) {
    const name = c.name();
    if (!c.eatOp('=')) c.expectWord('TO');
    const values: RawExpr[] = [];
    do values.push(parseExpr(c));
    while (c.eatOp(','));
    return { kind: 'set', name, values, text: text() };
  }
  if (c.eatWord('SHOW')) {
    const name = c.name();
    return { kind: 'show', name, text: text() };
  }
  if (!OTHER_STATEMENTS.has(c.peek().text.toUpperCase()) || c.peek().kind !== 'word') c.fail('an SQL statement');
  while (!c.isOp(';') && c.peek().kind !== 'eof') c.next();
  return { kind: 'other', text: text() };
}

function parenthesisedNames(c: Cursor): RawIdent[] {
  c.expectOp('(');
  const names = [c.ident()];
  while (c.eatOp(',')) names.push(c.ident());
  c.expectOp(')');
  return names;
}
