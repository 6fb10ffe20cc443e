import { useEffect, useState } from 'react';
import type { SqlResult } from '../../worker/api.ts';
import { DataGrid } from '../grid/DataGrid.tsx';
import { timelineHost } from './timeline-host.ts';

type Query = { id: number; sql: string; as: string | null };

/** The live queries' rows as they were right after entry `at`: each one run read-only against that state, as its caller. */
export function PastQueries({ queries, at }: { queries: Query[]; at: number }) {
  const [results, setResults] = useState<{ at: number; byId: Map<number, SqlResult> } | null>(null);
  const key = queries.map(q => `${q.id}:${q.as ?? ''}:${q.sql}`).join('\n');
  useEffect(() => {
    let current = true;
    void Promise.all(queries.map(async q => [q.id, await timelineHost.sqlAt(at, q.sql, q.as)] as const)).then(rs => current && setResults({ at, byId: new Map(rs) }));
    return () => {
      current = false;
    };
    // `key` stands for `queries`: a new array with the same queries needs no refetch.
  }, [at, key]);
  return (
    <>
      {queries.map(q => {
        const r = results?.at === at ? results.byId.get(q.id) : undefined;
        return (
          <section key={q.id} className="live-query" aria-label={`Live query ${q.sql} at #${at}`}>
            <header className="live-head">
              <code className="grow">{q.sql}</code>
              <span className="muted">as {q.as ?? 'owner'} · at #{at}</span>
            </header>
            {!r && <p className="empty small">Loading…</p>}
            {r && !r.ok && <p className="error">{r.error.message}</p>}
            {r?.ok && <DataGrid label={`Rows of ${q.sql} at #${at}`} columns={r.columns} rows={r.rows} empty="No rows matched then" />}
          </section>
        );
      })}
    </>
  );
}
