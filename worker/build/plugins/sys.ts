import type { Plugin } from 'esbuild-wasm';
import { SYS, SYS_PARAM, SYS_SPECIFIERS } from '../namespaces.ts';

/**
 * `spacetime:sys@2.x` is a synthetic module of the V8 host upstream; here it
 * is the per-instance syscall object. CommonJS keeps property reads live, so
 * the library binds nothing at import time.
 */
export function sysPlugin(): Plugin {
  return {
    name: 'spacetime-sys',
    setup(build) {
      build.onResolve({ filter: /^spacetime:/ }, args => {
        if (SYS_SPECIFIERS.includes(args.path)) return { path: args.path, namespace: SYS };
        const m = /^spacetime:sys@(\d+)\.(\d+)$/.exec(args.path);
        const text = m
          ? `Could not import "${args.path}", likely because this module was built for a newer version of SpacetimeDB.\nIt requires sys module v${m[1]}.${m[2]}, but that version is not supported by the database.`
          : `Could not find module "${args.path}"`;
        return { errors: [{ text }] };
      });
      build.onLoad({ filter: /.*/, namespace: SYS }, () => ({
        contents: `module.exports = ${SYS_PARAM};`,
        loader: 'js',
      }));
    },
  };
}
