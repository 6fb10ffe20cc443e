import type { Input, Journal, JournalEntry, SourceFiles } from '../worker/api.ts';

/**
 * What the page keeps to rebuild the engine after restarting it: the
 * published module's files and every input it ran since, in order. Kept in
 * memory for now; an IndexedDB-backed store can replace this one behind the
 * same three verbs (they are async for that reason).
 */
export type JournalStore = {
  /** Starts over for a newly published module version (`session` is its publish time). */
  begin(files: SourceFiles, entry: string, session: bigint): Promise<void>;
  /** Records an input the engine ran; repeats and entries of older sessions are ignored. */
  append(entry: JournalEntry): Promise<void>;
  /** The journal to replay, or undefined before the first publish. */
  load(): Promise<Journal | undefined>;
};

type Current = {
  files: SourceFiles;
  entry: string;
  session: bigint;
  inputs: Map<number, Input>;
};

export function createMemoryJournal(): JournalStore {
  let current: Current | undefined;
  // Entries streamed before the publish that created their session returned.
  let early: JournalEntry[] = [];

  return {
    async begin(files, entry, session) {
      const inputs = new Map<number, Input>([[0, { kind: 'publish', at: session }]]);
      for (const e of early) if (e.session === session) inputs.set(e.index, e.input);
      early = [];
      current = { files, entry, session, inputs };
    },
    async append(e) {
      if (current && e.session === current.session) current.inputs.set(e.index, e.input);
      else if (!current || e.session > current.session) early.push(e);
    },
    async load() {
      if (!current) return undefined;
      const inputs = [...current.inputs].sort((a, b) => a[0] - b[0]).map(([, input]) => input);
      return { files: current.files, entry: current.entry, inputs };
    },
  };
}
