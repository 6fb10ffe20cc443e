// A sample compiled ahead of time publishes without esbuild; any edit misses the key and compiles.
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createHost } from '../api.ts';
import { esbuild, loadPrelude } from '../node/esbuild.ts';
import { buildModule, type EsbuildApi } from './build.ts';
import { moduleKey } from './prebuilt.ts';

const CHAT = { 'index.ts': await readFile(new URL('../../samples/chat/index.ts', import.meta.url), 'utf8') };
const noEsbuild = { build: () => Promise.reject(new Error('esbuild is not ready')) } as unknown as EsbuildApi;

describe('prebuilt modules', () => {
  afterAll(() => esbuild.stop());

  it('keys sources by content and entry, not by file order', () => {
    const two = { 'a.ts': 'export const a = 1;', 'index.ts': 'import "./a";' };
    const swapped = { 'index.ts': 'import "./a";', 'a.ts': 'export const a = 1;' };
    expect(moduleKey(two, 'index.ts')).toBe(moduleKey(swapped, 'index.ts'));
    expect(moduleKey(two, 'a.ts')).not.toBe(moduleKey(two, 'index.ts'));
    expect(moduleKey({ ...two, 'a.ts': 'export const a = 2;' }, 'index.ts')).not.toBe(moduleKey(two, 'index.ts'));
  });

  it('publishes a prebuilt module before esbuild is ready, and compiles an edited one with it', async () => {
    const built = await buildModule(esbuild, CHAT, 'index.ts');
    if (!built.ok) throw new Error('chat does not compile');
    const prebuilt = { modules: { [moduleKey(CHAT, 'index.ts')]: { code: built.code, map: built.map } }, derived: {} };
    const host = createHost({ esbuild: noEsbuild, prelude: await loadPrelude(), prebuilt });
    await host.init();
    const r = await host.publish(CHAT, 'index.ts');
    expect(r.ok && r.module.tables.map(t => t.name)).toEqual(['user', 'message']);
    await expect(host.publish({ 'index.ts': `${CHAT['index.ts']}\n// edited` }, 'index.ts')).rejects.toThrow('esbuild is not ready');
  });
});
