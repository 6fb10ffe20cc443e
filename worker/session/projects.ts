/**
 * The host's project verbs over a `ProjectStore`: open a project (its record
 * and, when it has one, its published session rebuilt from the stored
 * journal), save what the page edits, and keep the journal stored as the
 * engine runs.
 *
 * Every write here (journal, history, records) survives a full storage:
 * what could not be written is held in memory and retried with the next
 * write, and `SaveHealth` tells the user once when saving stops and once
 * when it works again.
 */
import type { Micros } from '../engine/clock.ts';
import { keepUnsavedHistory } from '../storage/kept-history.ts';
import { createSaveHealth, type SaveNotice } from '../storage/save-health.ts';
import type { HistoryStorage } from '../storage/types.ts';
import type { Journal, JournalEntry } from './journal.ts';
import { createJournalWriter } from './journal-writer.ts';
import type { ProjectRecord, ProjectStore } from './project-store.ts';

export type OpenedProject = {
  project: ProjectRecord | undefined;
  /** The stored journal the engine rebuilt its session from, if any. */
  journal: Journal | undefined;
};

/** `storage` marks notices about saving (the page shows them prominently, not only in the log). */
export type ProjectNotice = SaveNotice & { topic?: 'storage' };

export function createProjects(store: ProjectStore | undefined, histories: HistoryStorage, notify: (n: ProjectNotice) => void) {
  const onError = (message: string): void => notify({ message, tone: 'warn' });
  const health = createSaveHealth(n => notify({ ...n, topic: 'storage' }));
  const writer = store && createJournalWriter(store, health);
  const kept = keepUnsavedHistory(histories, health);
  /** Records whose last save failed, by name: the newest one is written with the next save. */
  const unsavedRecords = new Map<string, ProjectRecord>();
  /** Names renamed or deleted while this engine runs: a late save from the page must not bring them back. */
  const gone = new Set<string>();

  async function saveRecords(): Promise<void> {
    if (!store) return;
    try {
      for (const [name, record] of [...unsavedRecords]) {
        await store.saveProject(record);
        if (unsavedRecords.get(name) === record) unsavedRecords.delete(name);
      }
      health.saved('project');
    } catch (e) {
      health.failed('project', e, unsavedRecords.size);
    }
  }

  return {
    store,
    /** The histories, holding what storage did not take. */
    histories: kept,
    current: (): string => writer?.project() ?? 'default',
    /** Keeps the journal for `name` from now on, loading nothing (a restarted engine continues the page's project). */
    use(name: string): void {
      writer?.setProject(name);
    },
    /** Loads a project and its journal; `restore` rebuilds the session (its failure drops the journal). */
    async open(name: string, restore: (journal: Journal) => Promise<boolean>): Promise<OpenedProject> {
      if (!store || !writer) return { project: undefined, journal: undefined };
      gone.delete(name);
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
      if (gone.has(project.name)) return;
      unsavedRecords.set(project.name, project);
      await saveRecords();
    },
    published(journal: Journal, session: Micros): void {
      void writer?.begin(journal, session);
    },
    input(entry: JournalEntry): void {
      writer?.append(entry);
    },
    flush: (): Promise<void> => Promise.all([writer?.flush(), kept.flush()]).then(() => {}),
    /** Writes everything held again (space was freed); resolves with the changes still unsaved. */
    async retry(): Promise<number> {
      await Promise.all([writer?.retry(), kept.retry(), saveRecords()]);
      return health.unsaved();
    },
    /** Changes of `name` that only this tab holds. */
    unsavedOf: (name: string): number => (writer?.unsavedOf(name) ?? 0) + (unsavedRecords.has(name) ? 1 : 0),
    /** `name` no longer exists under that name: forget what it holds and ignore late saves to it. */
    forget(name: string): void {
      gone.add(name);
      writer?.drop(name);
      unsavedRecords.delete(name);
    },
    /** `name` exists again (created anew). */
    revive(name: string): void {
      gone.delete(name);
    },
  };
}

export type Projects = ReturnType<typeof createProjects>;
