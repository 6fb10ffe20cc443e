import { createRequire } from 'node:module';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild-wasm';
import { buildPrelude } from '../build/prelude.ts';

const require = createRequire(import.meta.url);

export { esbuild };

/** The directory holding `node_modules/spacetimedb` for the library prelude build. */
function libraryPackageDir(): string {
  // dist/index.cjs → the package folder
  return dirname(dirname(require.resolve('spacetimedb')));
}

let prelude: Promise<string> | undefined;

/**
 * The library prelude for Node (CLI, tests, benchmarks): built with esbuild-wasm
 * from node_modules, cached on disk per library version because the first
 * build costs seconds of wasm start-up.
 */
export function loadPrelude(): Promise<string> {
  prelude ??= (async () => {
    const pkgDir = libraryPackageDir();
    const root = dirname(dirname(pkgDir));
    const { version } = JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
    const cacheFile = join(root, 'node_modules', '.cache', 'spacetime-playground', `prelude-${version}-${esbuild.version}.js`);
    try {
      return await readFile(cacheFile, 'utf8');
    } catch {
      const code = await buildPrelude(esbuild, root);
      await mkdir(dirname(cacheFile), { recursive: true });
      await writeFile(cacheFile, code);
      return code;
    }
  })();
  return prelude;
}
