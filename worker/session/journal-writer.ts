/**
 * Keeps the project's stored journal in step with the engine: a publish or
 * restore rewrites it, each input streamed afterwards is appended. Appends
 * are batched per task, so a burst of inputs is one storage write; writes
 * run one after another, in order.
 */
import type { Micros } from '../engine/clock.ts';
import type { Journal, JournalEntry } from './journal.ts';
import type { ProjectStore } from './project-store.ts';

export function createJournalWriter(store: ProjectStore, onError: (message: string) => void) {
  let project = 'default';
  let queue: Promise<void> = Promise.resolve();
  let batch: JournalEntry[] = [];

  const enqueue = (write: () => Promise<void>): Promise<void> => {
    queue = queue.then(write).catch(e => onError(`Saving the journal failed: ${e instanceof Error ? e.message : String(e)}`));
    return queue;
  };

  return {
    /** The project whose journal is kept. */
    setProject(name: string): void {
      project = name;
    },
    project: (): string => project,
    /** A new session: the stored journal becomes `journal`. */
    begin(journal: Journal, session: Micros): Promise<void> {
      batch = [];
      const name = project;
      return enqueue(() => store.saveJournal(name, { ...journal, session }));
    },
    append(entry: JournalEntry): void {
      batch.push(entry);
      if (batch.length > 1) return;
      const name = project;
      void enqueue(async () => {
        await Promise.resolve();
        const entries = batch;
        batch = [];
        await store.appendJournal(name, entries);
      });
    },
    /** Resolves when everything queued so far is written. */
    flush: (): Promise<void> => queue,
  };
}
