import type { DivergenceView, EntryView, ReplayOutcome } from '../../worker/api.ts';
import { formatValue } from '../format.ts';
import { outcomeText } from './EntryDetails.tsx';

type Props = { result: ReplayOutcome; viewing: number | null; onSeek(position: number): void; onClose(): void };

const TYPE = { changed: 'differs', missing: 'missing in the replay', extra: 'only in the replay' } as const;

function Side({ title, view, fields }: { title: string; view: EntryView | undefined; fields: string[] }) {
  if (!view) return <div className="replay-side empty">{title}: no entry</div>;
  const outcome = outcomeText(view.outcome);
  const mark = (f: string) => (fields.includes(f) ? 'differs' : undefined);
  return (
    <div className="replay-side" aria-label={`${title} #${view.position}`}>
      <h4>{title}</h4>
      <div className={mark('call')}>{view.reducer ?? view.kind} {view.args !== undefined && <code>{JSON.stringify(view.args)}</code>}</div>
      <div className={mark('outcome')}><span className={outcome.ok ? 'ok' : 'bad'}>{outcome.text}</span></div>
      <div className={mark('logs')}>
        {view.logs.length === 0 && <span className="muted">no console output</span>}
        {view.logs.map((l, i) => <div key={i} className={`log-line ${l.level}`}><span className="lvl">{l.level}</span> {l.message}</div>)}
      </div>
      <div className={mark('delta')}>
        {Object.entries(view.delta).map(([table, d]) => (
          <div key={table}>
            {d.inserts.map((r, i) => <div key={`i${i}`} className="ins">+ {table}: {formatValue(r)}</div>)}
            {d.deletes.map((r, i) => <div key={`d${i}`} className="del">− {table}: {formatValue(r)}</div>)}
          </div>
        ))}
      </div>
    </div>
  );
}

function Divergence({ d, current, onSeek }: { d: DivergenceView; current: boolean; onSeek(n: number): void }) {
  const fields = d.fields ?? [];
  return (
    <li className={current ? 'divergence current' : 'divergence'}>
      <div className="divergence-head">
        <button type="button" className="link" onClick={() => onSeek(d.position)} aria-label={`Go to entry #${d.position}`}>#{d.position}</button>
        <span>{TYPE[d.type]}{fields.length > 0 && `: ${fields.join(', ')}`}</span>
      </div>
      <div className="replay-sides">
        <Side title="Recorded" view={d.recorded} fields={fields} />
        <Side title="Replayed" view={d.replayed} fields={fields} />
      </div>
    </li>
  );
}

/** The replay's verdict and each divergence, recorded and replayed side by side. */
export function ReplayReport({ result, viewing, onSeek, onClose }: Props) {
  if (!result.ok) {
    const first = result.error.code === 'compile' ? result.error.diagnostics[0]?.text : undefined;
    return (
      <section className="replay-report" aria-label="Replay report">
        <p className="error" role="alert">Replay failed: {result.error.message}{first ? ` — ${first}` : ''}</p>
        <button type="button" className="secondary small" onClick={onClose}>Close</button>
      </section>
    );
  }
  const { report, total } = result;
  const code = result.edited ? 'the edited code' : 'the published code (unchanged)';
  const first = report.divergences[0];
  const summary = report.ok
    ? `Replayed ${report.replayed} entries of "${result.timeline}" against ${code}: no divergence.`
    : `Replayed ${report.replayed} entries of "${result.timeline}" against ${code}: ${total} divergence${total === 1 ? '' : 's'}, the first at #${first?.position}.`;
  return (
    <section className="replay-report" aria-label="Replay report">
      <div className="replay-summary">
        <p role="status" aria-label="Replay summary" className={report.ok ? 'ok' : 'bad'}>{summary}</p>
        {report.nondeterministic && <p className="bad small">The module is the one that recorded: these entries are nondeterministic.</p>}
        <button type="button" className="secondary small" onClick={onClose}>Close</button>
      </div>
      <ol className="divergences" aria-label="Divergences">
        {report.divergences.map((d, i) => <Divergence key={i} d={d} current={d.position === viewing} onSeek={onSeek} />)}
      </ol>
      {total > report.divergences.length && <p className="muted small">Showing the first {report.divergences.length} of {total}.</p>}
    </section>
  );
}
