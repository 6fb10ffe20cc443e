import 'fake-indexeddb/auto';
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../api.ts';
import { esbuild, loadPrelude } from '../node/esbuild.ts';
import { createIdbProjectStore, createIdbStorage, openIdbDatabase } from '../storage/idb.ts';
import { createMemoryStorage } from '../storage/memory.ts';
import type { HistoryStorage } from '../storage/types.ts';
import { checkProjectName, copyName } from './project-verbs.ts';
import { createMemoryProjectStore, type ProjectStore } from './project-store.ts';

const CHAT = { 'index.ts': await readFile(new URL('../../samples/chat/index.ts', import.meta.url), 'utf8') };
const prelude = await loadPrelude();
afterAll(() => esbuild.stop());

type Stores = { projects: ProjectStore; histories: HistoryStorage };
let dbs = 0;
const BACKENDS: [string, () => Promise<Stores>][] = [
  ['memory', async () => ({ projects: createMemoryProjectStore(), histories: createMemoryStorage() })],
  ['idb', async () => {
    const db = await openIdbDatabase(`verbs-${dbs++}`);
    return { projects: createIdbProjectStore(db), histories: createIdbStorage(db) };
  }],
];

const ok = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
};

async function openHost(stores: Stores): Promise<Host> {
  const host = createHost({ esbuild, prelude, ...stores });
  await host.init();
  return host;
}

/** A stored project "chat" with a journal and a `main` timeline of 5 entries; its host keeps it open. */
async function chatProject(stores: Stores): Promise<Host> {
  const host = await openHost(stores);
  await host.openProject('chat');
  ok(await host.publish(CHAT, 'index.ts'));
  host.connect('alice');
  host.callReducer('set_name', '["Alice"]', 'alice');
  host.callReducer('send_message', '["hello"]', 'alice');
  host.callReducer('send_message', '["again"]', 'alice');
  await host.saveProject({ name: 'chat', files: CHAT, entry: 'index.ts', clients: [{ name: 'alice', queries: [], connected: true }], updatedAt: 1 });
  return host;
}

const timelineNames = async (h: HistoryStorage) => (await h.list()).map(t => t.name);

/** What a host opening `name` from `stores` shows: row counts and stored inputs. */
async function reopen(stores: Stores, name: string) {
  const host = await openHost(stores);
  const opened = await host.openProject(name);
  return { counts: host.tables(), inputs: opened.restored?.journal.inputs.length, history: ok(host.history()).length };
}

describe('project names', () => {
  it('are trimmed, 1 to 60 characters, without control characters or "/"', () => {
    expect(checkProjectName('  Notes ')).toEqual({ ok: true, name: 'Notes' });
    expect(checkProjectName('   ')).toEqual({ ok: false, message: 'A project needs a name: type one.' });
    expect(checkProjectName('x'.repeat(61))).toEqual({ ok: false, message: 'That name is 61 characters long; a project name has at most 60.' });
    expect(checkProjectName('a\tb')).toMatchObject({ ok: false, message: expect.stringContaining('control characters') });
    expect(checkProjectName('a/b')).toMatchObject({ ok: false, message: expect.stringContaining('"/"') });
    expect(checkProjectName(7)).toMatchObject({ ok: false });
  });

  it('of copies are "X copy", then "X copy 2", and still fit 60 characters', () => {
    expect(copyName('Chat', ['Chat'])).toBe('Chat copy');
    expect(copyName('Chat', ['Chat', 'Chat copy'])).toBe('Chat copy 2');
    expect(copyName('y'.repeat(60), []).length).toBeLessThanOrEqual(60);
  });
});

describe.each(BACKENDS)('project verbs over the %s stores', (_name, open) => {
  it('create a blank project whose module publishes, and refuse a taken or bad name', async () => {
    const stores = await open();
    const host = await openHost(stores);
    const r = ok(await host.newProject('  Notes '));
    expect(r.name).toBe('Notes');
    expect(r.projects.map(p => p.name)).toEqual(['Notes']);
    expect(await host.newProject('Notes')).toMatchObject({ ok: false, error: { code: 'bad-args', message: 'There is already a project named "Notes": choose another name.' } });
    expect(await host.newProject('')).toMatchObject({ ok: false, error: { message: 'A project needs a name: type one.' } });
    const opened = await host.openProject('Notes');
    const record = opened.project!;
    ok(await host.publish(record.files, record.entry));
    expect(host.tables()).toEqual([{ name: 'note', rows: 0 }]);
  });

  it('rename the open project with its journal and timelines; the old name is gone and later saves to it are ignored', async () => {
    const stores = await open();
    const host = await chatProject(stores);
    const before = host.tables();
    expect(await host.renameProject('chat', 'a/b')).toMatchObject({ ok: false, error: { code: 'bad-args' } });
    await stores.projects.saveProject({ name: 'taken', files: CHAT, entry: 'index.ts', clients: [], updatedAt: 0 });
    expect(await host.renameProject('chat', 'taken')).toMatchObject({ ok: false, error: { message: 'There is already a project named "taken": choose another name.' } });

    const r = ok(await host.renameProject('chat', ' Chat room '));
    expect(r.projects.map(p => p.name).sort()).toEqual(['Chat room', 'taken']);
    // The open session closed, so nothing more is written under the old name.
    expect(host.tables()).toEqual([]);
    await host.saveProject({ name: 'chat', files: CHAT, entry: 'index.ts', clients: [], updatedAt: 2 });
    expect(await stores.projects.loadProject('chat')).toBeUndefined();
    expect(await stores.projects.loadJournal('chat')).toBeUndefined();
    expect(await timelineNames(stores.histories)).toEqual(['Chat room/main']);
    expect((await stores.projects.loadProject('Chat room'))?.clients).toEqual([{ name: 'alice', queries: [], connected: true }]);

    const reopened = await reopen(stores, 'Chat room');
    expect(reopened).toEqual({ counts: before, inputs: 5, history: 5 });
  });

  it('duplicate a project with its data as "X copy", then "X copy 2"', async () => {
    const stores = await open();
    const host = await chatProject(stores);
    const before = host.tables();
    expect(ok(await host.duplicateProject('chat')).name).toBe('chat copy');
    expect(ok(await host.duplicateProject('chat', 'Chat')).name).toBe('Chat copy');
    expect(ok(await host.duplicateProject('chat')).name).toBe('chat copy 2');
    // The original stays open and recording.
    host.callReducer('send_message', '["only in the original"]', 'alice');
    expect(await timelineNames(stores.histories)).toEqual(['Chat copy/main', 'chat copy 2/main', 'chat copy/main', 'chat/main']);
    expect(await reopen(stores, 'chat copy')).toEqual({ counts: before, inputs: 5, history: 5 });
    expect((await reopen(stores, 'chat')).inputs).toBe(6);
  });

  it('delete a project with all its data, the open one after closing its session; others are untouched', async () => {
    const stores = await open();
    const host = await chatProject(stores);
    ok(await host.duplicateProject('chat'));
    expect(await host.deleteProject('nope')).toMatchObject({ ok: false, error: { message: expect.stringContaining('There is no project "nope"') } });
    const r = ok(await host.deleteProject('chat'));
    expect(r.projects.map(p => p.name)).toEqual(['chat copy']);
    expect(host.tables()).toEqual([]);
    expect(await stores.projects.loadJournal('chat')).toBeUndefined();
    expect(await timelineNames(stores.histories)).toEqual(['chat copy/main']);
    expect((await reopen(stores, 'chat copy')).inputs).toBe(5);
  });
});
