/**
 * The host's per-session requests that take JSON or SQL from the page and
 * answer plain data: reducer calls, SQL, table reads. Bad input comes back
 * as a `Failure`, never as a throw.
 */
import { encodeArgs } from '../scenario/args.ts';
import { rowsJson } from '../scenario/run-scenario.ts';
import { formatType, type Json } from '../values/json-codec.ts';
import { fail, type Failure, type InputResult } from './results.ts';
import { readWindow, type RowWindow, type RowWindowResult } from './row-window.ts';
import type { Session } from './session.ts';
import type { TxView } from './views.ts';

/** The first rows of a table, or (asked with a `RowWindow`) one sorted, filtered window of them. */
export type RowsResult = { ok: true; rows: Json[]; total: number } | RowWindowResult | Failure;
export type { RowWindow, RowWindowResult };
export type TableCount = { name: string; rows: number };
export type SqlResult =
  | { ok: true; columns: { name: string; type: string }[]; rows: Json[][]; affected: number; durationMs: number; tx: TxView | null }
  | Failure;

export function callReducer(s: Session, name: string, argsJson: string, as: string | null): InputResult {
  const r = s.db.findReducer(name);
  if (!r) return fail('no-such-reducer', `No reducer named "${name}".`);
  if (as !== null && !s.clients.caller(as)) {
    return fail('not-connected', `Client "${as}" is not connected: connect it first.`);
  }
  let args: Uint8Array;
  try {
    const json: unknown = argsJson.trim() === '' ? [] : JSON.parse(argsJson);
    args = encodeArgs(r.params, r.paramsType, s.db.schema.typespace, json, s.clients.hexOf);
  } catch (e) {
    // Bad JSON or JSON that does not fit the params is the caller's mistake; anything else is a bug.
    if (!(e instanceof SyntaxError || (e instanceof Error && e.name === 'ValueError'))) throw e;
    return fail('bad-args', `Arguments for ${r.name}: ${e.message}`);
  }
  const { entry, tx } = s.applyNow({ kind: 'call', reducer: r.name, args, as });
  return { ok: true, entry, tx };
}

export function runSql(s: Session, text: string, as: string | null): SqlResult {
  if (!text.trim()) return fail('sql', 'Write a query first, e.g. SELECT * FROM <table>.');
  const start = performance.now();
  const r = s.sql(text, as);
  if (!r) return fail('not-connected', `Client "${as}" is not connected: connect it first.`);
  const durationMs = performance.now() - start;
  if (!r.outcome.ok) return fail('sql', r.outcome.error.message);
  const { columns, rows, stats } = r.outcome.value;
  const ts = s.db.schema.typespace;
  return {
    ok: true,
    columns: columns.map(c => ({ name: c.name, type: formatType(c.type, ts) })),
    rows,
    affected: stats.rowsInserted + stats.rowsDeleted + stats.rowsUpdated,
    durationMs,
    tx: r.applied?.tx ?? null,
  };
}

export function readRows(s: Session, table: string, limit: number | RowWindow): RowsResult {
  if (typeof limit !== 'number') return readWindow(s.db, table, limit);
  const t = s.db.findTable(table);
  if (!t) return fail('no-such-table', `No table named "${table}".`);
  const all = s.db.store.scanTable(t.id);
  return { ok: true, rows: rowsJson(s.db, t.name, all.slice(0, limit)), total: all.length };
}

export function tableCounts(s: Session): TableCount[] {
  return s.db.schema.tables.filter(t => !t.view).map(t => ({ name: t.name, rows: Number(s.db.store.rowCount(t.id)) }));
}
