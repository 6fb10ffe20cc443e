import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../api.ts';
import { esbuild, loadPrelude } from '../node/esbuild.ts';
import { createMemoryProjectStore } from '../session/project-store.ts';

const CHAT = { 'index.ts': await readFile(new URL('../../samples/chat/index.ts', import.meta.url), 'utf8') };
const record = (name: string) => ({ name, files: CHAT, entry: 'index.ts', clients: [{ name: 'alice', queries: ['SELECT * FROM user'], connected: true }], updatedAt: 1 });

describe('projects from outside', () => {
  let host: Host;
  let prelude: string;
  const store = createMemoryProjectStore();
  beforeAll(async () => {
    prelude = await loadPrelude();
    host = createHost({ esbuild, prelude, projects: store });
    await host.init();
  });
  afterAll(() => esbuild.stop());

  it('opens shared sources as a new project and never overwrites one', async () => {
    await host.saveProject(record('Shared module'));
    const r = await host.createProject({ name: 'Shared module', files: { 'index.ts': 'export default 1;' }, entry: 'index.ts' });
    expect(r).toEqual({ ok: true, name: 'Shared module 2' });
    expect((await store.loadProject('Shared module'))?.files).toEqual(CHAT);
    expect((await host.listProjects()).map(p => p.name)).toContain('Shared module 2');
  });

  it('refuses sources whose paths would leave their folder', async () => {
    for (const path of ['../evil.ts', '/abs.ts', 'a//b.ts', '.hidden.ts', 'x.js']) {
      const r = await host.createProject({ name: 'x', files: { [path]: '' }, entry: path });
      expect(r).toMatchObject({ ok: false, error: { code: 'bad-args' } });
    }
  });

  it('exports a project with its data and imports it as a new project that rebuilds the same rows', async () => {
    await host.openProject('chat');
    expect((await host.publish(CHAT, 'index.ts')).ok).toBe(true);
    host.connect('alice');
    host.callReducer('send_message', '["exported"]', 'alice');
    const exported = await host.exportProject(record('chat'));
    if (!exported.ok) throw new Error(exported.error.message);
    const rows = host.rows('message');

    const imported = await host.importProject(exported.text);
    expect(imported).toEqual({ ok: true, name: 'chat 2' });
    const opened = await host.openProject('chat 2');
    expect(opened.project?.clients).toEqual(record('chat').clients);
    expect(opened.restored?.journal.inputs.map(i => i.kind)).toEqual(['publish', 'connect', 'call']);
    expect(host.rows('message')).toEqual(rows);
  });

  it('imports a file whose journal does not replay with its sources only, and says so', async () => {
    const exported = await host.exportProject(record('chat'));
    if (!exported.ok) throw new Error(exported.error.message);
    const doc = JSON.parse(exported.text);
    doc.journal.inputs.push({ kind: 'call', reducer: 'send_message', args: '00', as: 'nobody', at: doc.journal.inputs[0].at });
    const r = await host.importProject(JSON.stringify(doc));
    expect(r).toMatchObject({ ok: true, name: 'chat 3', warning: expect.stringContaining('could not be rebuilt') });
    expect(await store.loadJournal('chat 3')).toBeUndefined();
  });

  it('describes sources without publishing them', async () => {
    const r = await host.describe({ 'index.ts': CHAT['index.ts'].replace("name: 'message'", "name: 'note'") }, 'index.ts');
    expect(r.ok && r.module.tables.map(t => t.name)).toEqual(['user', 'note']);
    expect(host.tables().map(t => t.name)).toEqual(['user', 'message']);
  });
});
