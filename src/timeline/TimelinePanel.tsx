import { useEffect, useState } from 'react';
import type { Delivery, EntryDetail } from '../../worker/api.ts';
import { workspace } from '../state/workspace.ts';
import { EntryDetails } from './EntryDetails.tsx';
import { EntryList } from './EntryList.tsx';
import { ReplayReport } from './ReplayReport.tsx';
import { timelineHost } from './timeline-host.ts';
import { timeline, useTimeline } from './timeline-store.ts';
import { TimelinePlot } from './TimelinePlot.tsx';
import { TimelineTools } from './TimelineTools.tsx';
import './timeline.css';

type Detail = { position: number; epoch: number; entry: EntryDetail; sent: Delivery[] };

const editable = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.closest('.monaco-editor') !== null);

/** Alt+←/→ step the timeline from anywhere but a text field or the editor. */
function useStepKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') || editable(e.target)) return;
      e.preventDefault();
      timeline.step(e.key === 'ArrowLeft' ? -1 : 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** The entry shown in full: the viewed one, or the newest while live. */
function useDetail(position: number, epoch: number, active: boolean): Detail | null {
  const [detail, setDetail] = useState<Detail | null>(null);
  useEffect(() => {
    if (!active || position < 0) return;
    let current = true;
    const timer = setTimeout(async () => {
      const r = await timelineHost.entry(position, workspace.clients.specs());
      if (current && r.ok) setDetail({ position, epoch, entry: r.entry, sent: r.sent });
    }, 40);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [position, epoch, active]);
  return detail?.position === position && detail.epoch === epoch ? detail : null;
}

/** The timeline: plot and scrubber, the entries, the selected entry in full, replay divergences; fork, switch, export, import. */
export function TimelinePanel({ active }: { active: boolean }) {
  const t = useTimeline();
  const [tab, setTab] = useState<'entry' | 'replay'>('entry');
  const last = t.points.length - 1;
  const selected = t.viewing ?? last;
  const detail = useDetail(selected, t.epoch, active);
  const diverged = new Set(t.replay && !t.replay.running && t.replay.result.ok ? t.replay.result.report.divergences.map(d => d.position) : []);
  useStepKeys();
  useEffect(() => {
    setTab(t.replay ? 'replay' : 'entry');
  }, [t.replay]);

  if (t.epoch < 0 && t.points.length === 0) return <p className="empty">Publish a module: every transaction it runs is recorded here.</p>;
  return (
    <div className="timeline-panel">
      <TimelineTools state={t} />
      <div className="timeline-body">
        <div className="timeline-main">
          <TimelinePlot points={t.points} tables={t.tables} viewing={t.viewing} onSeek={timeline.seek} />
          <div className="scrubber">
            <span className="muted">#0</span>
            <input type="range" aria-label="Timeline position" min={0} max={Math.max(last, 0)} value={Math.max(selected, 0)}
              aria-valuetext={t.viewing === null ? `live, entry ${last}` : `entry ${selected} of ${t.points.length}`}
              onChange={e => timeline.seek(Number(e.target.value))} />
            <span className="muted">#{last}</span>
          </div>
          <EntryList points={t.points} selected={selected} live={t.viewing === null} active={active} diverged={diverged} onSeek={timeline.seek} />
        </div>
        <div className="timeline-side">
          <div role="tablist" aria-label="Timeline details" className="tabs small-tabs">
            <button type="button" role="tab" className="tab" aria-selected={tab === 'entry'} onClick={() => setTab('entry')}>Entry #{Math.max(selected, 0)}</button>
            <button type="button" role="tab" className="tab" aria-selected={tab === 'replay'} onClick={() => setTab('replay')} disabled={!t.replay}>
              Replay{diverged.size > 0 && <span className="tab-badge bad">{diverged.size}</span>}
            </button>
          </div>
          <div className="timeline-side-body">
            {tab === 'entry' && (detail ? <EntryDetails entry={detail.entry} sent={detail.sent} /> : <p className="empty">Loading entry #{selected}…</p>)}
            {tab === 'replay' && t.replay?.running && <p className="empty" role="status">Replaying the history against the edited code…</p>}
            {tab === 'replay' && t.replay && !t.replay.running && (
              <ReplayReport result={t.replay.result} viewing={t.viewing} onSeek={timeline.seek} onClose={() => (timeline.clearReplay(), setTab('entry'))} />
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
