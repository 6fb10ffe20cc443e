import { useEffect, useState, type KeyboardEvent } from 'react';
import type { SqlResult } from '../../worker/api.ts';
import { DataGrid } from '../grid/DataGrid.tsx';
import { host } from '../host.ts';
import { useWorkspace } from '../state/use-workspace.ts';
import { timelineHost } from '../timeline/timeline-host.ts';
import { useViewing } from '../timeline/timeline-store.ts';
import { CallerSelect, callerOf, OWNER } from './CallerSelect.tsx';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MAX_HISTORY = 30;

/** Ad-hoc SQL as the owner or a client (row-level security applies to clients); results, errors and history. */
export function SqlPanel() {
  const { module, clients } = useWorkspace();
  const [text, setText] = useState('SELECT * FROM user');
  const [as, setAs] = useState(OWNER);
  const [result, setResult] = useState<SqlResult | null>(null);
  /** `at`: the viewed entry it ran against (null: live); `caller` as `host.sql` takes it. */
  const [ran, setRan] = useState<Ran | null>(null);
  const [history, setHistory] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const viewing = useViewing();

  const exec = async (query: string, caller: string | null, at: number | null) => {
    setBusy(true);
    const r = at === null ? await host.sql(query, caller) : await timelineHost.sqlAt(at, query, caller);
    setBusy(false);
    setResult(r);
    setRan({ text: query, as: caller ?? 'owner', caller, at });
  };
  const run = async () => {
    await exec(text, callerOf(as, clients), viewing);
    setHistory(h => [text, ...h.filter(x => x !== text)].slice(0, MAX_HISTORY));
  };
  // Moving through time re-runs the last read, so its results follow the viewed entry (writes never re-run).
  useEffect(() => {
    if (ran && ran.at !== viewing && result?.ok && !result.tx) void exec(ran.text, ran.caller, viewing);
  }, [viewing]);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void run();
    }
  };

  if (!module) return <p className="empty">Publish a module to query it.</p>;
  return (
    <div className="sql-panel">
      <div className="sql-editor">
        <label className="visually-hidden" htmlFor="sql-text">SQL query</label>
        <textarea id="sql-text" className="code" rows={4} spellCheck={false} value={text} onChange={e => setText(e.target.value)} onKeyDown={onKey}
          placeholder="SELECT * FROM table WHERE column = value" />
        <div className="panel-tools">
          <button type="button" onClick={() => void run()} disabled={busy} aria-keyshortcuts={isMac ? 'Meta+Enter' : 'Control+Enter'}>
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
  if (!result.ok) {
    return (
      <p className="error" role="alert" aria-label="SQL error">
        {result.error.message}
      </p>
    );
  }
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
