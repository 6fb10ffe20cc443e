/**
 * How it works: the page's view of the live timeline — one point per entry,
 * fetched incrementally as transactions stream in — and the position being
 * viewed. `viewing` null is live; a number puts every panel in read-only
 * "viewing the past" mode at that entry. A new publish, a fork or a switch
 * replaces the timeline (its epoch moves) and returns to live.
 */
import { useSyncExternalStore } from 'react';
import type { HistoryPoint, ReplayOutcome, TimelineSummary } from '../../worker/api.ts';
import { host } from '../host.ts';
import { workspace } from '../state/workspace.ts';
import { timelineHost } from './timeline-host.ts';

export type TimelineState = {
  epoch: number;
  timeline: string | null;
  tables: string[];
  points: HistoryPoint[];
  /** The entry every panel shows, read-only; null while live. */
  viewing: number | null;
  replay: { running: true } | { running: false; result: ReplayOutcome } | null;
  timelines: TimelineSummary[];
  /** What a long action is doing, e.g. "Forking at #12…". */
  busy: string | null;
  /** The outcome of the last action, for the panel's status line. */
  message: { tone: 'info' | 'error'; text: string } | null;
};

let state: TimelineState = { epoch: -1, timeline: null, tables: [], points: [], viewing: null, replay: null, timelines: [], busy: null, message: null };
const listeners = new Set<() => void>();
const set = (patch: Partial<TimelineState>): void => {
  state = { ...state, ...patch };
  listeners.forEach(l => l());
};

let refreshing: Promise<void> | undefined;
let again = false;
let timer: ReturnType<typeof setTimeout> | undefined;

async function load(): Promise<void> {
  const from = state.epoch < 0 ? 0 : state.points.length;
  const r = await timelineHost.history(from);
  if (!r.ok) return;
  if (r.epoch !== state.epoch) {
    // A new timeline (publish, fork, switch, restart): start over from its first entry.
    if (from > 0) {
      set({ epoch: -1 });
      return load();
    }
    set({ epoch: r.epoch, timeline: r.timeline, tables: r.tables, points: r.points, viewing: null, replay: null });
    // Saved with the project: a reload continues this timeline, even when another one holds the same entries.
    if (workspace.get().layout.timeline !== r.timeline) workspace.setLayout('timeline', r.timeline);
    await listTimelines();
  } else if (r.points.length > 0) set({ points: [...state.points, ...r.points] });
}

/** Fetches what is new; calls during a fetch coalesce into one more. */
function refresh(): void {
  if (refreshing) {
    again = true;
    return;
  }
  refreshing = load().finally(() => {
    refreshing = undefined;
    if (!again) return;
    again = false;
    refresh();
  });
}

const later = (): void => void (timer ??= setTimeout(() => ((timer = undefined), refresh()), 80));
host.onEvent(e => (e.type === 'tx' || e.type === 'restarted') && later());
let module = workspace.get().module;
workspace.subscribe(() => {
  if (workspace.get().module === module) return;
  module = workspace.get().module;
  later();
});

const last = (): number => state.points.length - 1;
const say = (tone: 'info' | 'error', text: string): void => set({ message: { tone, text } });

async function listTimelines(): Promise<void> {
  const list = await timelineHost.timelines();
  if (Array.isArray(list)) set({ timelines: list });
}

async function rebuild(what: string, run: () => ReturnType<typeof timelineHost.fork>): Promise<void> {
  set({ busy: what, message: null });
  const r = await run();
  set({ busy: null });
  if (!r.ok) return say('error', r.error.message);
  const text = `Live on timeline "${r.timeline}": the database was rebuilt from its ${r.journal.inputs.length} inputs.`;
  workspace.rebuilt(text);
  say('info', text);
  // The old points stay on screen until the new timeline's arrive.
  set({ epoch: -1, viewing: null });
  refresh();
}

export const timeline = {
  get: (): TimelineState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  refresh,
  /** Shows entry `n` everywhere (clamped); past the last entry is live. */
  seek(n: number): void {
    if (state.points.length === 0) return;
    set({ viewing: Math.max(0, Math.min(last(), Math.round(n))) });
  },
  step(delta: -1 | 1): void {
    const from = state.viewing ?? last() + (delta < 0 ? 0 : 1);
    const to = from + delta;
    if (to > last()) set({ viewing: null });
    else timeline.seek(to);
  },
  live: (): void => set({ viewing: null }),
  async replay(): Promise<void> {
    const { files, entry } = workspace.get();
    set({ replay: { running: true } });
    set({ replay: { running: false, result: await timelineHost.replay(files, entry) } });
  },
  clearReplay: (): void => set({ replay: null }),
  fork: (): Promise<void> => {
    const at = state.viewing ?? last();
    return rebuild(`Forking at #${at}…`, () => timelineHost.fork(at));
  },
  switchTo: (name: string): Promise<void> => rebuild(`Switching to ${name}…`, () => timelineHost.switchTo(name)),
  async exportFile(): Promise<void> {
    const r = await timelineHost.exportHistory();
    if (!r.ok) return say('error', r.error.message);
    const url = URL.createObjectURL(new Blob([r.text], { type: 'application/x-ndjson' }));
    Object.assign(document.createElement('a'), { href: url, download: `${r.name}.history.jsonl` }).click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    say('info', `Exported timeline "${r.name}" (${state.points.length} entries).`);
  },
  async importFile(file: File): Promise<void> {
    const r = await timelineHost.importHistory(await file.text());
    if (!r.ok) return say('error', r.error.message);
    await listTimelines();
    const cut = r.truncated ? ' (its unfinished last line was dropped)' : '';
    say('info', `Imported ${r.length} entries as timeline "${r.name}"${cut}: switch to it to continue it.`);
  },
};

export function useTimeline(): TimelineState {
  return useSyncExternalStore(timeline.subscribe, timeline.get);
}

/** The position panels show read-only, or null while live. */
export function useViewing(): number | null {
  return useSyncExternalStore(timeline.subscribe, () => state.viewing);
}
