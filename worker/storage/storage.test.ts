import { appendFileSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HISTORY_FORMAT, HISTORY_VERSION, type History, type LogEntry } from '../history/entry.ts';
import { createFileStorage, readHistoryFile, writeHistoryFile } from './file.ts';
import { keepUnsavedHistory } from './kept-history.ts';
import { createMemoryStorage } from './memory.ts';
import { createSaveHealth } from './save-health.ts';
import type { HistoryStorage } from './types.ts';

const header: History['header'] = { format: HISTORY_FORMAT, version: HISTORY_VERSION, moduleHash: 'ab', database: { name: 'playground', owner: 1n << 200n }, tables: [{ id: 0, name: 't' }] };
const entry = (position: number): LogEntry => ({
  position, kind: position === 0 ? 'publish' : 'reducer', sender: 1n, connectionId: 0n, timestamp: BigInt(position),
  outcome: { status: 'committed' }, logs: [], durationMs: 0, delta: [{ tableId: 0, inserts: [new Uint8Array([position])], deletes: [] }],
});
const entries = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => entry(from + i));

const dirs: string[] = [];
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'history-storage-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const backends: [string, () => Promise<HistoryStorage>][] = [
  ['memory', async () => createMemoryStorage()],
  ['file', async () => createFileStorage(await tempDir())],
  ['kept (over memory)', async () => keepUnsavedHistory(createMemoryStorage(), createSaveHealth(() => {}))],
];

describe.each(backends)('%s history storage', (_name, open) => {
  it('saves, appends in call order, lists, loads and removes timelines', async () => {
    const s = await open();
    await s.save('main', { header, entries: entries(0, 1) });
    await Promise.all([s.append('main', entries(1, 3)), s.append('main', entries(3, 4))]);
    await s.save('a fork/1', { header: { ...header, forkOf: { timeline: 'main', position: 1 } }, entries: entries(0, 2) });
    expect((await s.load('main'))?.entries).toEqual(entries(0, 4));
    expect(await s.list()).toEqual([
      { name: 'a fork/1', header: { ...header, forkOf: { timeline: 'main', position: 1 } }, length: 2 },
      { name: 'main', header, length: 4 },
    ]);
    await s.remove('main');
    expect(await s.load('main')).toBeUndefined();
    expect((await s.list()).map(t => t.name)).toEqual(['a fork/1']);
  });

  it('rejects appends that skip or repeat a position, and appends to a missing timeline', async () => {
    const s = await open();
    await expect(s.append('none', entries(0, 1))).rejects.toThrow(/no timeline "none"/);
    await s.save('main', { header, entries: entries(0, 2) });
    await expect(s.append('main', entries(3, 4))).rejects.toThrow(/does not follow/);
    await expect(s.append('main', entries(1, 2))).rejects.toThrow(/does not follow/);
    expect((await s.load('main'))?.entries).toHaveLength(2);
  });

  it('hands out histories that later appends do not change', async () => {
    const s = await open();
    await s.save('main', { header, entries: entries(0, 2) });
    const loaded = await s.load('main');
    await s.append('main', entries(2, 3));
    expect(loaded?.entries).toHaveLength(2);
  });
});

describe('file history storage', () => {
  it('finds every appended entry after a restart (a new storage on the same folder)', async () => {
    const dir = await tempDir();
    const s = createFileStorage(dir);
    await s.save('main', { header, entries: entries(0, 1) });
    for (let i = 1; i < 20; i++) void s.append('main', [entry(i)]);
    const again = createFileStorage(dir);
    expect((await again.load('main'))?.entries).toEqual(entries(0, 20));
    await again.append('main', entries(20, 21));
    expect((await createFileStorage(dir).load('main'))?.entries).toHaveLength(21);
  });

  it('writes an entry to the file before append returns, fsync or not', async () => {
    for (const fsync of [false, true]) {
      const dir = await tempDir();
      const s = createFileStorage(dir, { fsync });
      await s.save('main', { header, entries: entries(0, 1) });
      void s.append('main', entries(1, 2));
      const [file] = await readdir(dir);
      expect(readFileSync(join(dir, file!), 'utf8').trim().split('\n')).toHaveLength(3);
    }
  });

  it('after a crash mid-write, loses only the unfinished entry and appends cleanly after it', async () => {
    const dir = await tempDir();
    await createFileStorage(dir).save('main', { header, entries: entries(0, 3) });
    appendFileSync(join(dir, 'main.history.jsonl'), '{"position":3,"kind":"redu');
    const s = createFileStorage(dir);
    expect((await s.load('main'))?.entries).toEqual(entries(0, 3));
    await s.append('main', entries(3, 4));
    expect((await createFileStorage(dir).load('main'))?.entries).toEqual(entries(0, 4));
  });

  it('reads and writes single history files (export and import)', async () => {
    const path = join(await tempDir(), 'sub', 'session.jsonl');
    await writeHistoryFile(path, { header, entries: entries(0, 5) });
    expect(await readHistoryFile(path)).toEqual({ header, entries: entries(0, 5) });
  });
});
