/**
 * Tokenizer for the PostgreSQL-flavoured SQL upstream feeds to `sqlparser`
 * (PostgreSqlDialect): case-sensitive identifiers, `"quoted"` identifiers,
 * `'it''s'` strings, numbers (`1e3`, `.5`), hex (`0xAB`, `X'AB'`),
 * `:name` placeholders, line and block comments.
 */
import { err } from './errors.ts';

export type TokenKind =
  | 'word' // unquoted identifier or keyword
  | 'qident' // "quoted identifier"
  | 'string' // 'text'
  | 'number'
  | 'hex' // 0xAB or X'AB' (text = the digits)
  | 'other-literal' // B'01', N'x', E'x', $1: literals sqlparser knows but SpacetimeDB refuses
  | 'placeholder' // :name
  | 'op'
  | 'eof';

export type Token = { kind: TokenKind; text: string; start: number; end: number };

const OPS = ['<>', '!=', '<=', '>=', '||', '::', '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', ',', '.', ';', '[', ']'];
const isIdentStart = (c: string): boolean => /[\p{L}_]/u.test(c);
const isIdentPart = (c: string): boolean => /[\p{L}\p{N}_$]/u.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** `Line: L, Column: C` of an offset, 1-based, as sqlparser reports locations. */
export function location(sql: string, offset: number): string {
  const before = sql.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `Line: ${line}, Column: ${column}`;
}

function quoted(sql: string, start: number, q: string): [string, number] {
  let out = '';
  let i = start + 1;
  for (;;) {
    if (i >= sql.length) {
      throw err.parser(`Unterminated ${q === '"' ? 'delimited identifier' : 'string literal'} at ${location(sql, start)}`);
    }
    const c = sql[i]!;
    if (c === q) {
      if (sql[i + 1] === q) {
        out += q;
        i += 2;
        continue;
      }
      return [out, i + 1];
    }
    out += c;
    i++;
  }
}

function numberEnd(sql: string, i: number): number {
  while (isDigit(sql[i])) i++;
  if (sql[i] === '.') {
    i++;
    while (isDigit(sql[i])) i++;
  }
  if ((sql[i] === 'e' || sql[i] === 'E') && (isDigit(sql[i + 1]) || (/[+-]/.test(sql[i + 1] ?? '') && isDigit(sql[i + 2])))) {
    i += 2;
    while (isDigit(sql[i])) i++;
  }
  return i;
}

export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, text: string, start: number, end: number): void => {
    out.push({ kind, text, start, end });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && next === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) throw err.parser(`Unexpected EOF while in a multi-line comment at ${location(sql, i)}`);
      i = close + 2;
    } else if (c === "'") {
      const [text, end] = quoted(sql, i, "'");
      push('string', text, i, end);
    } else if (c === '"') {
      const [text, end] = quoted(sql, i, '"');
      push('qident', text, i, end);
    } else if (/[xXbBnNeE]/.test(c) && next === "'") {
      const [text, end] = quoted(sql, i + 1, "'");
      const hex = c === 'x' || c === 'X';
      if (hex && !/^[0-9a-fA-F]*$/.test(text)) throw err.parser(`Invalid hex string literal at ${location(sql, i)}`);
      push(hex ? 'hex' : 'other-literal', hex ? text : sql.slice(i, end), i, end);
    } else if (c === '0' && (next === 'x' || next === 'X') && /[0-9a-fA-F]/.test(sql[i + 2] ?? '')) {
      let end = i + 2;
      while (/[0-9a-fA-F]/.test(sql[end] ?? '')) end++;
      push('hex', sql.slice(i + 2, end), i, end);
    } else if (isDigit(c) || (c === '.' && isDigit(next))) {
      push('number', sql.slice(i, numberEnd(sql, i)), i, numberEnd(sql, i));
    } else if (c === ':' && next !== undefined && isIdentStart(next)) {
      let end = i + 2;
      while (end < sql.length && isIdentPart(sql[end]!)) end++;
      push('placeholder', sql.slice(i, end), i, end);
    } else if (c === '$' && isDigit(next)) {
      let end = i + 1;
      while (isDigit(sql[end])) end++;
      push('other-literal', sql.slice(i, end), i, end);
    } else if (isIdentStart(c)) {
      let end = i + 1;
      while (end < sql.length && isIdentPart(sql[end]!)) end++;
      push('word', sql.slice(i, end), i, end);
    } else {
      const op = OPS.find(o => sql.startsWith(o, i));
      if (!op) throw err.parser(`Unexpected character '${c}' at ${location(sql, i)}`);
      push('op', op, i, i + op.length);
    }
  }
  out.push({ kind: 'eof', text: '', start: sql.length, end: sql.length });
  return out;
}
