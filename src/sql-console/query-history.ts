/**
 * The consoles' query history: newest first, saved with the project as a
 * layout value (JSON text), and walked with Up/Down like a shell's: leaving
 * the draft for older entries keeps it, and walking back past the newest
 * entry restores it.
 */

export const MAX_HISTORY = 50;

/** The saved list, or none when the layout value is missing or not a list of strings. */
export function readHistory(saved: string | number | undefined): string[] {
  if (typeof saved !== 'string') return [];
  try {
    const list: unknown = JSON.parse(saved);
    return Array.isArray(list) ? list.filter((q): q is string => typeof q === 'string').slice(0, MAX_HISTORY) : [];
  } catch {
    return [];
  }
}

/** `query` moved (or added) to the front; blank queries leave the list as it is. */
export function pushHistory(list: readonly string[], query: string): string[] {
  const q = query.trim();
  if (q === '') return [...list];
  return [q, ...list.filter(x => x !== q)].slice(0, MAX_HISTORY);
}

/** Where a walk stands: `index` -1 is the draft (what was typed before walking). */
export type HistoryWalk = { index: number; draft: string };
export const START_WALK: HistoryWalk = { index: -1, draft: '' };

/** One step older (`up`) or newer; null when there is nowhere to go, else the text to show and the new position. */
export function walkHistory(
  walk: HistoryWalk,
  direction: 'up' | 'down',
  list: readonly string[],
  current: string
): { walk: HistoryWalk; text: string } | null {
  const index = walk.index + (direction === 'up' ? 1 : -1);
  if (index < -1 || index >= list.length) return null;
  const draft = walk.index === -1 ? current : walk.draft;
  return { walk: { index, draft }, text: index === -1 ? draft : (list[index] ?? '') };
}
