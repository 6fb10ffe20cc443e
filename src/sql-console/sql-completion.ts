/**
 * What the SQL consoles suggest at the cursor, from the published schema:
 * table and view names after FROM/JOIN/INTO/UPDATE, the columns of `t.`
 * (an alias or a table named in the statement), else the columns of every
 * table the statement names plus the keywords SpacetimeDB's SQL accepts.
 * Pure text in, candidates out; Monaco filters them by what is typed.
 */
import type { ModuleSummary } from '../../worker/api.ts';

export type SqlCandidate = {
  label: string;
  kind: 'keyword' | 'table' | 'view' | 'column' | 'variable';
  /** The type (columns), what a view returns, or the table a column belongs to. */
  detail: string;
  insertText: string;
};
/** Candidates and the text they replace: `[start, offset)` is the word being typed. */
export type SqlCompletion = { start: number; candidates: SqlCandidate[] };

export const SQL_KEYWORDS = [
  'SELECT', 'FROM', 'WHERE', 'JOIN', 'INNER JOIN', 'ON', 'AS', 'AND', 'OR', 'NOT', 'INSERT INTO', 'VALUES',
  'UPDATE', 'SET', 'DELETE FROM', 'LIMIT', 'COUNT', 'TRUE', 'FALSE', 'NULL',
];
/** Words that can follow a table name, so they are never taken for its alias. */
const NOT_ALIAS = new Set(['WHERE', 'JOIN', 'INNER', 'ON', 'SET', 'LIMIT', 'VALUES', 'AS', 'AND', 'OR', 'NOT', 'LEFT', 'RIGHT', 'CROSS', 'ORDER', 'GROUP']);
const TABLE_CONTEXT = new Set(['FROM', 'JOIN', 'INTO', 'UPDATE']);
const TABLE_REF = /\b(FROM|JOIN|INTO|UPDATE)\s+(?:"([^"]+)"|([A-Za-z_]\w*))(?:\s+(?:AS\s+)?([A-Za-z_]\w*))?/gi;

type Table = ModuleSummary['tables'][number];
/** A table the statement names, under the name its columns are qualified with. */
export type TableRef = { table: Table; alias: string };

/** Tables named after FROM/JOIN/INTO/UPDATE anywhere in the statement, with their aliases. */
export function tablesInStatement(text: string, schema: ModuleSummary): TableRef[] {
  const refs: TableRef[] = [];
  for (const m of text.matchAll(TABLE_REF)) {
    const name = m[2] ?? m[3] ?? '';
    const table = schema.tables.find(t => t.name === name);
    if (!table) continue;
    const alias = m[4] && !NOT_ALIAS.has(m[4].toUpperCase()) ? m[4] : name;
    if (!refs.some(r => r.alias === alias)) refs.push({ table, alias });
  }
  return refs;
}

const tableCandidates = (schema: ModuleSummary): SqlCandidate[] => [
  ...schema.tables.map(t => ({
    label: t.name,
    kind: 'table' as const,
    detail: `${t.public ? 'public' : 'private'} table · ${t.columns.length} columns`,
    insertText: t.name,
  })),
  ...schema.views.map(v => ({ label: v.name, kind: 'view' as const, detail: `view → ${v.returns}`, insertText: v.name })),
];

const columnCandidates = (ref: TableRef): SqlCandidate[] =>
  ref.table.columns.map(c => ({
    label: c.name,
    kind: 'column' as const,
    detail: `${c.type}${c.primaryKey ? ' · primary key' : c.unique ? ' · unique' : ''} · ${ref.alias === ref.table.name ? ref.table.name : `${ref.alias} (${ref.table.name})`}`,
    insertText: c.name,
  }));

const KEYWORD_CANDIDATES: SqlCandidate[] = [
  ...SQL_KEYWORDS.map(k => ({ label: k, kind: 'keyword' as const, detail: 'keyword', insertText: k })),
  { label: ':sender', kind: 'variable', detail: "Identity · the caller's identity", insertText: ':sender' },
];

/** Candidates for the cursor at `offset` in `text` (a whole statement). */
export function completeSql(text: string, offset: number, schema: ModuleSummary): SqlCompletion {
  const before = text.slice(0, offset);
  const word = /:?[A-Za-z_0-9]*$/.exec(before)?.[0] ?? '';
  const start = offset - word.length;
  const qualifier = /([A-Za-z_]\w*|"[^"]+")\.$/.exec(before.slice(0, start))?.[1]?.replace(/"/g, '');
  const refs = tablesInStatement(text, schema);
  if (qualifier !== undefined) {
    const ref = refs.find(r => r.alias === qualifier) ?? refs.find(r => r.table.name === qualifier);
    const table = schema.tables.find(t => t.name === qualifier);
    return { start, candidates: ref ? columnCandidates(ref) : table ? columnCandidates({ table, alias: table.name }) : [] };
  }
  const previous = /([A-Za-z_]+)\s+$/.exec(before.slice(0, start))?.[1]?.toUpperCase();
  if (previous && TABLE_CONTEXT.has(previous)) return { start, candidates: tableCandidates(schema) };
  return { start, candidates: [...refs.flatMap(columnCandidates), ...KEYWORD_CANDIDATES] };
}
