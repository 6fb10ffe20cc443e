import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host, type HostEvent, type Input, type JournalEntry } from './api.ts';
import { esbuild, loadPrelude } from './node/esbuild.ts';
import { createMemoryProjectStore } from './session/project-store.ts';

const CHAT = { 'index.ts': await readFile(new URL('../samples/chat/index.ts', import.meta.url), 'utf8') };

async function openHost(): Promise<{ host: Host; events: HostEvent[] }> {
  const host = createHost({ esbuild, prelude: await loadPrelude() });
  const events: HostEvent[] = [];
  host.onEvent(e => events.push(e));
  await host.init();
  return { host, events };
}

const journalOf = (events: HostEvent[]): Input[] =>
  events.flatMap(e => (e.type === 'input' ? [e.entry] : [])).map((e: JournalEntry) => e.input);

describe('createHost', () => {
  let host: Host;
  let events: HostEvent[];
  beforeAll(async () => ({ host, events } = await openHost()));
  afterAll(() => esbuild.stop());

  it('publishes the chat sample and describes its tables', async () => {
    const r = await host.publish(CHAT, 'index.ts');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.module.tables.map(t => t.name)).toEqual(['user', 'message']);
    expect(host.rows('user')).toEqual({ ok: true, rows: [], total: 0 });
  });

  it('runs connects and reducer calls as named clients', () => {
    expect(host.connect('alice')).toMatchObject({ ok: true, tx: { kind: 'connect', caller: 'alice' } });
    const named = host.callReducer('set_name', '{"name":"Alice"}', 'alice');
    expect(named).toMatchObject({ ok: true, tx: { outcome: { status: 'committed' } } });
    const empty = host.callReducer('set_name', '[""]', 'alice');
    expect(empty).toMatchObject({ ok: true, tx: { outcome: { status: 'failed', message: 'Names must not be empty' } } });
    const rows = host.rows('user');
    expect(rows.ok && rows.rows).toEqual([{ identity: host.clients()[0]?.identity, name: 'Alice', online: true }]);
  });

  it('refuses bad requests as values, without journaling them', () => {
    const before = journalOf(events).length;
    expect(host.callReducer('set_name', '{', 'alice')).toMatchObject({ ok: false, error: { code: 'bad-args' } });
    expect(host.callReducer('set_name', '["x"]', 'bob')).toMatchObject({ ok: false, error: { code: 'not-connected' } });
    expect(host.callReducer('nope', '[]')).toMatchObject({ ok: false, error: { code: 'no-such-reducer' } });
    expect(host.rows('nope')).toMatchObject({ ok: false, error: { code: 'no-such-table' } });
    expect(journalOf(events).length).toBe(before);
  });

  it('reports compile errors as file:line:col diagnostics', async () => {
    const r = await host.publish({ 'index.ts': 'export const x = ;\n' }, 'index.ts');
    expect(r.ok).toBe(false);
    if (r.ok || r.error.code !== 'compile') throw new Error('expected a compile failure');
    expect(r.error.diagnostics[0]?.text).toMatch(/^index\.ts:1:18: /);
    expect(host.rows('user').ok).toBe(true);
  });

  it('rebuilds the same rows in a fresh host from the journal', async () => {
    host.callReducer('send_message', '["hello"]', 'alice');
    host.connect('bob');
    host.disconnect('alice');
    const fresh = await openHost();
    const restored = await fresh.host.restore({ files: CHAT, entry: 'index.ts', inputs: journalOf(events) });
    expect(restored.ok).toBe(true);
    for (const table of ['user', 'message']) expect(fresh.host.rows(table)).toEqual(host.rows(table));
    expect(fresh.host.clients()).toEqual(host.clients());
    expect(fresh.events).toEqual([]);
  });
});

describe('projects', () => {
  it('rebuild the published version from the stored journal in a new host', async () => {
    const projects = createMemoryProjectStore();
    const prelude = await loadPrelude();
    const first = createHost({ esbuild, prelude, projects });
    await first.init();
    expect((await first.openProject()).restored).toBeUndefined();
    expect((await first.publish(CHAT, 'index.ts')).ok).toBe(true);
    first.connect('alice');
    first.callReducer('send_message', '["persisted"]', 'alice');
    await first.saveProject({ name: 'default', files: CHAT, entry: 'index.ts', clients: [], updatedAt: 1 });
    await new Promise(r => setTimeout(r, 10));

    const second = createHost({ esbuild, prelude, projects });
    await second.init();
    const opened = await second.openProject();
    expect(opened.project?.files).toEqual(CHAT);
    expect(opened.restored?.journal.inputs.map(i => i.kind)).toEqual(['publish', 'connect', 'call']);
    expect(second.rows('message')).toEqual(first.rows('message'));
  });
});

describe('createHost internal errors', () => {
  afterAll(() => esbuild.stop());

  it('show the stack in the module\u2019s own file and line', async () => {
    const { host } = await openHost();
    const src = `import { schema, table, t } from 'spacetimedb/server';\nconst x = table({ name: 'x' }, { v: t.u32() });\nconst spacetimedb = schema({ x });\nexport default spacetimedb;\nexport const boom = spacetimedb.reducer(ctx => {\n  throw new Error('kaput');\n});\n`;
    const r = await host.publish({ 'index.ts': src }, 'index.ts');
    if (!r.ok) throw new Error(r.error.message);
    const call = host.callReducer('boom', '[]');
    expect(call).toMatchObject({ ok: true, tx: { outcome: { status: 'failed' } } });
    expect(JSON.stringify(call, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).toContain('index.ts:6:9');
  });
});
