import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { ItemDiff, TableDiff } from './diff.ts';
import { schemaPrompt } from './confirm.ts';
import './schema-diff.css';

const MARK = { added: '+', removed: '−', changed: '~' } as const;

function Item({ kind, item }: { kind: 'column' | 'index'; item: ItemDiff }) {
  const what = item.change === 'changed' ? `${item.before} → ${item.after}` : (item.after ?? item.before);
  return (
    <li className={`diff-${item.change}`}>
      <span className="diff-mark" aria-hidden="true">{MARK[item.change]}</span>
      <span className="visually-hidden">{item.change} {kind} </span>
      <code>{item.name}</code> <span className="muted">{what}</span>
    </li>
  );
}

function Table({ t }: { t: TableDiff }) {
  return (
    <li className={`diff-table diff-${t.change}`}>
      <div className="row">
        <strong>{t.name}</strong>
        <span className={`badge ${t.breaking ? 'key' : 'quiet'}`}>table {t.change}{t.breaking ? ' · not automatic' : ''}</span>
      </div>
      <ul aria-label={`Changes to ${t.name}`}>
        {t.columns.map(c => <Item key={`c-${c.name}`} kind="column" item={c} />)}
        {t.indexes.map(ix => <Item key={`i-${ix.name}`} kind="index" item={ix} />)}
        {t.notes.map(n => <li key={n} className="diff-changed"><span className="diff-mark" aria-hidden="true">~</span>{n}</li>)}
      </ul>
    </li>
  );
}

/** Asks before publishing on a fresh database when the running one's data can't be kept: the reasons, the whole diff, what is lost. */
export function SchemaDiffDialog() {
  const q = useSyncExternalStore(schemaPrompt.subscribe, schemaPrompt.get);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (q && d && !d.open) d.showModal();
    if (!q && d?.open) d.close();
  }, [q]);
  const rows = q?.lost.reduce((n, t) => n + t.rows, 0) ?? 0;
  return (
    <dialog ref={ref} className="schema-dialog" aria-labelledby="schema-dialog-title" onCancel={e => (e.preventDefault(), q?.answer(false))}>
      {q && (
        <>
          <h2 id="schema-dialog-title">This schema change deletes data</h2>
          <p>The running database can't take this version automatically:</p>
          <ul className="migration-reasons" aria-label="Why the data can't be kept">
            {q.reasons.map(r => <li key={r}>{r}</li>)}
          </ul>
          <p>
            Publishing on a fresh database deletes {rows ? `all ${rows} row${rows === 1 ? '' : 's'}: ${q.lost.map(t => `${t.name} (${t.rows})`).join(', ')}` : 'the database (it holds no rows)'}.
            Cancel to keep the published version and its data (a manual migration: keep the old columns, or add new ones at the end with a default).
          </p>
          <ul className="schema-diff" aria-label="Schema changes">
            {q.diff.tables.map(t => <Table key={t.name} t={t} />)}
          </ul>
          <div className="row dialog-buttons">
            <button type="button" className="secondary" autoFocus onClick={() => q.answer(false)}>Cancel</button>
            <button type="button" className="danger" onClick={() => q.answer(true)}>Delete data and publish</button>
          </div>
        </>
      )}
    </dialog>
  );
}
