/**
 * The SQL console: ad-hoc SQL as the owner or a client (row-level security
 * applies to clients), with schema completion, the results grid, errors
 * underlined in the statement, and a history saved with the project.
 */
import { useEffect, useMemo, useState } from 'react';
import type { SqlResult } from '../../worker/api.ts';
import { DataGrid } from '../grid/DataGrid.tsx';
import { host } from '../host.ts';
import { SqlEditor } from '../sql-console/SqlEditor.tsx';
import { SqlErrorText } from '../sql-console/SqlErrorText.tsx';
import { pushHistory, readHistory } from '../sql-console/query-history.ts';
import { useWorkspace } from '../state/use-workspace.ts';
import { workspace } from '../state/workspace.ts';
import { timelineHost } from '../timeline/timeline-host.ts';
import { useViewing } from '../timeline/timeline-store.ts';
import { CallerSelect, callerOf, OWNER } from './CallerSelect.tsx';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const HISTORY_KEY = 'sql-history';

export function SqlPanel() {
  const { module, clients, layout } = useWorkspace();
  const [text, setText] = useState('SELECT * FROM user');
  const [as, setAs] = useState(OWNER);
  const [result, setResult] = useState<SqlResult | null>(null);
  /** `at`: the viewed entry it ran against (null: live); `caller` as `host.sql` takes it. */
  const [ran, setRan] = useState<Ran | null>(null);
  const history = readHistory(layout[HISTORY_KEY]);
  const [busy, setBusy] = useState(false);
  const viewing = useViewing();

  const exec = async (query: string, caller: string | null, at: number | null) => {
    setBusy(true);
    const r = at === null ? await host.sql(query, caller) : await timelineHost.sqlAt(at, query, caller);
    setBusy(false);
    setResult(r);
    setRan({ text: query, as: caller ?? 'owner', caller, at });
  };
  const run = async (query: string) => {
    if (busy || query.trim() === '') return;
    await exec(query, callerOf(as, clients), viewing);
    workspace.setLayout(HISTORY_KEY, JSON.stringify(pushHistory(readHistory(workspace.get().layout[HISTORY_KEY]), query)));
  };
  const problem = useMemo(() => (result && !result.ok && ran ? { sql: ran.text, message: result.error.message } : null), [result, ran]);
  // Moving through time re-runs the last read, so its results follow the viewed entry (writes never re-run).
  useEffect(() => {
    if (ran && ran.at !== viewing && result?.ok && !result.tx) void exec(ran.text, ran.caller, viewing);
  }, [viewing]);

  if (!module) return <p className="empty">Publish a module to query it.</p>;
  return (
    <div className="sql-panel">
      <div className="sql-console">
        <SqlEditor label="SQL query" value={text} onChange={setText} onRun={q => void run(q)} history={history} problem={problem}
          placeholder="SELECT * FROM table WHERE column = value" />
        <div className="panel-tools">
          <button type="button" onClick={() => void run(text)} disabled={busy} aria-keyshortcuts={isMac ? 'Meta+Enter' : 'Control+Enter'}>
            Run <kbd>{isMac ? '⌘↵' : 'Ctrl+↵'}</kbd>
          </button>
          <CallerSelect label="Run as" value={as} onChange={setAs} clients={clients} />
          <span className="muted grow">
            {viewing === null ? 'Clients see only what their visibility filters allow · writes need the owner' : `Viewing #${viewing}: queries read the database as it was then, read-only`}
          </span>
          {history.length > 0 && (
            <select aria-label="Query history" className="history" value="" onChange={e => e.target.value && setText(e.target.value)}>
              <option value="">History…</option>
              {history.map(h => <option key={h} value={h}>{h.length > 60 ? `${h.slice(0, 57)}…` : h}</option>)}
            </select>
          )}
        </div>
      </div>
      <SqlOutput result={result} ran={ran} />
    </div>
  );
}

type Ran = { text: string; as: string; caller: string | null; at: number | null };

function SqlOutput({ result, ran }: { result: SqlResult | null; ran: Ran | null }) {
  if (!result || !ran) return <p className="empty">Results appear here.</p>;
  if (!result.ok) return <SqlErrorText label="SQL error" sql={ran.text} message={result.error.message} />;
  const summary = result.tx
    ? `${result.affected} row${result.affected === 1 ? '' : 's'} affected as ${ran.as} · transaction #${result.tx.seq}`
    : `${result.rows.length} row${result.rows.length === 1 ? '' : 's'} as ${ran.as} in ${result.durationMs.toFixed(1)} ms${ran.at === null ? '' : ` · as of #${ran.at}, read-only`}`;
  return (
    <div className="sql-result">
      <p className="muted" role="status" aria-label="SQL summary">{summary}</p>
      {!result.tx && <DataGrid label="SQL results" columns={result.columns} rows={result.rows} empty="The query returned no rows" />}
    </div>
  );
}
