/**
 * Remembers in the page's localStorage that the tour was finished or
 * skipped, so it never starts by itself again. (The engine stores the
 * projects; this one flag is about the person, not a project.)
 */

export const TOUR_KEY = 'spacetime-playground:tour';

/** The part of `Storage` used here, so tests can pass a Map-backed stand-in. */
export type FlagStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The page's localStorage, or null where it is unavailable (privacy modes throw on access). */
export function pageStorage(): FlagStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Whether the tour was already finished or skipped in this browser. Without storage, it counts as seen: better never than every visit. */
export function tourSeen(storage: FlagStorage | null): boolean {
  if (!storage) return true;
  try {
    return storage.getItem(TOUR_KEY) !== null;
  } catch {
    return true;
  }
}

/** Records how the tour ended ('finished' or 'skipped'); a full or blocked storage only means it may show again. */
export function markTourSeen(storage: FlagStorage | null, how: 'finished' | 'skipped'): void {
  try {
    storage?.setItem(TOUR_KEY, how);
  } catch {
    // Quota or privacy errors: nothing else depends on the flag.
  }
}
