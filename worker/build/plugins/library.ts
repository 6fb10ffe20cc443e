import type { Plugin } from 'esbuild-wasm';
import { LIB_PARAM, LIBRARY, LIBRARY_ENTRIES } from '../namespaces.ts';

/**
 * `spacetimedb` and `spacetimedb/server` come from the library prelude that
 * the runtime evaluates once per module instance (see `prelude.ts`), so the
 * edit-compile build stays small and fast.
 */
export function libraryPlugin(): Plugin {
  return {
    name: 'spacetimedb-library',
    setup(build) {
      build.onResolve({ filter: /^spacetimedb(\/.*)?$/ }, args => {
        if (args.path in LIBRARY_ENTRIES) return { path: args.path, namespace: LIBRARY };
        return {
          errors: [
            {
              text: `"${args.path}" is not available to modules: import from "spacetimedb/server" (or "spacetimedb").`,
            },
          ],
        };
      });
      build.onLoad({ filter: /.*/, namespace: LIBRARY }, args => ({
        contents: `module.exports = ${LIB_PARAM}.${LIBRARY_ENTRIES[args.path]};`,
        loader: 'js',
      }));
    },
  };
}
