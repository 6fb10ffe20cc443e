/**
 * When a publish can't keep the running database's data, the schema-change
 * dialog shows why, the diff and what would be deleted, and the publish
 * waits for the user's answer. The dialog reads the pending question from
 * here (`schemaPrompt`).
 */
import type { ModuleSummary, SourceFiles, TableCount } from '../../worker/api.ts';
import { host } from '../host.ts';
import { diffSchemas, type SchemaDiff } from './diff.ts';

export type SchemaQuestion = {
  diff: SchemaDiff;
  /** Rows each table holds now: what publishing on a fresh database deletes. */
  lost: TableCount[];
  /** Why the engine can't keep the data (upstream's automatic-migration errors). */
  reasons: string[];
  answer(publish: boolean): void;
};

let pending: SchemaQuestion | null = null;
const listeners = new Set<() => void>();
const setPending = (q: SchemaQuestion | null) => {
  pending = q;
  listeners.forEach(l => l());
};

export const schemaPrompt = {
  get: (): SchemaQuestion | null => pending,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/**
 * The engine refused to keep the data (`reasons`, upstream's migration
 * errors): shows them with the schema diff and what a fresh database
 * deletes. Resolves true to publish on a fresh database; false keeps the
 * running version and its data.
 */
export async function confirmClearData(published: ModuleSummary | null, files: SourceFiles, entry: string, counts: TableCount[], reasons: string[]): Promise<boolean> {
  const described = published ? await host.describe(files, entry) : undefined;
  const diff: SchemaDiff = published && described?.ok ? diffSchemas(published, described.module) : { tables: [], breaking: true };
  const lost = counts.filter(c => c.rows > 0);
  pending?.answer(false);
  return new Promise<boolean>(resolve => {
    const answer = (publish: boolean) => {
      if (pending?.answer === answer) setPending(null);
      resolve(publish);
    };
    setPending({ diff, lost, reasons, answer });
  });
}
