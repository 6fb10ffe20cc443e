import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../api.ts';
import { esbuild, loadPrelude } from '../node/esbuild.ts';
import { createMemoryStorage } from '../storage/memory.ts';
import type { HistoryStorage } from '../storage/types.ts';
import { createMemoryProjectStore, type ProjectStore } from './project-store.ts';

const SOURCE = await readFile(new URL('../../samples/chat/index.ts', import.meta.url), 'utf8');
const CHAT = { 'index.ts': SOURCE };
const prelude = await loadPrelude();

async function openHost(histories: HistoryStorage, projects?: ProjectStore): Promise<Host> {
  const host = createHost({ esbuild, prelude, histories, ...(projects ? { projects } : {}) });
  await host.init();
  return host;
}

const ok = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
};

describe('the live history', () => {
  let storage: HistoryStorage;
  let host: Host;
  beforeAll(async () => {
    storage = createMemoryStorage();
    host = await openHost(storage);
    ok(await host.publish(CHAT, 'index.ts'));
    host.connect('alice');
    host.callReducer('set_name', '["Alice"]', 'alice');
    host.callReducer('send_message', '["hello"]', 'alice');
    host.callReducer('send_message', '[""]', 'alice');
  });
  afterAll(() => esbuild.stop());

  it('records every transaction into the stored main timeline', async () => {
    const h = ok(host.history());
    expect(h.timeline).toBe('main');
    expect(h.points.map(p => [p.kind, p.reducer, p.caller, p.status])).toEqual([
      ['publish', 'init', 'owner', 'committed'],
      ['connect', 'on_connect', 'alice', 'committed'],
      ['reducer', 'set_name', 'alice', 'committed'],
      ['reducer', 'send_message', 'alice', 'committed'],
      ['reducer', 'send_message', 'alice', 'failed'],
    ]);
    expect(h.points.map(p => p.rows)).toEqual([[0, 0], [1, 0], [1, 0], [1, 1], [1, 1]]);
    expect((await storage.load('default/main'))?.entries).toHaveLength(5);
    expect(ok(host.history(3)).points.map(p => p.position)).toEqual([3, 4]);
  });

  it('decodes an entry: args, logs, and a delete plus insert of one key as an update', () => {
    const { entry } = ok(host.historyEntry(2));
    expect(entry.args).toEqual({ name: 'Alice' });
    expect(entry.logs[0]?.message).toMatch(/sets name to Alice$/);
    expect(entry.changes).toHaveLength(1);
    const [user] = entry.changes;
    expect(user).toMatchObject({ table: 'user', columns: ['identity', 'name', 'online'], inserted: [], deleted: [] });
    expect(user?.updated.map(u => [u.before[1], u.after[1]])).toEqual([[null, 'Alice']]);
  });

  it('tells which clients were sent what', () => {
    const { sent } = ok(host.historyEntry(3, [{ name: 'alice', queries: ['SELECT * FROM message'], connected: true }, { name: 'bob', queries: ['SELECT * FROM message'], connected: false }]));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ client: 'alice', query: 'SELECT * FROM message', deletes: [] });
    expect(sent[0]?.inserts[0]).toContain('hello');
  });

  it('shows tables, rows, SQL and client views as they were at a past position', () => {
    expect(ok(host.tablesAt(1)).tables).toEqual([{ name: 'user', rows: 1 }, { name: 'message', rows: 0 }]);
    expect(ok(host.rowsAt(1, 'user')).rows).toEqual([{ identity: expect.any(String), name: null, online: true }]);
    expect(ok(host.sqlAt(3, 'SELECT text FROM message')).rows).toEqual([['hello']]);
    expect(ok(host.sqlAt(2, 'SELECT text FROM message')).rows).toEqual([]);
    expect(host.sqlAt(3, "DELETE FROM message WHERE text = 'hello'")).toMatchObject({ ok: false, error: { code: 'sql' } });
    expect(host.rows('message')).toMatchObject({ total: 1 });
    const [alice] = ok(host.clientsAt(0, [{ name: 'alice', queries: ['SELECT * FROM user'], connected: true }])).clients;
    expect(alice).toEqual({ name: 'alice', connected: false, queries: [] });
    expect(host.rowsAt(99, 'user')).toMatchObject({ ok: false, error: { code: 'bad-args' } });
  });

  it('replays against edited code: added console output shows as a divergence', async () => {
    const edited = { 'index.ts': SOURCE.replace('validateMessage(text);', 'validateMessage(text);\n    console.log(`replayed: ${text}`);') };
    const r = ok(await host.replay(edited, 'index.ts'));
    expect(r.edited).toBe(true);
    expect(r.report.divergences.map(d => [d.position, d.fields])).toEqual([[3, ['logs']]]);
    expect(r.report.divergences[0]?.replayed?.logs.map(l => l.message)).toContain('replayed: hello');
    expect(ok(await host.replay(CHAT, 'index.ts')).report.ok).toBe(true);
  });

  it('forks at a position, keeps the original, and switches back', async () => {
    const fork = ok(await host.fork(2));
    expect(fork.timeline).toBe('fork-1');
    expect(fork.journal.inputs.map(i => i.kind)).toEqual(['publish', 'connect', 'call']);
    expect(host.rows('message')).toMatchObject({ total: 0 });
    host.callReducer('send_message', '["on the fork"]', 'alice');
    expect(ok(host.history()).length).toBe(4);
    const lines = await host.timelines();
    expect(lines.map(t => [t.name, t.length, t.current, t.forkOf?.position ?? null])).toEqual([
      ['fork-1', 4, true, 2],
      ['main', 5, false, null],
    ]);
    ok(await host.switchTimeline('main'));
    expect(ok(host.history()).length).toBe(5);
    expect(ok(host.sqlAt(4, 'SELECT text FROM message')).rows).toEqual([['hello']]);
  });

  it('exports the live timeline and imports it as a new one', async () => {
    const exported = ok(host.exportHistory());
    expect(exported.text.split('\n')[0]).toContain('spacetime-playground-history');
    const imported = ok(await host.importHistory(exported.text));
    expect(imported).toMatchObject({ name: 'import-2', length: 5, truncated: false });
    expect(await host.importHistory('nonsense')).toMatchObject({ ok: false, error: { code: 'bad-args' } });
  });
});

