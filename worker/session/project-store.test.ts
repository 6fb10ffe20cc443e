import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createIdbProjectStore, openIdbDatabase } from '../storage/idb.ts';
import type { Input } from './journal.ts';
import { createMemoryProjectStore, type ProjectStore } from './project-store.ts';

let dbs = 0;
const BACKENDS: [string, () => Promise<ProjectStore>][] = [
  ['memory', async () => createMemoryProjectStore()],
  ['idb', async () => createIdbProjectStore(await openIdbDatabase(`test-${dbs++}`))],
];

const publish = (at: bigint): Input => ({ kind: 'publish', at });
const call = (at: bigint): Input => ({ kind: 'call', reducer: 'bump', args: new Uint8Array([1, 2]), as: 'alice', connectionId: 7n, at });

describe.each(BACKENDS)('the %s project store', (_name, open) => {
  it('keeps a project record as saved', async () => {
    const store = await open();
    expect(await store.loadProject('p')).toBeUndefined();
    const record = { name: 'p', files: { 'index.ts': 'x' }, entry: 'index.ts', clients: [{ name: 'alice', queries: ['SELECT * FROM t'], connected: true }], updatedAt: 1 };
    await store.saveProject(record);
    expect(await store.loadProject('p')).toEqual(record);
  });

  it('lists projects by name and sample, most recently saved first', async () => {
    const store = await open();
    expect(await store.listProjects()).toEqual([]);
    const record = (name: string, updatedAt: number) => ({ name, files: { 'index.ts': 'x' }, entry: 'index.ts', clients: [], updatedAt });
    await store.saveProject({ ...record('a', 1), sample: 'chat' });
    await store.saveProject(record('b', 3));
    await store.saveProject(record('c', 2));
    expect(await store.listProjects()).toEqual([{ name: 'b', updatedAt: 3 }, { name: 'c', updatedAt: 2 }, { name: 'a', updatedAt: 1, sample: 'chat' }]);
  });

  it('appends entries of the stored session in order and drops repeats and stale ones', async () => {
    const store = await open();
    await store.appendJournal('p', [{ session: 1n, index: 1, input: call(2n) }]);
    expect(await store.loadJournal('p')).toBeUndefined();
    await store.saveJournal('p', { files: { 'index.ts': 'x' }, entry: 'index.ts', inputs: [publish(10n)], session: 10n });
    await store.appendJournal('p', [
      { session: 10n, index: 1, input: call(11n) },
      { session: 10n, index: 1, input: call(11n) },
      { session: 9n, index: 2, input: call(12n) },
      { session: 10n, index: 2, input: call(13n) },
    ]);
    const j = await store.loadJournal('p');
    expect(j?.inputs).toEqual([publish(10n), call(11n), call(13n)]);
    expect(j?.session).toBe(10n);
  });

  it('replaces the journal on a new publish', async () => {
    const store = await open();
    await store.saveJournal('p', { files: {}, entry: 'index.ts', inputs: [publish(1n), call(2n)], session: 1n });
    await store.saveJournal('p', { files: {}, entry: 'index.ts', inputs: [publish(5n)], session: 5n });
    expect((await store.loadJournal('p'))?.inputs).toEqual([publish(5n)]);
  });

  it('deletes a project with its journal, leaving other projects alone', async () => {
    const store = await open();
    const record = (name: string) => ({ name, files: { 'index.ts': 'x' }, entry: 'index.ts', clients: [], updatedAt: 1 });
    for (const name of ['p', 'q']) {
      await store.saveProject(record(name));
      await store.saveJournal(name, { files: {}, entry: 'index.ts', inputs: [publish(1n), call(2n)], session: 1n });
    }
    await store.deleteProject('p');
    await store.deleteProject('never there');
    expect(await store.loadProject('p')).toBeUndefined();
    expect(await store.loadJournal('p')).toBeUndefined();
    expect((await store.listProjects()).map(p => p.name)).toEqual(['q']);
    expect((await store.loadJournal('q'))?.inputs).toHaveLength(2);
    // A project saved again under the name starts with no journal.
    await store.appendJournal('p', [{ session: 1n, index: 2, input: call(3n) }]);
    expect(await store.loadJournal('p')).toBeUndefined();
  });
});
