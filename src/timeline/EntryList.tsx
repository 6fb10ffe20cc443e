import { useEffect, useRef } from 'react';
import type { HistoryPoint } from '../../worker/api.ts';

type Props = { points: HistoryPoint[]; selected: number; live: boolean; active: boolean; diverged: ReadonlySet<number>; onSeek(position: number): void };

/** Long histories show this many entries around the selected one. */
const WINDOW = 400;

const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 23);

/** Every entry of the timeline, oldest first; clicking one views the database right after it. */
export function EntryList({ points, selected, live, active, diverged, onSeek }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const current = useRef<HTMLLIElement>(null);
  // Scrolls only the list (scrollIntoView would move every scrollable ancestor, the page included).
  useEffect(() => {
    const list = box.current;
    const item = current.current;
    if (!list || !item) return;
    const top = item.offsetTop;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + item.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = top + item.offsetHeight - list.clientHeight;
  }, [selected, points.length, active]);
  const start = Math.max(0, Math.min(selected - WINDOW / 2, points.length - WINDOW));
  const shown = points.slice(start, start + WINDOW);
  return (
    <div className="entry-list" ref={box}>
      {start > 0 && <p className="muted small">{start} earlier entries</p>}
      <ol aria-label="Entries">
        {shown.map(p => {
          const what = p.reducer ?? p.kind;
          const failed = p.status !== 'committed';
          return (
            <li key={p.position} ref={p.position === selected ? current : undefined} className={`${failed ? 'failed' : ''} ${p.position === selected ? 'selected' : ''}`}>
              <button type="button" className="entry" onClick={() => onSeek(p.position)} aria-current={p.position === selected && !live ? 'true' : undefined}
                aria-label={`Entry #${p.position}: ${what} by ${p.caller}${failed ? `, ${p.status}` : ''}`}>
                <time>{clock(p.time)}</time>
                <span className="seq">#{p.position}</span>
                <span className="what">{what}{p.kind !== 'reducer' && p.kind !== what ? ` (${p.kind})` : ''} · {p.caller}</span>
                {failed && <span className="bad">{p.status}</span>}
                {diverged.has(p.position) && <span className="badge diverged" title="The replay against the edited code differs here">≠ replay</span>}
                <span className="muted changes">{p.changes > 0 ? `${p.changes} row${p.changes === 1 ? '' : 's'}` : ''}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
