/**
 * Where in a statement an SQL error points, so the console can underline it.
 * The engine's messages follow upstream's texts (worker/sql/errors.ts): a
 * parse error carries `Line: L, Column: C` and the token it found; the others
 * name the offending identifier or literal in backticks. Failing both, the
 * whole statement is the span.
 */

/** A span of the statement, as offsets: `[start, end)`. */
export type SqlSpan = { start: number; end: number };

const TABLE_WORDS = /\b(?:FROM|JOIN|INTO|UPDATE)\s+"?$/i;

/** Where the error `message` (as the engine words it) points in `sql`. */
export function locateSqlError(sql: string, message: string): SqlSpan {
  // Subscriptions append the statement they ran; its backticks name nothing.
  const text = message.replace(/, executing: `[\s\S]*`$/, '');
  return atParsePosition(sql, text) ?? atNamedToken(sql, text) ?? wholeStatement(sql);
}

function wholeStatement(sql: string): SqlSpan {
  const start = sql.length - sql.trimStart().length;
  const end = sql.trimEnd().length;
  return end > start ? { start, end } : { start: 0, end: sql.length };
}

function atParsePosition(sql: string, message: string): SqlSpan | null {
  if (!message.startsWith('sql parser error:')) return null;
  const found = /found: (.+?)(?: at Line: (\d+), Column: (\d+))?$/.exec(message);
  if (!found) return null;
  if (found[1] === 'EOF' || !found[2]) return lastToken(sql);
  const lines = sql.split('\n');
  const line = Number(found[2]);
  if (line > lines.length) return lastToken(sql);
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Number(found[3]) - 1;
  const token = found[1] ?? '';
  const end = sql.startsWith(token, start) ? start + token.length : start + (/^\S+/.exec(sql.slice(start))?.[0].length ?? 1);
  return { start: Math.min(start, sql.length), end: Math.min(Math.max(end, start + 1), sql.length) };
}

/** The statement ended too soon: underline its last token. */
function lastToken(sql: string): SqlSpan {
  const end = sql.trimEnd().length;
  const start = end - (/\S+$/.exec(sql.slice(0, end))?.[0].length ?? 0);
  return end > start ? { start, end } : wholeStatement(sql);
}

/** The identifier or literal a message names; tables are sought after FROM/JOIN/INTO/UPDATE, columns elsewhere. */
function atNamedToken(sql: string, message: string): SqlSpan | null {
  const names = [...message.matchAll(/`([^`]+)`/g)].map(m => m[1] ?? '');
  if (names.length === 0) return unsupportedText(sql, message);
  const isTable = message.startsWith('no such table') || message.includes('is a view');
  // `t` does not have a field `f`: the field is what to fix.
  const name = message.includes('does not have a field') ? names[1] : names[0];
  if (!name) return null;
  const hits = occurrences(sql, name);
  const preferred = hits.filter(i => TABLE_WORDS.test(sql.slice(0, i)) === isTable);
  const at = preferred[0] ?? hits[0];
  return at === undefined ? null : { start: at, end: at + name.length };
}

/** `Unsupported LIMIT expression: x` and its kin end with the text they refused. */
function unsupportedText(sql: string, message: string): SqlSpan | null {
  const refused = /^Unsupported [^:]*: (.+)$/.exec(message)?.[1];
  if (!refused) return null;
  const at = sql.indexOf(refused);
  return at < 0 ? null : { start: at, end: at + refused.length };
}

/** Offsets where `name` stands as a whole token (quoted or not), outside string literals if it occurs there. */
function occurrences(sql: string, name: string): number[] {
  const word = (c: string | undefined) => c !== undefined && /\w/.test(c);
  const outside: number[] = [];
  const inside: number[] = [];
  let inString = false;
  for (let i = 0; i < sql.length; i++) {
    if (sql[i] === "'") inString = !inString;
    if (!sql.startsWith(name, i)) continue;
    const whole = (!word(name[0]) || !word(sql[i - 1])) && (!word(name.at(-1)) || !word(sql[i + name.length]));
    if (whole) (inString ? inside : outside).push(i);
  }
  if (outside.length + inside.length > 0) return [...outside, ...inside];
  const loose = sql.toLowerCase().indexOf(name.toLowerCase());
  return loose < 0 ? [] : [loose];
}
