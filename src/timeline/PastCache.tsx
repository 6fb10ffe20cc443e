import type { PastClient } from '../../worker/api.ts';
import { formatValue, fullValue } from '../format.ts';

const tableOf = (query: string): string => /\bfrom\s+([A-Za-z_][\w.]*)/i.exec(query)?.[1] ?? query;

/** A client's cache as it was at a viewed entry: each of its queries' rows, as that client was allowed to see them. */
export function PastCache({ name, past, at }: { name: string; past: PastClient | null; at: number }) {
  return (
    <section aria-label={`${name}'s cache`} className="client-cache">
      <h4>Cache at #{at}</h4>
      {past === null && <p className="empty small">Loading…</p>}
      {past && !past.connected && <p className="empty small">{name} had no connection open at #{at}: its cache was empty.</p>}
      {past?.queries.map(q => (
        <div key={q.query} className="cache-table">
          <div className="cache-title">{tableOf(q.query)} <span className="muted">{q.error ? 'refused' : q.rows.length}</span></div>
          {q.error && <p className="error small">{q.error}</p>}
          {!q.error && q.rows.length > 0 && (
            <table aria-label={`${name}'s ${tableOf(q.query)}`}>
              <thead>
                <tr>{q.columns.map(c => <th key={c} scope="col">{c}</th>)}</tr>
              </thead>
              <tbody>
                {q.rows.map((row, i) => (
                  <tr key={i}>{row.map((v, j) => <td key={j} title={fullValue(v)}>{formatValue(v)}</td>)}</tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </section>
  );
}
