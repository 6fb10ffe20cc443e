import { beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from '../db/datastore.ts';
import { createMemoryStorage } from '../storage/memory.ts';
import type { History } from './entry.ts';
import { recordHistory } from './recorder.ts';
import { replayHistory } from './replay.ts';
import { openRecorded, runScript, SEC, type Recorded } from './test-fixtures.ts';
import { createTimelines } from './timelines.ts';

let t: Recorded;
beforeAll(async () => {
  t = await openRecorded();
  runScript(t);
});

async function withMain() {
  const timelines = createTimelines(createMemoryStorage());
  await timelines.create('main', t.history.header);
  for (const e of t.history.entries) timelines.append(e);
  await timelines.flush();
  return timelines;
}

describe('timelines', () => {
  it('records into the current timeline, in memory, in storage and in its seek index', async () => {
    const timelines = await withMain();
    expect((await timelines.list()).map(i => [i.name, i.length])).toEqual([['main', t.history.entries.length]]);
    const last = t.history.entries.length - 1;
    expect(timelines.seek(last)).toEqual(snapshot(t.db.store));
    expect(timelines.seek(5)).toEqual(t.states[5]);
  });

  it('forks from a position, keeping the original, and switches between them', async () => {
    const timelines = await withMain();
    const kick = t.history.entries.find(e => e.reducer === 'kick')!;
    const fork = await timelines.fork('try', kick.position);
    // The fork ends after the kick's immediate, which ran inside the same call.
    expect(fork.history.entries.map(e => e.kind).slice(-2)).toEqual(['reducer', 'immediate']);
    expect(fork.history.header.forkOf).toEqual({ timeline: 'main', position: kick.position });
    expect(timelines.current()?.name).toBe('main');
    await timelines.switchTo('try');
    expect(timelines.seek(kick.position + 1)).toEqual(t.states[kick.position + 1]);
    expect(() => timelines.seek(kick.position + 2)).toThrow(RangeError);
    await timelines.switchTo('main');
    expect(timelines.current()?.history.entries).toHaveLength(t.history.entries.length);
    expect((await timelines.list()).map(i => [i.name, i.length])).toEqual([['main', t.history.entries.length], ['try', kick.position + 2]]);
    await expect(timelines.fork('try', 3)).rejects.toThrow(/already exists/);
  });

  it('continues a fork on a replayed database, recording new entries after the fork point', async () => {
    const timelines = await withMain();
    const fork = await timelines.fork('alt', 12);
    const forked = fork.history.entries.length;
    expect(forked).toBe(13);
    await timelines.switchTo('alt');
    const { db, divergences } = replayHistory(fork.history, t.module);
    expect(divergences).toEqual([]);
    recordHistory(db, { firstPosition: forked, onEntry: e => timelines.append(e) });
    // add("new", 9)
    db.callReducer('add', new Uint8Array([3, 0, 0, 0, 0x6e, 0x65, 0x77, 9, 0, 0, 0]), undefined, db.now() + SEC);
    await timelines.flush();
    const alt = (await timelines.list()).find(i => i.name === 'alt')!;
    expect(alt.length).toBe(forked + 1);
    expect(fork.history.entries[forked]).toMatchObject({ position: forked, kind: 'reducer', reducer: 'add', outcome: { status: 'committed' } });
    const after = timelines.seek(alt.length - 1);
    expect(after).toEqual(snapshot(db.store));
    // The original timeline never saw the new call.
    await timelines.switchTo('main');
    expect(timelines.current()!.history.entries.some(e => e.args?.length === 11 && e.reducer === 'add' && e.args[4] === 0x6e)).toBe(false);
  });

  it('removes a timeline and reports storage failures on flush', async () => {
    const timelines = await withMain();
    await timelines.remove('main');
    expect(timelines.current()).toBeUndefined();
    expect(await timelines.list()).toEqual([]);
    const broken = createTimelines({ ...createMemoryStorage(), append: async () => Promise.reject(new Error('disk full')) });
    await broken.create('x', t.history.header);
    broken.append((t.history as History).entries[0]!);
    await expect(broken.flush()).rejects.toThrow('disk full');
  });

  it('hands the entries one task appends to storage as one write, in order', async () => {
    const memory = createMemoryStorage();
    const writes: number[] = [];
    const timelines = createTimelines({ ...memory, append: async (name, entries) => (writes.push(entries.length), memory.append(name, entries)) });
    await timelines.create('main', t.history.header);
    const [first, ...rest] = t.history.entries;
    timelines.append(first!);
    await Promise.resolve();
    for (const e of rest) timelines.append(e);
    await timelines.flush();
    expect(writes).toEqual([1, rest.length]); // the script records fewer than one write chunk
    expect((await memory.load('main'))?.entries).toEqual(t.history.entries);
  });
});
