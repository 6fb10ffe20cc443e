import { LIB_PARAM, SCRIPT_OPTIONS } from './namespaces.ts';
import { sysPlugin } from './plugins/sys.ts';
import type { EsbuildApi } from './build.ts';

/**
 * The `spacetimedb` library, bundled once into a script that defines
 * `__stdb_lib = { server, root }`. It reads syscalls from `__stdb_sys`, so
 * evaluating it inside `new Function` gives each module instance a fresh
 * library (the library keeps per-module state: schema, ctx, table ids).
 */
export async function buildPrelude(esbuild: EsbuildApi, resolveDir: string): Promise<string> {
  const result = await esbuild.build({
    stdin: {
      contents: `export * as server from 'spacetimedb/server';\nexport * as root from 'spacetimedb';\n`,
      resolveDir,
      loader: 'js',
    },
    ...SCRIPT_OPTIONS,
    conditions: [...SCRIPT_OPTIONS.conditions],
    globalName: LIB_PARAM,
    plugins: [sysPlugin()],
  });
  return result.outputFiles?.[0]?.text ?? '';
}
