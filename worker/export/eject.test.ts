import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../api.ts';
import { esbuild, loadPrelude } from '../node/esbuild.ts';
import { slugOf } from './eject.ts';

const CHAT = { 'index.ts': await readFile(new URL('../../samples/chat/index.ts', import.meta.url), 'utf8') };

describe('eject', () => {
  let host: Host;
  beforeAll(async () => {
    host = createHost({ esbuild, prelude: await loadPrelude() });
    await host.init();
  });
  afterAll(() => esbuild.stop());

  it('zips a folder spacetime publish accepts, with client bindings for the schema', async () => {
    const r = await host.eject('My Chat!', { ...CHAT, 'lib/util.ts': 'export const x = 1;\n' }, 'index.ts');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.fileName).toBe('my-chat.zip');
    const entries = unzipSync(r.zip);
    const names = Object.keys(entries);
    expect(names).toEqual(expect.arrayContaining(['my-chat/package.json', 'my-chat/tsconfig.json', 'my-chat/src/index.ts', 'my-chat/src/lib/util.ts', 'my-chat/module_bindings/index.ts', 'my-chat/module_bindings/message_table.ts']));
    const pkg = JSON.parse(strFromU8(entries['my-chat/package.json']!));
    expect(pkg).toMatchObject({ name: 'my-chat', type: 'module', dependencies: { spacetimedb: expect.stringMatching(/^\^2\./) } });
    expect(strFromU8(entries['my-chat/src/index.ts']!)).toBe(CHAT['index.ts']);
    expect(strFromU8(entries['my-chat/module_bindings/index.ts']!)).toContain('DbConnection');
  });

  it('gives a module whose entry is not index.ts an index.ts that re-exports it', async () => {
    const r = await host.eject('m', { 'chat.ts': CHAT['index.ts'] }, 'chat.ts');
    if (!r.ok) throw new Error(r.error.message);
    expect(strFromU8(unzipSync(r.zip)['m/src/index.ts']!)).toBe("export * from './chat.ts';\nexport { default } from './chat.ts';\n");
  });

  it('refuses sources that do not compile, saying how many errors to fix', async () => {
    const broken = await host.eject('m', { 'index.ts': 'export default (' }, 'index.ts');
    expect(broken).toMatchObject({ ok: false, error: { code: 'bad-args', message: expect.stringMatching(/compile error.*fix them/) } });
  });

  it('names the folder after the project', () => {
    expect(slugOf('  Kanban board (2) ')).toBe('kanban-board-2');
    expect(slugOf('***')).toBe('spacetime-module');
  });
});
