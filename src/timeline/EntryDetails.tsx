import type { Delivery, EntryDetail, Json, RowChange } from '../../worker/api.ts';
import { formatValue, fullValue } from '../format.ts';

type Props = { entry: EntryDetail; sent: Delivery[] };

export function outcomeText(o: EntryDetail['outcome']): { ok: boolean; text: string } {
  if (o.status === 'committed') return { ok: true, text: 'committed' };
  if (o.status === 'rejected') return { ok: false, text: `rejected: ${o.message}` };
  return { ok: false, text: o.kind === 'sender' ? `failed: ${o.message}` : `internal error: ${o.detail.split('\n')[0]}` };
}

function Cell({ v, was }: { v: Json | undefined; was?: Json }) {
  const changed = was !== undefined && fullValue(was) !== fullValue(v);
  return (
    <td className={changed ? 'changed' : undefined} title={changed ? `was ${fullValue(was)}, now ${fullValue(v)}` : fullValue(v)}>
      {changed && <span className="was">{formatValue(was)} → </span>}
      {formatValue(v)}
    </td>
  );
}

function ChangeTable({ change }: { change: RowChange }) {
  const n = (xs: unknown[], sign: string) => (xs.length ? `${sign}${xs.length}` : '');
  return (
    <div className="diff-table">
      <div className="diff-title">
        <code>{change.table}</code>
        <span className="ins">{n(change.inserted, '+')}</span>
        <span className="del">{n(change.deleted, '−')}</span>
        <span className="upd">{n(change.updated, '~')}</span>
      </div>
      <table aria-label={`Changes to ${change.table}`}>
        <thead>
          <tr><th aria-label="change" />{change.columns.map(c => <th key={c} scope="col">{c}</th>)}</tr>
        </thead>
        <tbody>
          {change.updated.map((u, i) => <tr key={`u${i}`} className="upd"><td>~</td>{change.columns.map((_, j) => <Cell key={j} v={u.after[j]} was={u.before[j]} />)}</tr>)}
          {change.inserted.map((r, i) => <tr key={`i${i}`} className="ins"><td>+</td>{r.map((v, j) => <Cell key={j} v={v} />)}</tr>)}
          {change.deleted.map((r, i) => <tr key={`d${i}`} className="del"><td>−</td>{r.map((v, j) => <Cell key={j} v={v} />)}</tr>)}
        </tbody>
      </table>
    </div>
  );
}

/** One entry: what was called, by whom, its outcome, args, console output, row diff, and what each client was sent. */
export function EntryDetails({ entry: e, sent }: Props) {
  const outcome = outcomeText(e.outcome);
  return (
    <article className="entry-details" aria-label={`Entry #${e.position}`}>
      <header className="entry-head">
        <h3>#{e.position} {e.reducer ?? e.kind}</h3>
        <span className="muted">{e.kind !== 'reducer' && e.reducer ? e.kind : ''} by {e.caller}</span>
        <span className={outcome.ok ? 'ok' : 'bad'}>{outcome.text}</span>
        <span className="muted">{e.durationMs.toFixed(1)} ms · <time dateTime={e.timestamp}>{e.timestamp.replace('T', ' ').slice(0, 23)}</time></span>
      </header>
      {e.args !== null && <p className="entry-args"><span className="muted">args</span> <code>{JSON.stringify(e.args)}</code></p>}
      {e.sql && <p className="entry-args"><span className="muted">sql</span> <code>{e.sql}</code></p>}
      {e.logs.length > 0 && (
        <section aria-label="Console output">
          <h4>Console</h4>
          {e.logs.map((l, i) => <div key={i} className={`log-line ${l.level}`}><span className="lvl">{l.level}</span> {l.message}</div>)}
        </section>
      )}
      <section aria-label="Row changes">
        <h4>Rows</h4>
        {e.changes.length === 0 && <p className="empty small">No rows changed.</p>}
        {e.changes.map(c => <ChangeTable key={c.table} change={c} />)}
      </section>
      <section aria-label="Sent to clients">
        <h4>Sent to clients</h4>
        {sent.length === 0 && <p className="empty small">No connected client's subscriptions changed.</p>}
        {sent.map((d, i) => (
          <div key={i} className="sent">
            <b>{d.client}</b> <code className="muted">{d.query}</code>
            {d.inserts.map((r, j) => <div key={`i${j}`} className="ins">+ {r.map(v => formatValue(v)).join(' · ')}</div>)}
            {d.deletes.map((r, j) => <div key={`d${j}`} className="del">− {r.map(v => formatValue(v)).join(' · ')}</div>)}
          </div>
        ))}
      </section>
    </article>
  );
}
