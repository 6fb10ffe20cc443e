/**
 * The browser's storage, in one IndexedDB database: history timelines
 * (`HistoryStorage`: a `timelines` store of headers keyed by name and an
 * `entries` store keyed by [name, position]) and projects (`ProjectStore`:
 * records keyed by name, a journal header per project and its inputs keyed
 * by [project, index]), and a `derived` cache (built client bindings by
 * the hash of their sources). Each write is one readwrite transaction, resolved
 * on its `complete`, so a reload afterwards finds it. The only file that
 * imports `idb`.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { History, HistoryHeader, LogEntry } from '../history/entry.ts';
import type { DerivedCache } from '../session/bindings.ts';
import type { Input, JournalEntry } from '../session/journal.ts';
import { sortInfos, type ProjectRecord, type ProjectStore, type StoredJournal } from '../session/project-store.ts';
import { checkContinues, StorageError, type HistoryStorage, type TimelineInfo } from './types.ts';

type JournalHead = Omit<StoredJournal, 'inputs'> & { length: number };

interface PlaygroundSchema extends DBSchema {
  timelines: { key: string; value: { name: string; header: HistoryHeader; length: number } };
  entries: { key: [string, number]; value: LogEntry };
  projects: { key: string; value: ProjectRecord };
  journals: { key: string; value: JournalHead };
  inputs: { key: [string, number]; value: Input };
  /** Artifacts derived from sources (built client bindings), keyed by a hash of what they derive from. */
  derived: { key: string; value: string };
}

type Db = IDBPDatabase<PlaygroundSchema>;

export const IDB_NAME = 'spacetime-playground';
const all = (name: string) => IDBKeyRange.bound([name, 0], [name, Infinity]);

export async function openIdbDatabase(name = IDB_NAME): Promise<Db> {
  return openDB<PlaygroundSchema>(name, 2, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('timelines');
        db.createObjectStore('entries');
        db.createObjectStore('projects');
        db.createObjectStore('journals');
        db.createObjectStore('inputs');
      }
      // Version 2 adds the cache of derived artifacts; stored projects stay as they are.
      if (oldVersion < 2) db.createObjectStore('derived');
    },
  });
}

export function createIdbStorage(db: Db): HistoryStorage {
  return {
    async list(): Promise<TimelineInfo[]> {
      const rows = await db.getAll('timelines');
      return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    async load(name): Promise<History | undefined> {
      const tx = db.transaction(['timelines', 'entries']);
      const head = await tx.objectStore('timelines').get(name);
      const entries = head ? await tx.objectStore('entries').getAll(all(name)) : [];
      await tx.done;
      return head && { header: head.header, entries };
    },
    async save(name, history) {
      checkContinues(name, 0, history.entries);
      const tx = db.transaction(['timelines', 'entries'], 'readwrite');
      const entries = tx.objectStore('entries');
      await entries.delete(all(name));
      for (const e of history.entries) void entries.put(e, [name, e.position]);
      await tx.objectStore('timelines').put({ name, header: history.header, length: history.entries.length }, name);
      await tx.done;
    },
    async append(name, added) {
      const tx = db.transaction(['timelines', 'entries'], 'readwrite');
      const timelines = tx.objectStore('timelines');
      const head = await timelines.get(name);
      try {
        if (!head) throw new StorageError(`no timeline "${name}"`);
        checkContinues(name, head.length, added);
      } catch (e) {
        // Nothing was written; the transaction just ends.
        await tx.done;
        throw e;
      }
      const entries = tx.objectStore('entries');
      for (const e of added) void entries.put(e, [name, e.position]);
      await timelines.put({ ...head, length: head.length + added.length }, name);
      await tx.done;
    },
    async remove(name) {
      const tx = db.transaction(['timelines', 'entries'], 'readwrite');
      await Promise.all([tx.objectStore('timelines').delete(name), tx.objectStore('entries').delete(all(name)), tx.done]);
    },
  };
}

/** `opening` may be a promise, so the worker can expose its API before the database opened. */
export function createIdbProjectStore(opening: Db | Promise<Db>): ProjectStore {
  return {
    listProjects: async () => sortInfos(await (await opening).getAll('projects')),
    loadProject: async name => (await opening).get('projects', name),
    async saveProject(project) {
      await (await opening).put('projects', project, project.name);
    },
    async loadJournal(name) {
      const db = await opening;
      const tx = db.transaction(['journals', 'inputs']);
      const head = await tx.objectStore('journals').get(name);
      const inputs = head ? await tx.objectStore('inputs').getAll(all(name)) : [];
      await tx.done;
      if (!head) return undefined;
      const { length: _length, ...rest } = head;
      return { ...rest, inputs };
    },
    async saveJournal(name, journal) {
      const db = await opening;
      const tx = db.transaction(['journals', 'inputs'], 'readwrite');
      const inputs = tx.objectStore('inputs');
      await inputs.delete(all(name));
      journal.inputs.forEach((input, i) => void inputs.put(input, [name, i]));
      const { inputs: list, ...rest } = journal;
      await tx.objectStore('journals').put({ ...rest, length: list.length }, name);
      await tx.done;
    },
    async appendJournal(name, entries: readonly JournalEntry[]) {
      const db = await opening;
      const tx = db.transaction(['journals', 'inputs'], 'readwrite');
      const journals = tx.objectStore('journals');
      const head = await journals.get(name);
      if (!head) return tx.done;
      let length = head.length;
      for (const e of entries) {
        // Only the stored session's entries, in order: repeats and stale ones are dropped.
        if (e.session !== head.session || e.index !== length) continue;
        void tx.objectStore('inputs').put(e.input, [name, length++]);
      }
      await journals.put({ ...head, length }, name);
      await tx.done;
    },
    async deleteProject(name) {
      const db = await opening;
      const tx = db.transaction(['projects', 'journals', 'inputs'], 'readwrite');
      await Promise.all([tx.objectStore('projects').delete(name), tx.objectStore('journals').delete(name), tx.objectStore('inputs').delete(all(name)), tx.done]);
    },
  };
}

/** The cache of derived artifacts (`HostDeps.derived`). */
export function createIdbDerivedCache(opening: Promise<Db>): DerivedCache {
  return {
    get: async key => (await opening).get('derived', key),
    put: async (key, value) => void (await (await opening).put('derived', value, key)),
  };
}
