/**
 * The grid's filter language, matched against rows as the page formats
 * them (strings as they are, everything else as JSON):
 * - `text`: case-insensitive substring of any column;
 * - `column:text`: case-insensitive substring of that column;
 * - `column = value`: that column's whole value, case-insensitive (quotes optional).
 * A `column:` prefix that names no column is plain text (`12:30` still
 * works); `name = …` with an unknown name is an error saying which columns exist.
 */
import type { TableSchema } from '../module/schema-types.ts';

export type RowFilter =
  | { kind: 'all' }
  | { kind: 'text'; needle: string }
  | { kind: 'column'; column: string; needle: string; exact: boolean };

export type ParsedFilter = { ok: true; filter: RowFilter } | { ok: false; message: string };

const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
const EQUALS = new RegExp(`^(${IDENT})\\s*==?\\s*(.*)$`, 's');
const COLON = new RegExp(`^(${IDENT})\\s*:\\s*(.*)$`, 's');

const unquote = (v: string): string => (/^(['"]).*\1$/s.test(v) && v.length >= 2 ? v.slice(1, -1) : v);

/** The source name (the key decoded rows use) of a column named `name` either way, if any. */
function columnKey(table: TableSchema, name: string): string | undefined {
  const c = table.columns.find(c => c.name === name) ?? table.columns.find(c => c.sourceName === name);
  return c?.sourceName;
}

export function parseFilter(table: TableSchema, text: string): ParsedFilter {
  const t = text.trim();
  if (t === '') return { ok: true, filter: { kind: 'all' } };
  const eq = EQUALS.exec(t);
  if (eq) {
    const column = columnKey(table, eq[1]!);
    if (column === undefined) {
      const names = table.columns.map(c => c.name).join(', ');
      return { ok: false, message: `No column "${eq[1]}" in ${table.name} (columns: ${names}). Write "column = value", "column:text" or plain text.` };
    }
    return { ok: true, filter: { kind: 'column', column, needle: unquote(eq[2]!.trim()).toLowerCase(), exact: true } };
  }
  const colon = COLON.exec(t);
  const column = colon ? columnKey(table, colon[1]!) : undefined;
  if (colon && column !== undefined) return { ok: true, filter: { kind: 'column', column, needle: colon[2]!.toLowerCase(), exact: false } };
  return { ok: true, filter: { kind: 'text', needle: t.toLowerCase() } };
}

/** A filter's identity in caches. */
export function filterKey(f: RowFilter): string {
  return f.kind === 'all' ? '' : f.kind === 'text' ? `t\u0000${f.needle}` : `${f.exact ? '=' : ':'}\u0000${f.column}\u0000${f.needle}`;
}

/** Whether every row matching `narrow` also matches `wide` (so `narrow` may filter `wide`'s matches). */
export function narrows(wide: RowFilter, narrow: RowFilter): boolean {
  if (wide.kind === 'all') return true;
  if (narrow.kind === 'all' || !narrow.needle.includes(wide.needle)) return false;
  if (wide.kind === 'text') return true;
  return narrow.kind === 'column' && narrow.column === wide.column && !wide.exact;
}
