import type { Plugin } from 'vite';
import { esbuild, loadPrelude } from '../worker/node/esbuild.ts';

const ID = 'virtual:spacetimedb-prelude';
const RESOLVED = `\0${ID}`;

/**
 * Serves the `spacetimedb` library prelude as `virtual:spacetimedb-prelude`
 * (`export default "<script>"`). It is built here, in Node, because building
 * it needs node_modules; the browser receives it ready-made and only
 * compiles the user's module. Add it to both `plugins` and `worker.plugins`:
 * top-level plugins do not apply to worker bundles.
 */
export function spacetimedbPrelude(): Plugin {
  return {
    name: 'spacetimedb-prelude',
    buildStart() {
      // Start early; `load` awaits the same cached promise.
      void loadPrelude();
    },
    resolveId(id) {
      return id === ID ? RESOLVED : undefined;
    },
    async load(id) {
      if (id !== RESOLVED) return undefined;
      return `export default ${JSON.stringify(await loadPrelude())};`;
    },
    async closeBundle() {
      // The wasm service would otherwise keep `vite build` alive.
      await esbuild.stop();
    },
  };
}
