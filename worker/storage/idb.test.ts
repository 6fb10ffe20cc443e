import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { HISTORY_FORMAT, HISTORY_VERSION, type History, type LogEntry } from '../history/entry.ts';
import { openDB } from 'idb';
import { createIdbDerivedCache, createIdbProjectStore, createIdbStorage, openIdbDatabase } from './idb.ts';

const header: History['header'] = { format: HISTORY_FORMAT, version: HISTORY_VERSION, moduleHash: 'ab', database: { name: 'playground', owner: 1n }, tables: [{ id: 0, name: 't' }] };
const entry = (position: number): LogEntry => ({
  position, kind: position === 0 ? 'publish' : 'reducer', sender: 1n, connectionId: 0n, timestamp: BigInt(position),
  outcome: { status: 'committed' }, logs: [], durationMs: 0, delta: [{ tableId: 0, inserts: [new Uint8Array([position])], deletes: [] }],
});

describe('IndexedDB history storage', () => {
  it('saves, appends in order, lists, loads and removes timelines', async () => {
    const s = createIdbStorage(await openIdbDatabase('history-test'));
    await expect(s.append('main', [entry(0)])).rejects.toThrow(/no timeline/);
    await s.save('main', { header, entries: [entry(0)] });
    await s.append('main', [entry(1), entry(2)]);
    await expect(s.append('main', [entry(5)])).rejects.toThrow(/does not follow/);
    const loaded = await s.load('main');
    expect(loaded?.entries).toEqual([entry(0), entry(1), entry(2)]);
    await s.append('main', [entry(3)]);
    expect(loaded?.entries).toHaveLength(3);
    expect(await s.list()).toEqual([{ name: 'main', header, length: 4 }]);
    await s.remove('main');
    expect(await s.load('main')).toBeUndefined();
    expect(await s.list()).toEqual([]);
  });
});

describe('IndexedDB upgrade and derived cache', () => {
  it('upgrades a version-1 database without touching its projects, and keeps derived artifacts', async () => {
    const v1 = await openDB('upgrade-test', 1, {
      upgrade(db) {
        for (const store of ['timelines', 'entries', 'projects', 'journals', 'inputs']) db.createObjectStore(store);
      },
    });
    await v1.put('projects', { name: 'kept', files: { 'index.ts': '' }, entry: 'index.ts', clients: [], updatedAt: 1 }, 'kept');
    v1.close();
    const opening = openIdbDatabase('upgrade-test');
    expect((await createIdbProjectStore(opening).loadProject('kept'))?.name).toBe('kept');
    const cache = createIdbDerivedCache(opening);
    expect(await cache.get('bindings:ab')).toBeUndefined();
    await cache.put('bindings:ab', 'module.exports = 1;');
    expect(await cache.get('bindings:ab')).toBe('module.exports = 1;');
  });
});
