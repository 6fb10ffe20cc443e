import { useRef } from 'react';
import { timeline, type TimelineState } from './timeline-store.ts';

/** Step, back to live, fork, replay, switch timeline, export and import. */
export function TimelineTools({ state: t }: { state: TimelineState }) {
  const file = useRef<HTMLInputElement>(null);
  const last = t.points.length - 1;
  const busy = t.busy !== null || t.replay?.running === true;
  const where = t.viewing === null ? `live · ${t.points.length} entries` : `viewing #${t.viewing} of ${t.points.length}`;
  return (
    <div className="panel-tools timeline-tools">
      <button type="button" className="secondary small" aria-label="Step back" title="Step back (Alt+←)" aria-keyshortcuts="Alt+ArrowLeft"
        onClick={() => timeline.step(-1)} disabled={t.viewing === 0 || last < 1}>◀</button>
      <button type="button" className="secondary small" aria-label="Step forward" title="Step forward (Alt+→)" aria-keyshortcuts="Alt+ArrowRight"
        onClick={() => timeline.step(1)} disabled={t.viewing === null}>▶</button>
      <span className={t.viewing === null ? 'pill ok' : 'pill busy'} role="status" aria-label="Timeline position">{where}</span>
      <button type="button" className="secondary small" onClick={timeline.live} disabled={t.viewing === null}>Back to live</button>
      <button type="button" className="secondary small" onClick={() => void timeline.fork()} disabled={busy || last < 0}
        title="A new timeline with the entries up to here; the original is kept">
        Fork from {t.viewing === null ? 'the latest' : `#${t.viewing}`}
      </button>
      <button type="button" className="small" onClick={() => void timeline.replay()} disabled={busy || last < 0}
        title="Re-run every entry against the code in the editor (compiled now, not published) and compare">
        {t.replay?.running ? 'Replaying…' : 'Replay with edited code'}
      </button>
      <label className="caller">
        Timeline
        <select aria-label="Timeline" value={t.timeline ?? ''} disabled={busy} onChange={e => void timeline.switchTo(e.target.value)}>
          {t.timelines.map(x => (
            <option key={x.name} value={x.name} disabled={!x.sameModule}>
              {x.name}{x.forkOf ? ` (from ${x.forkOf.timeline} #${x.forkOf.position})` : ''} · {x.current ? t.points.length : x.length} entries{x.sameModule ? '' : ' · other module'}
            </option>
          ))}
        </select>
      </label>
      <span className="timeline-message" title={t.message?.text}>
        {t.busy && <span className="muted"><span className="spinner" aria-hidden="true" /> {t.busy}</span>}
        {t.message && !t.busy && <span className={t.message.tone === 'error' ? 'bad' : 'muted'} role={t.message.tone === 'error' ? 'alert' : 'status'}>{t.message.text}</span>}
      </span>
      <button type="button" className="secondary small" onClick={() => void timeline.exportFile()} disabled={last < 0}>Export history</button>
      <button type="button" className="secondary small" onClick={() => file.current?.click()}>Import history</button>
      <input ref={file} type="file" accept=".jsonl,.history,.txt,application/x-ndjson" hidden aria-label="History file"
        onChange={e => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void timeline.importFile(f);
        }} />
    </div>
  );
}
