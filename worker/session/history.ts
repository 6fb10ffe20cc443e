/**
 * How it works: the live session's history, kept in a `HistoryStorage` as
 * the project's timelines (`<project>/main`, `<project>/fork-1`, ...), one
 * of them current. Every transaction the session records is appended to
 * the current timeline as it commits.
 *
 * A fresh publish starts `main` over: the older timelines belonged to a
 * database that no longer exists. A session rebuilt from inputs (reload,
 * engine restart, timeline switch) continues the stored timeline its replay
 * reproduced; when that timeline holds entries the journal had not kept yet,
 * their inputs are replayed too (`attach` returns them), so no committed
 * entry is lost and the state matches the timeline.
 */
import type { SourceFiles } from '../build/build.ts';
import { compareEntries, tableNames, type CompareContext } from '../history/compare.ts';
import type { History, HistoryHeader, LogEntry } from '../history/entry.ts';
import { createTimelines, type Timeline } from '../history/timelines.ts';
import type { HistoryStorage, TimelineInfo } from '../storage/types.ts';
import { entriesToInputs } from './history-inputs.ts';
import type { Input } from './journal.ts';
import type { ProjectStore } from './project-store.ts';
import type { Session } from './session.ts';

export type AttachOptions = { project: string; files: SourceFiles; entry: string; fresh: boolean; prefer?: string };
type Live = { session: Session; project: string; files: SourceFiles; entry: string };

/** A stored name's label: the part after `<project>/`. */
export const labelOf = (name: string): string => name.slice(name.indexOf('/') + 1);
const numberOf = (name: string): number => Number(/-(\d+)$/.exec(name)?.[1] ?? 0);

/** Whether `a` and `b` agree on every entry both have (console output aside). */
function samePrefix(a: readonly LogEntry[], b: readonly LogEntry[], header: HistoryHeader): boolean {
  const names = tableNames(header);
  const ctx: CompareContext = { recordedTables: names, replayedTables: names, ignoreLogs: true };
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (compareEntries(a[i]!, b[i]!, ctx).length > 0) return false;
  return true;
}

/**
 * `projects`: where the page keeps which timeline was live (`layout.timeline` of the project record),
 * so a session rebuilt from its journal continues that one even when another holds the same entries.
 */
