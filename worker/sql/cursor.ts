/**
 * Token cursor shared by the expression and statement parsers: keyword and
 * operator matching (keywords case-insensitive, identifiers not), sqlparser's
 * `Expected: ..., found: ...` errors, and its nesting limit.
 */
import { err } from './errors.ts';
import { location, type Token } from './lexer.ts';
import type { RawIdent } from './syntax.ts';

/** Words that cannot stand as a bare identifier or alias (quote them: `"order"`). */
const RESERVED = new Set([
  'ALL', 'AND', 'AS', 'ASC', 'BETWEEN', 'BY', 'CASE', 'CAST', 'CROSS', 'DEFAULT', 'DELETE', 'DESC', 'DISTINCT',
  'ELSE', 'END', 'EXCEPT', 'EXISTS', 'FALSE', 'FETCH', 'FOR', 'FROM', 'FULL', 'GROUP', 'HAVING', 'ILIKE', 'IN',
  'INNER', 'INSERT', 'INTERSECT', 'INTO', 'IS', 'JOIN', 'LEFT', 'LIKE', 'LIMIT', 'NATURAL', 'NOT', 'NULL',
  'OFFSET', 'ON', 'OR', 'ORDER', 'OUTER', 'RIGHT', 'SELECT', 'SET', 'THEN', 'TRUE', 'UNION', 'UPDATE',
  'USING', 'VALUES', 'WHEN', 'WHERE', 'WITH',
]);

/** sqlparser's default recursion budget for nested expressions and queries. */
const MAX_DEPTH = 50;

export class Cursor {
  pos = 0;
  private depth = 0;
  constructor(
    readonly sql: string,
    readonly tokens: Token[],
  ) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  isWord(kw: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'word' && t.text.toUpperCase() === kw;
  }

  eatWord(...kws: string[]): boolean {
    if (!kws.every((kw, i) => this.isWord(kw, i))) return false;
    this.pos += kws.length;
    return true;
  }

  expectWord(kw: string): void {
    if (!this.eatWord(kw)) this.fail(kw);
  }

  isOp(op: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'op' && t.text === op;
  }

  eatOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.pos++;
    return true;
  }

  expectOp(op: string): void {
    if (!this.eatOp(op)) this.fail(op);
  }

  /** An identifier here (quoted, or a word that is not reserved)? */
  isIdent(ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'qident' || (t.kind === 'word' && !RESERVED.has(t.text.toUpperCase()));
  }

  ident(): RawIdent {
    if (!this.isIdent()) this.fail('identifier');
    const t = this.next();
    return { value: t.text, quoted: t.kind === 'qident' };
  }

  /** `a` or `a.b.c`. */
  name(): RawIdent[] {
    const parts = [this.ident()];
    while (this.isOp('.') && this.isIdent(1)) {
      this.pos++;
      parts.push(this.ident());
    }
    return parts;
  }

  /** Source text from `start` up to the last consumed token. */
  textFrom(start: number): string {
    const last = this.tokens[this.pos - 1];
    return this.sql.slice(start, last && last.end > start ? last.end : start);
  }

  fail(expected: string): never {
    const t = this.peek();
    const found = t.kind === 'eof' ? 'EOF' : this.sql.slice(t.start, t.end);
    throw err.parser(`Expected: ${expected}, found: ${found}${t.kind === 'eof' ? '' : ` at ${location(this.sql, t.start)}`}`);
  }

  nested<T>(f: () => T): T {
    if (++this.depth > MAX_DEPTH) throw err.parser('recursion limit exceeded');
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  /** Skips a parenthesised group (the cursor is on `(`), returning its text. */
  skipGroup(): string {
    const start = this.peek().start;
    let depth = 0;
    do {
      const t = this.next();
      if (t.kind === 'eof') this.fail(')');
      if (t.kind === 'op' && t.text === '(') depth++;
      if (t.kind === 'op' && t.text === ')') depth--;
    } while (depth > 0);
    return this.textFrom(start);
  }
}
