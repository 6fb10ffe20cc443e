/**
 * Before a publish: if the new build's schema drops or changes tables or
 * columns that hold rows, the schema-change dialog shows the diff and the
 * publish waits for the user's answer. The dialog reads the pending
 * question from here (`schemaPrompt`).
 */
import type { ModuleSummary, SourceFiles, TableCount } from '../../worker/api.ts';
import { host } from '../host.ts';
import { diffSchemas, type SchemaDiff } from './diff.ts';

export type SchemaQuestion = {
  diff: SchemaDiff;
  /** Rows each breaking table holds now: what the publish deletes. */
  lost: TableCount[];
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

/** Resolves true to go on publishing; false when the user keeps the data. */
export async function confirmSchemaChange(published: ModuleSummary | null, files: SourceFiles, entry: string, counts: TableCount[]): Promise<boolean> {
  if (!published) return true;
  const described = await host.describe(files, entry);
  // A build that fails is the publish's to report, with its diagnostics.
  if (!described.ok) return true;
  const diff = diffSchemas(published, described.module);
  const breaking = new Set(diff.tables.filter(t => t.breaking).map(t => t.name));
  const lost = counts.filter(c => breaking.has(c.name) && c.rows > 0);
  if (lost.length === 0) return true;
  pending?.answer(false);
  return new Promise<boolean>(resolve => {
    const answer = (publish: boolean) => {
      if (pending?.answer === answer) setPending(null);
      resolve(publish);
    };
    setPending({ diff, lost, answer });
  });
}
