import { timeline, useTimeline } from './timeline-store.ts';

/** While a past entry is viewed: which one, that everything is read-only, and the way back (or onward, on a fork). */
export function PastBanner() {
  const t = useTimeline();
  const p = t.viewing === null ? undefined : t.points[t.viewing];
  // The slot stays in the grid while live, so the layout rows never shift.
  if (!p) return <div className="past-banner-slot" />;
  const busy = t.busy !== null;
  return (
    <div className="past-banner-slot">
      <div className="past-banner" role="region" aria-label="Viewing the past">
        <svg className="past-icon" aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
          <path d="M2.5 8a5.5 5.5 0 1 0 1.6-3.9M2.5 2.5v2.2h2.2M8 5v3.2l2 1.3" />
        </svg>
        <strong>Viewing #{p.position} of {t.points.length}</strong>
        <span className="muted">
          {p.reducer ?? p.kind} by {p.caller} at {new Date(p.time).toISOString().slice(11, 23)} · every panel shows the database as it was, read-only
        </span>
        <span className="grow" />
        <span aria-hidden="true">—</span>
        <button type="button" className="small" onClick={timeline.live}>Back to live</button>
        <span aria-hidden="true">·</span>
        <button type="button" className="secondary small" onClick={() => void timeline.fork()} disabled={busy}>Fork from here</button>
      </div>
    </div>
  );
}
