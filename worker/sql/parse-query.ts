/**
 * Queries: `SELECT ... FROM ... [JOIN ...] [WHERE] [GROUP BY] [HAVING]`, set
 * operations, `ORDER BY`, `LIMIT`, `OFFSET`, `FETCH`, in sqlparser's shapes.
 */
import type { Cursor } from './cursor.ts';
import { parseExpr } from './parse-expr.ts';
import type { RawJoin, RawJoinOp, RawQuery, RawRelation, RawSelect, RawSelectItem, RawTableWithJoins } from './syntax.ts';

export function parseQuery(c: Cursor): RawQuery {
  const start = c.peek().start;
  return c.nested(() => {
    const withClause = c.isWord('WITH');
    if (withClause) {
      c.next();
      c.eatWord('RECURSIVE');
      do {
        c.ident();
        if (c.isOp('(')) c.skipGroup();
        c.expectWord('AS');
        c.skipGroup();
      } while (c.eatOp(','));
    }
    let body: RawQuery['body'] = parseSetOperand(c);
    while (c.isWord('UNION') || c.isWord('EXCEPT') || c.isWord('INTERSECT')) {
      c.next();
      if (!c.eatWord('ALL')) c.eatWord('DISTINCT');
      parseSetOperand(c);
      body = { kind: 'setop', text: c.textFrom(start) };
    }
    const orderBy = c.eatWord('ORDER', 'BY');
    if (orderBy) {
      do {
        parseExpr(c);
        if (!c.eatWord('ASC')) c.eatWord('DESC');
        if (c.eatWord('NULLS') && !c.eatWord('FIRST')) c.expectWord('LAST');
      } while (c.eatOp(','));
    }
    let limit: RawQuery['limit'];
    let offset = false;
    for (;;) {
      if (c.eatWord('LIMIT')) limit = c.eatWord('ALL') ? { kind: 'complex', text: 'ALL' } : parseExpr(c);
      else if (c.eatWord('OFFSET')) {
        parseExpr(c);
        if (!c.eatWord('ROWS')) c.eatWord('ROW');
        offset = true;
      } else if (c.eatWord('FETCH')) {
        while (!c.isOp(';') && c.peek().kind !== 'eof') c.next();
        offset = true;
      } else break;
    }
    return { body, with: withClause, orderBy, limit, offset, text: c.textFrom(start) };
  });
}

function parseSetOperand(c: Cursor): RawQuery['body'] {
  if (c.isOp('(')) {
    const start = c.peek().start;
    c.next();
    parseQuery(c);
    c.expectOp(')');
    return { kind: 'setop', text: c.textFrom(start) };
  }
  c.expectWord('SELECT');
  return parseSelect(c, c.tokens[c.pos - 1]!.start);
}

function parseSelect(c: Cursor, start: number): RawSelect {
  let distinct = false;
  if (c.eatWord('DISTINCT')) {
    distinct = true;
    if (c.eatWord('ON')) c.skipGroup();
  } else if (c.eatWord('ALL')) distinct = true; // upstream refuses an explicit set quantifier either way
  const items: RawSelectItem[] = [];
  do items.push(parseSelectItem(c));
  while (c.eatOp(','));
  const from: RawTableWithJoins[] = [];
  if (c.eatWord('FROM')) {
    do from.push(parseTableWithJoins(c));
    while (c.eatOp(','));
  }
  const where = c.eatWord('WHERE') ? parseExpr(c) : undefined;
  const groupBy = c.eatWord('GROUP', 'BY');
  if (groupBy) do parseExpr(c); while (c.eatOp(','));
  const having = c.eatWord('HAVING');
  if (having) parseExpr(c);
  return { kind: 'select', distinct, items, from, where, groupBy, having, text: c.textFrom(start) };
}

function parseSelectItem(c: Cursor): RawSelectItem {
  if (c.eatOp('*')) return { kind: 'wildcard' };
  if (c.isIdent()) {
    let n = 1;
    while (c.isOp('.', n) && (c.isIdent(n + 1) || c.isOp('*', n + 1))) {
      if (c.isOp('*', n + 1)) {
        const qualifier = c.name();
        c.expectOp('.');
        c.expectOp('*');
        return { kind: 'qualified-wildcard', qualifier };
      }
      n += 2;
    }
  }
  const expr = parseExpr(c);
  const alias = c.eatWord('AS') || c.isIdent() ? c.ident() : undefined;
  return { kind: 'expr', expr, alias };
}

export function parseRelation(c: Cursor): RawRelation {
  const start = c.peek().start;
  if (c.isOp('(')) {
    c.skipGroup();
    if (c.eatWord('AS') || c.isIdent()) c.ident();
    return { kind: 'other', text: c.textFrom(start) };
  }
  const name = c.name();
  if (c.isOp('(')) {
    c.skipGroup();
    if (c.eatWord('AS') || c.isIdent()) c.ident();
    return { kind: 'other', text: c.textFrom(start) };
  }
  const alias = c.eatWord('AS') || c.isIdent() ? c.ident() : undefined;
  if (alias && c.isOp('(')) {
    c.skipGroup();
    return { kind: 'other', text: c.textFrom(start) };
  }
  return { kind: 'table', name, alias, text: c.textFrom(start) };
}

function joinOp(c: Cursor): RawJoinOp | undefined {
  if (c.eatWord('JOIN') || c.eatWord('INNER', 'JOIN')) return 'inner';
  if (c.eatWord('CROSS', 'JOIN')) return 'cross';
  if (c.eatWord('NATURAL')) {
    while (!c.eatWord('JOIN')) if (c.next().kind === 'eof') c.fail('JOIN');
    return 'natural';
  }
  for (const side of ['LEFT', 'RIGHT', 'FULL']) {
    if (c.isWord(side) && (c.isWord('JOIN', 1) || (c.isWord('OUTER', 1) && c.isWord('JOIN', 2)))) {
      c.next();
      c.eatWord('OUTER');
      c.expectWord('JOIN');
      return 'outer';
    }
  }
  return undefined;
}

export function parseTableWithJoins(c: Cursor): RawTableWithJoins {
  const start = c.peek().start;
  const relation = parseRelation(c);
  const joins: RawJoin[] = [];
  for (let op = joinOp(c); op !== undefined; op = joinOp(c)) {
    const rel = parseRelation(c);
    let constraint: RawJoin['constraint'] = { kind: 'none' };
    if (c.eatWord('ON')) constraint = { kind: 'on', expr: parseExpr(c) };
    else if (c.eatWord('USING')) {
      c.skipGroup();
      constraint = { kind: 'using' };
    }
    joins.push({ op, relation: rel, constraint });
  }
  return { relation, joins, text: c.textFrom(start) };
}
