/**
 * Client bindings for the page's SDK clients: the TypeScript that
 * `spacetime generate` would write for this module (our codegen), bundled
 * by esbuild into one CommonJS script whose only `require` is
 * `spacetimedb`. The page evaluates it with its own copy of the SDK, so the
 * simulated clients are exactly what a real app would run.
 */
import type { BuildFailure, Plugin } from 'esbuild-wasm';
import type { EsbuildApi } from '../build/build.ts';
import { vfsPlugin } from '../build/plugins/vfs.ts';
import { generateTypeScript } from '../codegen/typescript.ts';
import { blake3 } from '@noble/hashes/blake3.js';
import { bytesToHex } from '../history/codec.ts';
import type { ModuleSchema } from '../module/schema-types.ts';
import { fail, type Failure } from './results.ts';

export type BindingsResult = { ok: true; code: string } | Failure;

const utf8 = new TextEncoder();

const sdkExternal: Plugin = {
  name: 'sdk-external',
  setup(build) {
    build.onResolve({ filter: /^spacetimedb(\/.*)?$/ }, args => ({ path: args.path, external: true }));
  },
};

/** Where built bindings outlive the engine (IndexedDB in the browser): a reload skips esbuild. */
export type DerivedCache = {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): Promise<void>;
};

/** The generated sources of a schema's bindings, and the cache key of their build. */
export function bindingsSources(schema: ModuleSchema): { key: string; files: Record<string, string> } {
  const files = Object.fromEntries(generateTypeScript(schema).map(f => [f.path, f.code]));
  return { key: `bindings:${bytesToHex(blake3(utf8.encode(JSON.stringify(files))))}`, files };
}

/** Bundles generated binding sources into one CommonJS script (esbuild). */
export const bundleBindings = (esbuild: EsbuildApi, files: Record<string, string>): Promise<BindingsResult> => bundle(esbuild, files);

/**
 * Builds bindings for a schema, reusing the last ones built and any the
 * cache holds, by their generated sources: a republish that keeps the
 * schema, or a reload, skips esbuild.
 */
export function createBindingsBuilder(esbuild: EsbuildApi, cache?: DerivedCache) {
  let last: { key: string; result: BindingsResult } | undefined;
  return async (schema: ModuleSchema): Promise<BindingsResult> => {
    const { key, files } = bindingsSources(schema);
    if (last?.key === key) return last.result;
    const stored = await cache?.get(key).catch(() => undefined);
    const result = stored !== undefined ? { ok: true as const, code: stored } : await bundle(esbuild, files);
    if (!result.ok) return result;
    last = { key, result };
    // A cache that can't write (storage full) only costs the next reload a build.
    if (stored === undefined) void cache?.put(key, result.code).catch(() => {});
    return result;
  };
}

async function bundle(esbuild: EsbuildApi, files: Record<string, string>): Promise<BindingsResult> {
  try {
    const result = await esbuild.build({
      entryPoints: ['index.ts'],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
      plugins: [sdkExternal, vfsPlugin(files)],
    });
    return { ok: true, code: result.outputFiles?.[0]?.text ?? '' };
  } catch (e) {
    const errors = (e as Partial<BuildFailure>).errors;
    if (!Array.isArray(errors)) throw e;
    return fail('bindings', `The client bindings did not compile: ${errors.map(m => m.text).join('; ')}`);
  }
}
