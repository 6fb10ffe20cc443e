/**
 * The subscription console: live queries as the owner or a client. Each shows
 * its initial rows, kept up to date, and every delta with the transaction that
 * caused it; the query box completes from the schema and underlines errors.
 */
import { useEffect, useRef, useState } from 'react';
import type { LiveEvent, LiveRows } from '../../worker/api.ts';
import { host } from '../host.ts';
import { SqlEditor, type SqlProblem } from '../sql-console/SqlEditor.tsx';
import { SqlErrorText } from '../sql-console/SqlErrorText.tsx';
import { pushHistory, readHistory } from '../sql-console/query-history.ts';
import { useWorkspace } from '../state/use-workspace.ts';
import { workspace } from '../state/workspace.ts';
import { PastQueries } from '../timeline/PastQueries.tsx';
import { useViewing } from '../timeline/timeline-store.ts';
import { CallerSelect, callerOf, OWNER } from './CallerSelect.tsx';
import { LiveQueryView, type LiveQuery } from './LiveQueryView.tsx';

const MAX_EVENTS = 200;
const HISTORY_KEY = 'subscription-history';
let nextId = 1;

function applyRows(rows: Record<string, string[]>, changes: LiveRows[]): Record<string, string[]> {
  const next = { ...rows };
  for (const c of changes) {
    const list = [...(next[c.table] ?? [])];
    for (const d of c.deletes) {
      const i = list.indexOf(JSON.stringify(d));
      if (i >= 0) list.splice(i, 1);
    }
    for (const ins of c.inserts) list.push(JSON.stringify(ins));
    next[c.table] = list;
  }
  return next;
}

export function SubscriptionsPanel() {
  const { module, clients, layout } = useWorkspace();
  const [text, setText] = useState('SELECT * FROM card');
  const [as, setAs] = useState(OWNER);
  const [queries, setQueries] = useState<LiveQuery[]>([]);
  const [problem, setProblem] = useState<SqlProblem | null>(null);
  const viewing = useViewing();
  const current = useRef(queries);
  current.current = queries;

  const start = async (q: Omit<LiveQuery, 'rows' | 'events' | 'initial' | 'error'>): Promise<LiveQuery> => {
    const r = await host.subscribe(q.id, [q.sql], q.as);
    if (!r.ok) return { ...q, rows: {}, events: [], initial: 0, error: r.error.message };
    const initial = r.tables.reduce((n, t) => n + t.inserts.length, 0);
    return { ...q, rows: applyRows({}, r.tables), events: [], initial, error: null };
  };

  useEffect(() => host.onEvent(e => {
    if (e.type === 'live') {
      const ev = e as LiveEvent;
      setQueries(qs => qs.map(q => (q.id === ev.id ? { ...q, rows: applyRows(q.rows, ev.tables), events: [ev, ...q.events].slice(0, MAX_EVENTS) } : q)));
    } else if (e.type === 'restarted') {
      void Promise.all(current.current.map(q => start(q))).then(setQueries);
    }
  }), []);

  // A new module version is a fresh database: every live query starts over.
  useEffect(() => {
    if (module) void Promise.all(current.current.map(q => start(q))).then(setQueries);
  }, [module]);

  const subscribe = async (sql: string) => {
    if (sql.trim() === '' || viewing !== null) return;
    setProblem(null);
    const q = await start({ id: nextId++, sql: sql.trim(), as: callerOf(as, clients) });
    workspace.setLayout(HISTORY_KEY, JSON.stringify(pushHistory(readHistory(workspace.get().layout[HISTORY_KEY]), sql)));
    if (q.error) return setProblem({ sql, message: q.error });
    setQueries(qs => [q, ...qs]);
  };
  const remove = (id: number) => {
    void host.unsubscribe(id);
    setQueries(qs => qs.filter(q => q.id !== id));
  };

  if (!module) return <p className="empty">Publish a module to subscribe to it.</p>;
  return (
    <div className="subs-panel">
      <form className="subs-console" onSubmit={e => (e.preventDefault(), void subscribe(text))}>
        <SqlEditor label="Subscription query" lines={1} value={text} onChange={setText} onRun={q => void subscribe(q)}
          history={readHistory(layout[HISTORY_KEY])} problem={problem} placeholder="SELECT * FROM table" />
        <CallerSelect label="Subscribe as" value={as} onChange={setAs} clients={clients} />
        <button type="submit" disabled={viewing !== null}>Subscribe</button>
      </form>
      {problem && <SqlErrorText label="Subscription error" sql={problem.sql} message={problem.message} />}
      {queries.length === 0 && <p className="empty">Subscribe to a query: its rows stay live and every change streams here with the reducer that made it.</p>}
      {viewing !== null && queries.length > 0 && <p className="read-only-note" role="note">Viewing #{viewing}: each query shows the rows it matched then; changes keep streaming in the present.</p>}
      {viewing === null ? queries.map(q => <LiveQueryView key={q.id} query={q} module={module} onRemove={() => remove(q.id)} />) : <PastQueries queries={queries} at={viewing} />}
    </div>
  );
}