export function createLiveHistory(storage: HistoryStorage, notice: (message: string) => void, projects?: ProjectStore) {
  const timelines = createTimelines(storage);
  let live: Live | undefined;
  let epoch = 0;
  let warned = false;

  const own = async (project: string): Promise<TimelineInfo[]> => (await storage.list()).filter(t => t.name.startsWith(`${project}/`));
  const freeName = async (project: string, kind: string): Promise<string> => {
    const n = Math.max(0, ...(await own(project)).map(t => numberOf(t.name))) + 1;
    return `${project}/${kind}-${n}`;
  };

  /** The stored timeline the session's replayed entries belong to, preferring `prefer`, then an exact match, then the newest. */
  async function find(project: string, entries: readonly LogEntry[], header: HistoryHeader, prefer?: string): Promise<{ name: string; history: History } | undefined> {
    const fits: { name: string; rank: number; history: History }[] = [];
    for (const info of await own(project)) {
      if (info.header.moduleHash !== header.moduleHash) continue;
      const stored = await storage.load(info.name);
      if (!stored || !samePrefix(stored.entries, entries, header)) continue;
      const exact = stored.entries.length === entries.length ? 2 : stored.entries.length > entries.length ? 1 : 0;
      fits.push({ name: info.name, rank: (info.name === prefer ? 10 : exact) * 1e6 + numberOf(info.name), history: stored });
    }
    return fits.sort((a, b) => b.rank - a.rank)[0];
  }

  /** Replays the inputs of `t`'s entries the session lacks; the inputs, or undefined if the replay went elsewhere. */
  function catchUp(session: Session, t: Timeline): Input[] | undefined {
    const { entries } = session.history;
    if (t.history.entries.length <= entries.length) return [];
    const inputs = entriesToInputs(t.history.entries, t.history.header.database.owner, entries.length);
    session.replay(inputs);
    return samePrefix(t.history.entries, entries, t.history.header) && entries.length >= t.history.entries.length ? inputs : undefined;
  }

  function follow(session: Session): void {
    const t = timelines.current()!;
    const { entries } = session.history;
    for (let i = t.history.entries.length; i < entries.length; i++) timelines.append(entries[i]!);
    const warn = (what: string, err: unknown): void => {
      if (!warned) notice(`${what}: ${err instanceof Error ? err.message : String(err)}.`);
      warned = true;
    };
    session.history.follow(e => {
      if (live?.session !== session) return;
      // Runs inside the engine's transaction listeners: it must not throw.
      try {
        timelines.append(e);
      } catch (err) {
        session.history.follow(undefined);
        return warn('The history stopped recording', err);
      }
      void timelines.flush().catch((err: unknown) => warn('Saving the history failed; entries stay in memory until a reload', err));
    });
  }

  /** Makes the session's timeline current: a new `main`, or the stored one it continues (caught up). */
  async function open(session: Session, opts: AttachOptions): Promise<Input[]> {
    const header = session.history.header();
    if (opts.fresh) {
      for (const t of await own(opts.project)) await timelines.remove(t.name);
      await timelines.create(`${opts.project}/main`, header);
      return [];
    }
    const label = opts.prefer ?? (await projects?.loadProject(opts.project))?.layout?.timeline;
    const prefer = typeof label === 'string' ? `${opts.project}/${label}` : undefined;
    const found = await find(opts.project, session.history.entries, header, prefer);
    // The history `find` read is the one switched to: 100k entries are loaded once.
    const t = found === undefined ? undefined : await timelines.switchTo(found.name, found.history);
    const replayed = t && catchUp(session, t);
    if (replayed) return replayed;
    if (t) notice(`Timeline "${labelOf(t.name)}" could not be rebuilt; recording continues as a new timeline.`);
    const first = (await own(opts.project)).length === 0;
    await timelines.create(first ? `${opts.project}/main` : await freeName(opts.project, 'restored'), header);
    return [];
  }

  return {
    /** Changes whenever the live timeline is replaced (publish, switch, restore). */
    epoch: (): number => epoch,
    live: (): Live | undefined => live,
    current: (): Timeline | undefined => (live ? timelines.current() : undefined),
    /** Stops recording the live session (before it closes: its last disconnects belong to no timeline). */
    detach(): void {
      live?.session.history.follow(undefined);
      live = undefined;
    },
    /**
     * Records `session` into its timeline from now on; returns the inputs replayed to catch up with the
     * stored timeline. A storage failure leaves the session unrecorded (with a notice), never unpublished.
     */
    async attach(session: Session, opts: AttachOptions): Promise<Input[]> {
      try {
        const caughtUp = await open(session, opts);
        live = { session, project: opts.project, files: opts.files, entry: opts.entry };
        epoch++;
        follow(session);
        return caughtUp;
      } catch (err) {
        notice(`The history of this version is not recorded: ${err instanceof Error ? err.message : String(err)}.`);
        return [];
      }
    },
    /** A new timeline with the current one's entries up to `position` (and its step); returns its label. */
    async fork(position: number): Promise<string> {
      if (!live) throw new Error('no live timeline');
      const name = await freeName(live.project, 'fork');
      await timelines.fork(name, position);
      return labelOf(name);
    },
    /** The inputs that rebuild timeline `label` as the live session. */
    async inputsOf(label: string): Promise<Input[]> {
      if (!live) throw new Error('no live timeline');
      const h = await storage.load(`${live.project}/${label}`);
      if (!h) throw new Error(`There is no timeline "${label}".`);
      if (h.header.moduleHash !== live.session.history.header().moduleHash) {
        throw new Error(`Timeline "${label}" was recorded by another version of the module: replay it against the current code instead.`);
      }
      return entriesToInputs(h.entries, h.header.database.owner);
    },
    list: async (): Promise<TimelineInfo[]> => (live ? own(live.project) : []),
    load: (label: string) => (live ? storage.load(`${live.project}/${label}`) : Promise.resolve(undefined)),
    /** Stores an imported history as a new timeline; returns its label. */
    async add(header: HistoryHeader, entries: LogEntry[]): Promise<string> {
      if (!live) throw new Error('no live timeline');
      const name = await freeName(live.project, 'import');
      await storage.save(name, { header, entries });
      return labelOf(name);
    },
  };
}

export type LiveHistory = ReturnType<typeof createLiveHistory>;
