/**
 * Where histories live: named timelines, each a header and its entries.
 * Backends: `memory.ts` (tests, throwaway sessions), `file.ts` (Node: one
 * JSON-lines history file per timeline), and the browser's IndexedDB one
 * (planned as `idb.ts`: a `timelines` store of headers keyed by name and an
 * `entries` store keyed by [name, position]; `append` is one readwrite
 * transaction, resolved on its `complete`).
 *
 * Contract every backend keeps (storage.test.ts checks it):
 * - `append` resolves once the entries are durable — a reload or a crash
 *   afterwards finds them; appends land in call order.
 * - entries of a timeline have positions 0, 1, 2, ... : `append` rejects
 *   entries that do not continue the timeline, and appending to a timeline
 *   that was never saved.
 * - `load` returns copies' worth of isolation: later appends do not change
 *   a history already returned.
 */
import type { History, HistoryHeader, LogEntry } from '../history/entry.ts';

export type TimelineInfo = { name: string; header: HistoryHeader; length: number };

export interface HistoryStorage {
  /** Every stored timeline, by name order. */
  list(): Promise<TimelineInfo[]>;
  /** A timeline's header and entries, or undefined if there is none by that name. */
  load(name: string): Promise<History | undefined>;
  /** Creates or replaces a whole timeline (new recording, fork, import). */
  save(name: string, history: History): Promise<void>;
  /** Adds entries at the end of an existing timeline. */
  append(name: string, entries: readonly LogEntry[]): Promise<void>;
  /** Deletes a timeline; no error if there is none. */
  remove(name: string): Promise<void>;
}

export class StorageError extends Error {
  override name = 'StorageError';
}

/** Throws unless `entries` continue a timeline of `length` entries. */
export function checkContinues(name: string, length: number, entries: readonly LogEntry[]): void {
  entries.forEach((e, i) => {
    if (e.position !== length + i) throw new StorageError(`timeline "${name}": entry position ${e.position} does not follow ${length + i - 1}`);
  });
}
