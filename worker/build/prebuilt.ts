/**
 * Modules compiled ahead of time (the samples, at `vite build`), keyed by
 * a hash of their sources: a first visit publishes the Kanban sample
 * without waiting for esbuild-wasm to start. The key covers every file and
 * the entry, so an edited sample simply misses and compiles as usual.
 */
import { blake3 } from '@noble/hashes/blake3.js';
import { bytesToHex } from '../history/codec.ts';
import type { SourceFiles } from './plugins/vfs.ts';

export type PrebuiltModule = { code: string; map: string };
export type Prebuilt = {
  /** Compiled modules by `moduleKey`. */
  modules: Record<string, PrebuiltModule>;
  /** Derived artifacts (client bindings) by the key their builder uses. */
  derived: Record<string, string>;
};

const utf8 = new TextEncoder();

export function moduleKey(files: SourceFiles, entry: string): string {
  const sorted = Object.keys(files).sort().map(path => [path, files[path]]);
  return `module:${bytesToHex(blake3(utf8.encode(JSON.stringify([entry, sorted]))))}`;
}
