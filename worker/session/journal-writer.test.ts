import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createHost, type HostEvent } from '../api.ts';
import { esbuild, loadPrelude } from '../node/esbuild.ts';
import { createSaveHealth, type SaveNotice } from '../storage/save-health.ts';
import { createMemoryStorage } from '../storage/memory.ts';
import type { HistoryStorage } from '../storage/types.ts';
import type { Input } from './journal.ts';
import { createJournalWriter } from './journal-writer.ts';
import { createMemoryProjectStore, type ProjectStore } from './project-store.ts';

const CHAT = { 'index.ts': await readFile(new URL('../../samples/chat/index.ts', import.meta.url), 'utf8') };
afterAll(() => esbuild.stop());

/** Stores whose writes throw `QuotaExceededError` while `full` is set, as a full IndexedDB does. */
function fullable() {
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  const state = { full: false, refused: 0 };
  const guard = async <T>(write: () => Promise<T>): Promise<T> => {
    if (state.full) {
      state.refused++;
      throw quota();
    }
    return write();
  };
  const p = createMemoryProjectStore();
  const h = createMemoryStorage();
  const projects: ProjectStore = {
    ...p,
    saveProject: r => guard(() => p.saveProject(r)),
    saveJournal: (n, j) => guard(() => p.saveJournal(n, j)),
    appendJournal: (n, e) => guard(() => p.appendJournal(n, e)),
  };
  const histories: HistoryStorage = { ...h, save: (n, x) => guard(() => h.save(n, x)), append: (n, e) => guard(() => h.append(n, e)) };
  return { state, projects, histories, inner: { projects: p, histories: h } };
}

const tick = (at: bigint): Input => ({ kind: 'tick', at });
const settle = () => new Promise(r => setTimeout(r, 20));

describe('the journal writer when storage is full', () => {
  it('holds failed entries, writes nothing past them, and stores them all in order once writes work again', async () => {
    const s = fullable();
    const notices: SaveNotice[] = [];
    const writer = createJournalWriter(s.projects, createSaveHealth(n => notices.push(n)));
    writer.setProject('p');
    await writer.begin({ files: {}, entry: 'index.ts', inputs: [{ kind: 'publish', at: 1n }] }, 1n);
    s.state.full = true;
    for (let i = 1; i <= 3; i++) {
      writer.append({ session: 1n, index: i, input: tick(BigInt(i)) });
      await writer.flush();
    }
    expect((await s.inner.projects.loadJournal('p'))?.inputs).toHaveLength(1);
    expect(writer.unsavedOf('p')).toBe(3);
    expect(notices).toEqual([{ tone: 'warn', message: expect.stringContaining("This browser's storage for the playground is full") }]);

    s.state.full = false;
    writer.append({ session: 1n, index: 4, input: tick(4n) });
    await writer.flush();
    expect((await s.inner.projects.loadJournal('p'))?.inputs.map(i => i.at)).toEqual([1n, 1n, 2n, 3n, 4n]);
    expect(writer.unsavedOf('p')).toBe(0);
    expect(notices[1]).toEqual({ tone: 'info', message: 'Saving works again: the 3 changes kept in this tab are now stored in this browser.' });
  });

  it('retries a publish whose journal could not be saved before its entries', async () => {
    const s = fullable();
    const writer = createJournalWriter(s.projects, createSaveHealth(() => {}));
    writer.setProject('p');
    s.state.full = true;
    await writer.begin({ files: {}, entry: 'index.ts', inputs: [{ kind: 'publish', at: 5n }] }, 5n);
    writer.append({ session: 5n, index: 1, input: tick(6n) });
    await writer.flush();
    expect(await s.inner.projects.loadJournal('p')).toBeUndefined();
    s.state.full = false;
    await writer.retry();
    expect((await s.inner.projects.loadJournal('p'))?.inputs.map(i => i.at)).toEqual([5n, 6n]);
  });
});

describe('a host whose storage fills up, then frees', () => {
  it('tells the user once, loses no journal input or history entry, and says when saving works again', async () => {
    const s = fullable();
    const host = createHost({ esbuild, prelude: await loadPrelude(), projects: s.projects, histories: s.histories });
    await host.init();
    const events: HostEvent[] = [];
    host.onEvent(e => void events.push(e));
    await host.openProject('chat');
    expect((await host.publish(CHAT, 'index.ts')).ok).toBe(true);
    host.connect('alice');
    await settle();

    s.state.full = true;
    for (let i = 0; i < 5; i++) host.callReducer('send_message', `["full ${i}"]`, 'alice');
    await host.saveProject({ name: 'chat', files: CHAT, entry: 'index.ts', clients: [], updatedAt: 1 });
    await settle();
    host.callReducer('send_message', '["still full"]', 'alice');
    await settle();
    expect(s.state.refused).toBeGreaterThan(3);
    const storage = () => events.flatMap(e => (e.type === 'notice' && e.topic === 'storage' ? [e] : []));
    expect(storage()).toHaveLength(1);
    expect(storage()[0]).toMatchObject({ tone: 'warn', message: expect.stringContaining('Free space by deleting projects') });

    s.state.full = false;
    host.callReducer('send_message', '["room again"]', 'alice');
    await host.saveProject({ name: 'chat', files: CHAT, entry: 'index.ts', clients: [], updatedAt: 2 });
    await settle();
    expect(storage()).toHaveLength(2);
    expect(storage()[1]).toMatchObject({ tone: 'info', message: expect.stringMatching(/^Saving works again/) });

    const journal = await s.inner.projects.loadJournal('chat');
    expect(journal?.inputs.map(i => i.kind)).toEqual(['publish', 'connect', ...Array<string>(7).fill('call')]);
    expect((await s.inner.histories.load('chat/main'))?.entries).toHaveLength(9);
    expect((await s.inner.projects.loadProject('chat'))?.updatedAt).toBe(2);

    const fresh = createHost({ esbuild, prelude: await loadPrelude(), projects: s.inner.projects, histories: s.inner.histories });
    await fresh.init();
    await fresh.openProject('chat');
    expect(fresh.rows('message')).toEqual(host.rows('message'));
  });
});
