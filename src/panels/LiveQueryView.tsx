/**
 * One live query: its rows per table (the initial rows, kept up to date) and,
 * beside them, every delta newest first with the transaction that caused it:
 * its number, reducer, caller and time.
 */
import type { Json, LiveEvent, ModuleSummary } from '../../worker/api.ts';
import { formatValue } from '../format.ts';
import { DataGrid } from '../grid/DataGrid.tsx';

export type LiveQuery = {
  id: number;
  sql: string;
  as: string | null;
  /** Current rows per table, as JSON text (a bag: duplicates allowed). */
  rows: Record<string, string[]>;
  events: LiveEvent[];
  /** How many rows the subscription answered with, before any delta. */
  initial: number;
  error: string | null;
};

const preview = (row: Json): string =>
  row !== null && typeof row === 'object' && !Array.isArray(row) ? Object.values(row).map(v => formatValue(v)).join(' · ') : formatValue(row);

/** A transaction's time of day, to the millisecond (timestamps are microseconds since the epoch). */
const timeOf = (micros: bigint): string => new Date(Number(micros / 1000n)).toISOString().slice(11, 23);

export function LiveQueryView({ query, module, onRemove }: { query: LiveQuery; module: ModuleSummary; onRemove(): void }) {
  return (
    <section className="live-query" aria-label={`Live query ${query.sql}`}>
      <header className="live-head">
        <span className="live-dot" aria-hidden="true" />
        <code className="grow">{query.sql}</code>
        <span className="muted">as {query.as ?? 'owner'}</span>
        <button type="button" className="secondary small" onClick={onRemove}>Unsubscribe</button>
      </header>
      {query.error && <p className="error">{query.error}</p>}
      <div className="live-body">
        <div className="live-rows">
          {Object.entries(query.rows).map(([table, rows]) => {
            const columns = module.tables.find(t => t.name === table)?.columns ?? [];
            const values = rows.map(r => JSON.parse(r) as Record<string, Json>);
            return <DataGrid key={table} label={`Live rows of ${table}`} columns={columns.map(c => ({ name: c.name, type: c.type }))} rows={values.map(v => columns.map(c => v[c.name] ?? null))} />;
          })}
          {Object.keys(query.rows).length === 0 && <p className="empty">No rows match yet.</p>}
        </div>
        <ol className="delta-stream" aria-label={`Changes to ${query.sql}`}>
          {query.events.map(ev => (
            <li key={ev.seq} aria-label={`Transaction #${ev.seq}`}>
              <div className="delta-head">
                <span className="seq">#{ev.seq}</span>
                <span className="delta-tx">{ev.reducer} · {ev.caller}</span>
                <time className="delta-time">{timeOf(ev.timestamp)}</time>
              </div>
              {ev.tables.map(t => (
                <div key={t.table}>
                  {t.inserts.map((r, i) => <div key={`i${i}`} className="ins">+ {t.table}: {preview(r)}</div>)}
                  {t.deletes.map((r, i) => <div key={`d${i}`} className="del">− {t.table}: {preview(r)}</div>)}
                </div>
              ))}
            </li>
          ))}
          <li className="delta-initial">
            <div className="delta-head">
              <span>Subscribed: {query.initial} initial row{query.initial === 1 ? '' : 's'}</span>
            </div>
            {query.events.length === 0 && <div className="muted">Changes appear here as transactions commit.</div>}
          </li>
        </ol>
      </div>
    </section>
  );
}