describe('a reload', () => {
  it('continues the stored timeline, replaying entries its journal lacks', async () => {
    const storage = createMemoryStorage();
    const projects = createMemoryProjectStore();
    const first = await openHost(storage, projects);
    await first.openProject();
    ok(await first.publish(CHAT, 'index.ts'));
    first.connect('alice');
    first.callReducer('send_message', '["kept"]', 'alice');
    await new Promise(r => setTimeout(r, 10));
    // An identical timeline next to the live one: the page's saved marker tells them apart.
    expect(ok(await first.importHistory(ok(first.exportHistory()).text)).name).toBe('import-1');
    await first.saveProject({ name: 'default', files: CHAT, entry: 'index.ts', clients: [], layout: { timeline: 'main' }, updatedAt: 1 });
    // The journal lost its last input (a reload before it was written); the history kept it.
    const journal = (await projects.loadJournal('default'))!;
    await projects.saveJournal('default', { ...journal, inputs: journal.inputs.slice(0, -1) });

    const second = await openHost(storage, projects);
    await second.openProject();
    expect(second.rows('message')).toMatchObject({ total: 1 });
    expect(ok(second.history())).toMatchObject({ timeline: 'main', length: 3 });
    second.callReducer('send_message', '["after"]', 'alice');
    // Entries reach storage together at the end of the task that recorded them.
    await new Promise(r => setTimeout(r, 10));
    expect((await storage.load('default/main'))?.entries).toHaveLength(4);
    expect((await storage.list()).map(t => [t.name, t.length])).toEqual([['default/import-1', 3], ['default/main', 4]]);
    expect((await projects.loadJournal('default'))?.inputs).toHaveLength(4);
  });
});
