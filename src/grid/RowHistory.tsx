/**
 * A row's history in the Tables panel: the live timeline's entries that
 * inserted, updated or deleted it, newest first, each with what it changed.
 * A position opens that entry on the Timeline (every panel then shows the
 * database right after it). Refetched as the timeline grows.
 */
import { useEffect, useState } from 'react';
import type { Json, RowHistory as History, RowHistoryEntry } from '../../worker/api.ts';
import { formatValue, fullValue } from '../format.ts';
import { workspace } from '../state/workspace.ts';
import { timelineHost } from '../timeline/timeline-host.ts';
import { timeline, useTimeline } from '../timeline/timeline-store.ts';

const PAGE = 20;

type Loaded = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ok'; history: History };

export function RowHistory({ table, row }: { table: string; row: Json[] }) {
  const { epoch, points, viewing } = useTimeline();
  const [limit, setLimit] = useState(PAGE);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const length = points.length;
  const rowKey = JSON.stringify(row);

  useEffect(() => {
    let current = true;
    timelineHost.rowHistory(table, JSON.parse(rowKey) as Json[], limit).then(
      r => current && setLoaded(r.ok ? { status: 'ok', history: r } : { status: 'error', message: r.error.message }),
      (e: unknown) => current && setLoaded({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      current = false;
    };
  }, [table, rowKey, limit, epoch, length]);

  const view = (position: number) => {
    timeline.seek(position);
    workspace.setLayout('bottom-tab', 'timeline');
  };

  return (
    <section className="row-history" aria-label="Row history" aria-busy={loaded.status === 'loading'}>
      <h4>History</h4>
      {loaded.status === 'loading' && <p className="muted">Reading the timeline…</p>}
      {loaded.status === 'error' && <p className="row-history-error" role="alert">{loaded.message}</p>}
      {loaded.status === 'ok' && loaded.history.entries.length === 0 && <p className="muted">No recorded changes: the row predates this timeline.</p>}
      {loaded.status === 'ok' && loaded.history.entries.length > 0 && (
        <>
          <ol aria-label="Entries that changed this row">
            {loaded.history.entries.map(e => (
              <Entry key={e.position} entry={e} columns={loaded.history.columns} current={viewing === e.position} onView={view} />
            ))}
          </ol>
          {loaded.history.more && (
            <button type="button" className="row-history-more" onClick={() => setLimit(l => l + PAGE)}>Show more</button>
          )}
        </>
      )}
    </section>
  );
}

const CHANGE = { insert: 'inserted', update: 'updated', delete: 'deleted' } as const;

function Entry({ entry: e, columns, current, onView }: { entry: RowHistoryEntry; columns: string[]; current: boolean; onView(position: number): void }) {
  const what = e.reducer === null ? e.kind : e.kind === 'reducer' ? e.reducer : `${e.kind} · ${e.reducer}`;
  return (
    <li className={`row-history-entry ${e.change}`} aria-current={current ? 'true' : undefined}>
      <div className="row-history-line">
        <button type="button" className="link seq" onClick={() => onView(e.position)} title="View the database right after this entry"
          aria-label={`View #${e.position} on the timeline`}>#{e.position}</button>
        <time dateTime={e.timestamp} title={e.timestamp}>{e.timestamp.slice(11, 23)}</time>
        <span className="row-history-change">{CHANGE[e.change]}</span>
        <span className="row-history-what">{what} · {e.caller}</span>
        {e.outcome.status !== 'committed' && <span className="bad">{e.outcome.status}</span>}
      </div>
      <ul className="row-history-values" aria-label={`Values at #${e.position}`}>
        {columns.map((name, i) => {
          const changed = e.changed.includes(i);
          const shown = (e.after ?? e.before)?.[i];
          return (
            <li key={name} className={changed ? 'changed' : undefined}>
              <span className="col">{name}</span>{' '}
              {changed ? (
                <>
                  <del title={fullValue(e.before?.[i])}>{formatValue(e.before?.[i])}</del> → <ins title={fullValue(e.after?.[i])}>{formatValue(e.after?.[i])}</ins>
                </>
              ) : (
                <span title={fullValue(shown)}>{formatValue(shown)}</span>
              )}
            </li>
          );
        })}
      </ul>
    </li>
  );
}
