// Client bindings are rebuilt only when the schema's generated sources change,
// and a cache that outlives the engine (IndexedDB) lets a reload skip esbuild.
import { afterAll, describe, expect, it } from 'vitest';
import type { EsbuildApi } from '../build/build.ts';
import { compileModuleFile } from '../node/load-module.ts';
import { esbuild } from '../node/esbuild.ts';
import { openDatabase } from '../engine/database.ts';
import { createVirtualClock } from '../engine/clock.ts';
import { createBindingsBuilder, type DerivedCache } from './bindings.ts';

async function chatSchema() {
  const module = await compileModuleFile(new URL('../../samples/chat/index.ts', import.meta.url).pathname);
  return openDatabase({ prelude: module.prelude, code: module.code, clock: createVirtualClock(0n) }).schema;
}

const memoryCache = (): DerivedCache & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return { map, get: async k => map.get(k), put: async (k, v) => void map.set(k, v) };
};

describe('client bindings', () => {
  afterAll(() => esbuild.stop());

  it('builds once per schema and reuses the cached build in a new engine without esbuild', async () => {
    const schema = await chatSchema();
    const cache = memoryCache();
    const calls: number[] = [];
    const counting = { ...esbuild, build: (o: Parameters<EsbuildApi['build']>[0]) => (calls.push(1), esbuild.build(o)) } as EsbuildApi;
    const first = createBindingsBuilder(counting, cache);
    const built = await first(schema);
    expect(built.ok && built.code).toContain('require("spacetimedb")');
    expect(await first(schema)).toBe(built);
    expect(calls).toHaveLength(1);
    await new Promise(r => setTimeout(r, 0));
    expect([...cache.map.keys()]).toEqual([expect.stringMatching(/^bindings:[0-9a-f]{64}$/)]);

    const noEsbuild = { build: () => Promise.reject(new Error('esbuild must not run')) } as unknown as EsbuildApi;
    const afterReload = createBindingsBuilder(noEsbuild, cache);
    expect(await afterReload(schema)).toEqual(built);
  });

  it('does not cache a failed build', async () => {
    const schema = await chatSchema();
    const cache = memoryCache();
    const failing = { build: () => Promise.reject(Object.assign(new Error('x'), { errors: [{ text: 'broken' }] })) } as unknown as EsbuildApi;
    expect(await createBindingsBuilder(failing, cache)(schema)).toMatchObject({ ok: false, error: { code: 'bindings', message: expect.stringContaining('broken') } });
    expect(cache.map.size).toBe(0);
  });
});
