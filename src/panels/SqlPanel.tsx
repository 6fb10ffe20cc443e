import { useState, type KeyboardEvent } from 'react';
import type { SqlResult } from '../../worker/api.ts';
import { DataGrid } from '../grid/DataGrid.tsx';
import { host } from '../host.ts';
import { useWorkspace } from '../state/use-workspace.ts';
import { CallerSelect, callerOf, OWNER } from './CallerSelect.tsx';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MAX_HISTORY = 30;

/** Ad-hoc SQL as the owner or a client (row-level security applies to clients); results, errors and history. */
export function SqlPanel() {
  const { module, clients } = useWorkspace();
  const [text, setText] = useState('SELECT * FROM user');
  const [as, setAs] = useState(OWNER);
  const [result, setResult] = useState<SqlResult | null>(null);
  const [ran, setRan] = useState<{ text: string; as: string } | null>(null);
  const [history, setHistory] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    const caller = callerOf(as, clients);
    setBusy(true);
    const r = await host.sql(text, caller);
    setBusy(false);
    setResult(r);
    setRan({ text, as: caller ?? 'owner' });
    setHistory(h => [text, ...h.filter(x => x !== text)].slice(0, MAX_HISTORY));
  };
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
          <span className="muted grow">Clients see only what their visibility filters allow · writes need the owner</span>
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

function SqlOutput({ result, ran }: { result: SqlResult | null; ran: { text: string; as: string } | null }) {
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
    : `${result.rows.length} row${result.rows.length === 1 ? '' : 's'} as ${ran.as} in ${result.durationMs.toFixed(1)} ms`;
  return (
    <div className="sql-result">
      <p className="muted" role="status" aria-label="SQL summary">{summary}</p>
      {!result.tx && <DataGrid label="SQL results" columns={result.columns} rows={result.rows} empty="The query returned no rows" />}
    </div>
  );
}
