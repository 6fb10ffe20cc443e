import type { History } from '../history/entry.ts';
import { checkContinues, StorageError, type HistoryStorage, type TimelineInfo } from './types.ts';

/**
 * Timelines in memory, for tests and sessions nobody keeps. Entries are
 * treated as immutable and shared; the arrays holding them are copied, so
 * a loaded history does not grow with later appends.
 */
export function createMemoryStorage(): HistoryStorage {
  const timelines = new Map<string, History>();
  return {
    async list(): Promise<TimelineInfo[]> {
      return [...timelines]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, h]) => ({ name, header: structuredClone(h.header), length: h.entries.length }));
    },
    async load(name) {
      const h = timelines.get(name);
      return h && { header: structuredClone(h.header), entries: h.entries.slice() };
    },
    async save(name, history) {
      checkContinues(name, 0, history.entries);
      timelines.set(name, { header: structuredClone(history.header), entries: history.entries.slice() });
    },
    async append(name, entries) {
      const h = timelines.get(name);
      if (!h) throw new StorageError(`no timeline "${name}"`);
      checkContinues(name, h.entries.length, entries);
      for (const e of entries) h.entries.push(e);
    },
    async remove(name) {
      timelines.delete(name);
    },
  };
}
