import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { buildModule } from '../worker/build/build.ts';
import { moduleKey, type Prebuilt } from '../worker/build/prebuilt.ts';
import { createVirtualClock } from '../worker/engine/clock.ts';
import { openDatabase } from '../worker/engine/database.ts';
import { esbuild, loadPrelude } from '../worker/node/esbuild.ts';
import { bindingsSources, bundleBindings } from '../worker/session/bindings.ts';

const ID = 'virtual:sample-builds';
const RESOLVED = `\0${ID}`;
const SAMPLES = join(import.meta.dirname, '..', 'samples');

/** Every sample (a samples/<id>/ with sample.json), its top-level .ts files as the gallery loads them. */
function sampleSources(): Record<string, string>[] {
  return readdirSync(SAMPLES, { withFileTypes: true })
    .filter(d => d.isDirectory() && existsSync(join(SAMPLES, d.name, 'sample.json')))
    .map(d => {
      const dir = join(SAMPLES, d.name);
      const names = readdirSync(dir).filter(f => f.endsWith('.ts'));
      return Object.fromEntries(names.map(f => [f, readFileSync(join(dir, f), 'utf8')]));
    });
}

async function prebuild(): Promise<Prebuilt> {
  const out: Prebuilt = { modules: {}, derived: {} };
  const prelude = await loadPrelude();
  for (const files of sampleSources()) {
    const built = await buildModule(esbuild, files, 'index.ts');
    if (!built.ok) throw new Error(`a sample does not compile: ${built.errors.map(e => e.text).join('; ')}`);
    out.modules[moduleKey(files, 'index.ts')] = { code: built.code, map: built.map };
    const schema = openDatabase({ prelude, code: built.code, clock: createVirtualClock(0n) }).schema;
    const { key, files: generated } = bindingsSources(schema);
    const bindings = await bundleBindings(esbuild, generated);
    if (!bindings.ok) throw new Error(bindings.error.message);
    out.derived[key] = bindings.code;
  }
  return out;
}

/** Where `npm run build` / `npm run dev` leave the prebuilt samples (`prebuild` / `predev` scripts). */
export const PREBUILT_FILE = join(import.meta.dirname, '..', 'node_modules', '.cache', 'spacetime-playground', 'sample-builds.json');

/** Writes the prebuilt samples (run in its own Node process: esbuild-wasm does not run inside Vite's build). */
export async function writePrebuilt(): Promise<void> {
  const built = await prebuild();
  mkdirSync(dirname(PREBUILT_FILE), { recursive: true });
  writeFileSync(PREBUILT_FILE, JSON.stringify(built));
  await esbuild.stop();
}

/**
 * Serves `virtual:sample-builds`: the samples compiled and their client
 * bindings built ahead of time, in Node, with the same esbuild and options
 * the engine uses, so a first visit publishes Kanban without waiting for
 * esbuild-wasm to start in the browser (worker/build/prebuilt.ts). Without
 * the file (a bare `vite build`), it serves none and samples compile in the
 * browser as any module does.
 */
export function sampleBuilds(): Plugin {
  return {
    name: 'sample-builds',
    resolveId: id => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const empty: Prebuilt = { modules: {}, derived: {} };
      return `export default ${existsSync(PREBUILT_FILE) ? readFileSync(PREBUILT_FILE, 'utf8') : JSON.stringify(empty)};`;
    },
  };
}
