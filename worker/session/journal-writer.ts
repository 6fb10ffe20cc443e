/**
 * Keeps the project's stored journal in step with the engine: a publish or
 * restore rewrites it, each input streamed afterwards is appended. Appends
 * are batched per task, so a burst of inputs is one storage write; writes
 * run one after another, in order.
 *
 * A write that fails (storage full) loses nothing: the journal or entries
 * it carried stay here, per project, and go first in the next write, so
 * the stored journal never has a hole (the store drops entries that do not
 * continue it, so nothing may be written past a missing one).
 */
import type { Micros } from '../engine/clock.ts';
import type { SaveHealth } from '../storage/save-health.ts';
import type { Journal, JournalEntry } from './journal.ts';
import type { ProjectStore, StoredJournal } from './project-store.ts';

/** What storage has not taken yet: a whole journal to write first (a failed publish save), then entries. */
type Unsaved = { journal?: StoredJournal; entries: JournalEntry[] };

const WRITER = 'journal';

export function createJournalWriter(store: ProjectStore, health: SaveHealth) {
  let project = 'default';
  let queue: Promise<void> = Promise.resolve();
  let batch: JournalEntry[] = [];
  const unsaved = new Map<string, Unsaved>();

  const count = (): number => [...unsaved.values()].reduce((n, u) => n + u.entries.length + (u.journal?.inputs.length ?? 0), 0);

  /** Writes what `name` holds unsaved; on failure it stays held. */
  async function write(name: string): Promise<void> {
    const u = unsaved.get(name);
    if (!u) return;
    if (u.journal) {
      await store.saveJournal(name, u.journal);
      delete u.journal;
    }
    const entries = u.entries;
    if (entries.length > 0) await store.appendJournal(name, entries);
    // Entries queued meanwhile were appended to `u.entries` after these.
    u.entries = u.entries.slice(entries.length);
    if (u.entries.length === 0) unsaved.delete(name);
  }

  async function writeAll(): Promise<void> {
    try {
      for (const name of [...unsaved.keys()]) await write(name);
      health.saved(WRITER);
    } catch (e) {
      health.failed(WRITER, e, count());
    }
  }

  const hold = (name: string): Unsaved => {
    let u = unsaved.get(name);
    if (!u) unsaved.set(name, (u = { entries: [] }));
    return u;
  };
  const enqueue = (): Promise<void> => (queue = queue.then(writeAll));

  return {
    /** The project whose journal is kept. */
    setProject(name: string): void {
      project = name;
    },
    project: (): string => project,
    /** A new session: the stored journal becomes `journal` (entries of the old session still held are dropped). */
    begin(journal: Journal, session: Micros): Promise<void> {
      batch = [];
      unsaved.set(project, { journal: { ...journal, session }, entries: [] });
      return enqueue();
    },
    append(entry: JournalEntry): void {
      batch.push(entry);
      if (batch.length > 1) return;
      const name = project;
      queue = queue.then(async () => {
        await Promise.resolve();
        hold(name).entries.push(...batch);
        batch = [];
        await writeAll();
      });
    },
    /** Retries what is held (after space was freed); resolves when everything queued so far was tried. */
    retry: (): Promise<void> => enqueue(),
    /** Changes of `name` that storage has not taken yet. */
    unsavedOf: (name: string): number => {
      const u = unsaved.get(name);
      return u ? u.entries.length + (u.journal?.inputs.length ?? 0) : 0;
    },
    /** Forgets what `name` holds (the project was deleted). */
    drop(name: string): void {
      unsaved.delete(name);
    },
    /** Resolves when everything queued so far is written (or held after a failure). */
    flush: (): Promise<void> => queue,
  };
}
