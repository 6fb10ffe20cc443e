/**
 * What the playground keeps per project across reloads: the sources (drafts
 * included), the simulated clients and the screen layout, plus the journal
 * of the published version — the inputs whose replay rebuilds its data.
 * Backends: memory (tests) and IndexedDB (`storage/idb.ts`).
 */
import type { SourceFiles } from '../build/build.ts';
import type { Micros } from '../engine/clock.ts';
import type { Journal, JournalEntry } from './journal.ts';

export type ClientSpec = {
  name: string;
  queries: string[];
  connected: boolean;
  /** A second tab: another connection with the identity of the client named here. */
  tabOf?: string;
};

export type ProjectRecord = {
  name: string;
  files: SourceFiles;
  entry: string;
  /** The sample it started from, if any. */
  sample?: string;
  clients: ClientSpec[];
  /** Panel sizes and tabs, as the page keeps them. */
  layout?: Record<string, string | number>;
  updatedAt: number;
};

export type StoredJournal = Journal & { session: Micros };

/** A stored project as a list shows it. */
export type ProjectInfo = { name: string; updatedAt: number; sample?: string };

const infoOf = ({ name, updatedAt, sample }: ProjectInfo): ProjectInfo => ({ name, updatedAt, ...(sample ? { sample } : {}) });

export interface ProjectStore {
  /** Every stored project, most recently saved first. */
  listProjects(): Promise<ProjectInfo[]>;
  loadProject(name: string): Promise<ProjectRecord | undefined>;
  saveProject(project: ProjectRecord): Promise<void>;
  loadJournal(name: string): Promise<StoredJournal | undefined>;
  /** Replaces the project's journal (a new publish, or a restore). */
  saveJournal(name: string, journal: StoredJournal): Promise<void>;
  /** Adds entries of the stored session; entries of other sessions are dropped. */
  appendJournal(name: string, entries: readonly JournalEntry[]): Promise<void>;
  /** Deletes a project's record and journal (its timelines live in the `HistoryStorage`); no error if there is none. */
  deleteProject(name: string): Promise<void>;
}

export function createMemoryProjectStore(): ProjectStore {
  const projects = new Map<string, ProjectRecord>();
  const journals = new Map<string, StoredJournal>();
  return {
    listProjects: async () => sortInfos([...projects.values()]),
    loadProject: async name => structuredClone(projects.get(name)),
    saveProject: async p => void projects.set(p.name, structuredClone(p)),
    loadJournal: async name => structuredClone(journals.get(name)),
    saveJournal: async (name, j) => void journals.set(name, structuredClone(j)),
    async appendJournal(name, entries) {
      const j = journals.get(name);
      if (!j) return;
      for (const e of entries) if (e.session === j.session && e.index === j.inputs.length) j.inputs.push(structuredClone(e.input));
    },
    async deleteProject(name) {
      projects.delete(name);
      journals.delete(name);
    },
  };
}

/** Most recently saved first (records pass as infos: only those fields are kept). */
export function sortInfos(records: readonly ProjectInfo[]): ProjectInfo[] {
  return records.map(infoOf).sort((a, b) => b.updatedAt - a.updatedAt || (a.name < b.name ? -1 : 1));
}
