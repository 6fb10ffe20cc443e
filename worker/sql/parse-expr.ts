/**
 * Expressions by precedence climbing, with sqlparser's precedences:
 * OR < AND < NOT < comparisons (also IS, IN, BETWEEN, LIKE) < `+ - ||` < `* / %`
 * < unary sign < `::`. Constructs SpacetimeDB refuses are still parsed, so
 * the refusal can name them.
 */
import type { Cursor } from './cursor.ts';
import { compact, displayExpr, type RawExpr } from './syntax.ts';

const COMPARISON = new Set(['=', '<>', '!=', '<', '>', '<=', '>=']);
const PREC_NOT = 15;
const PREC_CMP = 20;
const PREC_UNARY = 50;

function infixPrecedence(c: Cursor): number {
  const t = c.peek();
  if (t.kind === 'op') {
    if (COMPARISON.has(t.text)) return PREC_CMP;
    if (t.text === '+' || t.text === '-' || t.text === '||') return 30;
    if (t.text === '*' || t.text === '/' || t.text === '%') return 40;
    if (t.text === '::') return 60;
    return 0;
  }
  if (c.isWord('OR')) return 5;
  if (c.isWord('AND')) return 10;
  if (['IS', 'IN', 'BETWEEN', 'LIKE', 'ILIKE'].some(k => c.isWord(k))) return PREC_CMP;
  if (c.isWord('NOT') && ['IN', 'BETWEEN', 'LIKE', 'ILIKE'].some(k => c.isWord(k, 1))) return PREC_CMP;
  return 0;
}

export function parseExpr(c: Cursor, minPrec = 0): RawExpr {
  return c.nested(() => {
    let left = parsePrefix(c);
    for (let prec = infixPrecedence(c); prec > minPrec; prec = infixPrecedence(c)) left = parseInfix(c, left, prec);
    return left;
  });
}

function parseInfix(c: Cursor, left: RawExpr, prec: number): RawExpr {
  const start = c.peek().start;
  if (c.eatOp('::')) {
    c.name();
    if (c.isOp('(')) c.skipGroup();
    return { kind: 'complex', text: `CAST(${displayExpr(left)} AS ${compact(c.textFrom(start).slice(2))})` };
  }
  if (c.eatWord('IS')) {
    const not = c.eatWord('NOT') ? 'NOT ' : '';
    const what = c.eatWord('DISTINCT') ? (c.expectWord('FROM'), `DISTINCT FROM ${displayExpr(parseExpr(c, prec))}`) : c.next().text.toUpperCase();
    return { kind: 'complex', text: `${displayExpr(left)} IS ${not}${what}` };
  }
  const not = c.eatWord('NOT') ? 'NOT ' : '';
  if (c.eatWord('IN')) {
    if (c.isWord('SELECT', 1) || c.isWord('WITH', 1)) return { kind: 'complex', text: `${displayExpr(left)} ${not}IN ${compact(c.skipGroup())}` };
    c.expectOp('(');
    const list: RawExpr[] = [];
    if (!c.isOp(')')) do list.push(parseExpr(c)); while (c.eatOp(','));
    c.expectOp(')');
    return { kind: 'complex', text: `${displayExpr(left)} ${not}IN (${list.map(displayExpr).join(', ')})` };
  }
  if (c.eatWord('BETWEEN')) {
    const low = parseExpr(c, PREC_CMP);
    c.expectWord('AND');
    const high = parseExpr(c, PREC_CMP);
    return { kind: 'complex', text: `${displayExpr(left)} ${not}BETWEEN ${displayExpr(low)} AND ${displayExpr(high)}` };
  }
  if (c.isWord('LIKE') || c.isWord('ILIKE')) {
    const op = c.next().text.toUpperCase();
    return { kind: 'complex', text: `${displayExpr(left)} ${not}${op} ${displayExpr(parseExpr(c, PREC_CMP))}` };
  }
  const t = c.next();
  const op = t.kind === 'word' ? t.text.toUpperCase() : t.text === '!=' ? '<>' : t.text;
  return { kind: 'binary', op, left, right: parseExpr(c, prec) };
}

function parsePrefix(c: Cursor): RawExpr {
  const t = c.peek();
  switch (t.kind) {
    case 'number': c.next(); return { kind: 'number', text: t.text };
    case 'string': c.next(); return { kind: 'string', text: t.text };
    case 'hex': c.next(); return { kind: 'hex', text: t.text };
    case 'other-literal': c.next(); return { kind: 'other-literal', text: t.text };
    case 'placeholder': c.next(); return { kind: 'placeholder', name: t.text };
    case 'op':
      if (t.text === '-' || t.text === '+') {
        c.next();
        return { kind: 'unary', op: t.text, expr: parseExpr(c, PREC_UNARY) };
      }
      if (t.text === '(') {
        if (c.isWord('SELECT', 1) || c.isWord('WITH', 1)) return { kind: 'complex', text: compact(c.skipGroup()) };
        c.next();
        const expr = parseExpr(c);
        c.expectOp(')');
        return { kind: 'nested', expr };
      }
      return c.fail('an expression');
    case 'word':
      if (c.eatWord('TRUE')) return { kind: 'bool', value: true };
      if (c.eatWord('FALSE')) return { kind: 'bool', value: false };
      if (c.eatWord('NULL')) return { kind: 'null' };
      if (c.eatWord('NOT')) return { kind: 'unary', op: 'NOT', expr: parseExpr(c, PREC_NOT) };
      if (c.isWord('CASE')) return parseCase(c);
      if ((c.isWord('EXISTS') || c.isWord('CAST')) && c.isOp('(', 1)) {
        const start = t.start;
        c.next();
        c.skipGroup();
        return { kind: 'complex', text: compact(c.textFrom(start)) };
      }
      return parseNameOrCall(c);
    case 'qident':
      return parseNameOrCall(c);
    default:
      return c.fail('an expression');
  }
}

function parseNameOrCall(c: Cursor): RawExpr {
  const name = c.name();
  if (!c.eatOp('(')) return { kind: 'ident', parts: name };
  const distinct = c.eatWord('DISTINCT');
  const args: (RawExpr | '*')[] = [];
  if (!c.isOp(')')) do args.push(c.eatOp('*') ? '*' : parseExpr(c)); while (c.eatOp(','));
  c.expectOp(')');
  return { kind: 'function', name, args, distinct };
}

function parseCase(c: Cursor): RawExpr {
  const start = c.peek().start;
  let depth = 0;
  do {
    if (c.peek().kind === 'eof') c.fail('END');
    if (c.isWord('CASE')) depth++;
    if (c.isWord('END')) depth--;
    c.next();
  } while (depth > 0);
  return { kind: 'complex', text: compact(c.textFrom(start)) };
}
