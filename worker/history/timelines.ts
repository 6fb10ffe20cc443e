/**
 * Timelines: named histories in a `HistoryStorage`, one of them current.
 * Forking copies a timeline up to a position into a new one and leaves the
 * original as it was; switching makes another timeline current. Each open
 * timeline keeps its entries in memory with a seek index over them.
 *
 * Recording goes to the current timeline: `append` updates memory and the
 * index at once and hands the task's entries to storage together at its end
 * (backends apply appends in call order); `flush` waits until storage has
 * them all and reports a storage failure.
 */
import type { DatastoreSnapshot } from '../db/datastore.ts';
import type { HistoryStorage } from '../storage/types.ts';
import { stepEnd, type History, type HistoryHeader, type LogEntry } from './entry.ts';
import { SeekIndex } from './seek.ts';

export type Timeline = { name: string; history: History; index: SeekIndex };

/** Entries per storage write (one IndexedDB transaction serializes them all in one task). */
const WRITE_CHUNK = 2_000;

const tableCount = (h: HistoryHeader): number => h.tables.reduce((n, t) => Math.max(n, t.id + 1), 0);

export function createTimelines(storage: HistoryStorage) {
  const open = new Map<string, Timeline>();
  let current: Timeline | undefined;
  let pending: Promise<unknown> = Promise.resolve();
  let failure: unknown;
  /** Entries appended in this task, not yet handed to storage. */
  let batch: { name: string; entries: LogEntry[] } | undefined;

  const track = (p: Promise<unknown>): void => {
    pending = Promise.all([pending, p.catch(e => (failure ??= e))]);
  };
  const wrap = (name: string, history: History): Timeline => {
    const t = { name, history, index: new SeekIndex(history.entries, tableCount(history.header)) };
    open.set(name, t);
    return t;
  };
  const get = async (name: string): Promise<Timeline> => {
    const t = open.get(name);
    if (t) return t;
    const h = await storage.load(name);
    if (!h) throw new Error(`no timeline "${name}"`);
    return wrap(name, h);
  };
  const need = (): Timeline => {
    if (!current) throw new Error('no current timeline');
    return current;
  };

  return {
    list: () => storage.list(),
    /** The current timeline, if any. */
    current: (): Timeline | undefined => current,
    /** Starts an empty timeline (a new recording) and makes it current. */
    async create(name: string, header: HistoryHeader): Promise<Timeline> {
      const history = { header, entries: [] };
      await storage.save(name, history);
      return (current = wrap(name, history));
    },
    /**
     * Adds an entry (position = current length) to the current timeline.
     * Entries appended in one task reach storage together, in writes of
     * WRITE_CHUNK: a restore that records 100k entries at once is 50
     * transactions, not 100k.
     */
    append(entry: LogEntry): void {
      const t = need();
      t.index.append(entry);
      t.history.entries.push(entry);
      if (batch?.name === t.name) return void batch.entries.push(entry);
      const b = { name: t.name, entries: [entry] };
      batch = b;
      track(
        Promise.resolve().then(() => {
          if (batch === b) batch = undefined;
          // Bounded writes: each stores its entries in one task, so the engine keeps answering between them.
          const writes: Promise<void>[] = [];
          for (let i = 0; i < b.entries.length; i += WRITE_CHUNK) writes.push(storage.append(b.name, b.entries.slice(i, i + WRITE_CHUNK)));
          return Promise.all(writes);
        })
      );
    },
    /** Resolves when storage holds every appended entry; rejects with the first storage failure. */
    async flush(): Promise<void> {
      await pending;
      if (failure !== undefined) throw failure;
    },
    /** The state right after entry `position` of the current timeline. */
    seek: (position: number): DatastoreSnapshot => need().index.stateAt(position),
    /** Makes timeline `name` current (loading it if needed; `loaded`: its history, just read from storage by the caller). */
    async switchTo(name: string, loaded?: History): Promise<Timeline> {
      return (current = loaded && !open.has(name) ? wrap(name, loaded) : await get(name));
    },
    /**
     * A new timeline `name` holding `source`'s entries up to `position` (and
     * the cleanups and immediates right after it). The source is unchanged
     * and stays current; switch to the fork to continue on it.
     */
    async fork(name: string, position: number, source: string = need().name): Promise<Timeline> {
      if (open.has(name) || (await storage.load(name))) throw new Error(`timeline "${name}" already exists`);
      const from = await get(source);
      if (position < 0 || position >= from.history.entries.length) throw new RangeError(`fork: position ${position} is outside timeline "${source}"`);
      const header = { ...from.history.header, forkOf: { timeline: source, position } };
      const history = { header, entries: from.history.entries.slice(0, stepEnd(from.history.entries, position) + 1) };
      await storage.save(name, history);
      return wrap(name, history);
    },
    async remove(name: string): Promise<void> {
      if (current?.name === name) current = undefined;
      open.delete(name);
      await storage.remove(name);
    },
  };
}

export type Timelines = ReturnType<typeof createTimelines>;
