import type { Loader, Plugin } from 'esbuild-wasm';
import { VFS } from '../namespaces.ts';

export type SourceFiles = Record<string, string>;

const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.mjs', '/index.ts', '/index.js'];

/** Normalizes `a/./b/../c.ts` to `a/c.ts`; returns undefined when it escapes the root. */
export function normalizePath(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function loaderFor(path: string): Loader {
  if (path.endsWith('.tsx')) return 'tsx';
  if (path.endsWith('.ts') || path.endsWith('.mts')) return 'ts';
  if (path.endsWith('.json')) return 'json';
  return 'js';
}

/** The module's own files live in memory: entry plus relative imports, nothing from disk. */
export function vfsPlugin(files: SourceFiles): Plugin {
  return {
    name: 'module-files',
    setup(build) {
      build.onResolve({ filter: /.*/ }, args => {
        if (args.kind === 'entry-point') return { path: args.path, namespace: VFS };
        if (!args.path.startsWith('.') && !args.path.startsWith('/')) {
          return {
            errors: [
              {
                text: `Cannot import "${args.path}": modules may import only "spacetimedb/server", "spacetimedb" and their own files.`,
              },
            ],
          };
        }
        const base = args.path.startsWith('/') ? '' : dirname(args.importer);
        const joined = normalizePath(`${base}/${args.path}`);
        const candidates = joined === undefined ? [] : EXTENSIONS.map(e => joined + e);
        // TypeScript sources import `./x.js` meaning `./x.ts`.
        if (joined?.endsWith('.js')) candidates.push(joined.slice(0, -3) + '.ts');
        const found = candidates.find(c => c in files);
        if (found === undefined) return { errors: [{ text: `Could not resolve "${args.path}"` }] };
        return { path: found, namespace: VFS };
      });
      build.onLoad({ filter: /.*/, namespace: VFS }, args => ({
        contents: files[args.path] ?? '',
        loader: loaderFor(args.path),
      }));
    },
  };
}
