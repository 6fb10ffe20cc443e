/**
 * The host's project verbs over a `ProjectStore`: open a project (its record
 * and, when it has one, its published session rebuilt from the stored
 * journal), save what the page edits, and keep the journal stored as the
 * engine runs.
 */
import type { Micros } from '../engine/clock.ts';
import type { Journal, JournalEntry } from './journal.ts';
import { createJournalWriter } from './journal-writer.ts';
import type { ProjectRecord, ProjectStore } from './project-store.ts';

export type OpenedProject = {
  project: ProjectRecord | undefined;
  /** The stored journal the engine rebuilt its session from, if any. */
  journal: Journal | undefined;
};

export function createProjects(store: ProjectStore | undefined, onError: (message: string) => void) {
  const writer = store && createJournalWriter(store, onError);
  return {
    current: (): string => writer?.project() ?? 'default',
    /** Loads a project and its journal; `restore` rebuilds the session (its failure drops the journal). */
    async open(name: string, restore: (journal: Journal) => Promise<boolean>): Promise<OpenedProject> {
      if (!store || !writer) return { project: undefined, journal: undefined };
      writer.setProject(name);
      const [project, stored] = await Promise.all([store.loadProject(name), store.loadJournal(name)]);
      if (!stored) return { project, journal: undefined };
      const { session: _session, ...journal } = stored;
      if (!(await restore(journal))) {
        onError(`The stored data of project "${name}" could not be replayed; it starts empty.`);
        return { project, journal: undefined };
      }
      return { project, journal };
    },
    async save(project: ProjectRecord): Promise<void> {
      await store?.saveProject(project);
    },
    published(journal: Journal, session: Micros): void {
      void writer?.begin(journal, session);
    },
    input(entry: JournalEntry): void {
      writer?.append(entry);
    },
    flush: (): Promise<void> => writer?.flush() ?? Promise.resolve(),
  };
}
