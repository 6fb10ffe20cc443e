import { buildModule } from '../build/build.ts';
import { esbuild, loadPrelude } from './esbuild.ts';
import { readModuleFiles } from './module-files.ts';

/** Compiles a module from disk. Throws with `file:line:col: message` lines on compile errors. */
export async function compileModuleFile(entryPath: string): Promise<{ prelude: string; code: string; sourceMap: string }> {
  const { files, entry } = await readModuleFiles(entryPath);
  const [prelude, result] = await Promise.all([loadPrelude(), buildModule(esbuild, files, entry)]);
  if (!result.ok) throw new CompileError(result.errors.map(e => e.text).join('\n'));
  return { prelude, code: result.code, sourceMap: result.map };
}

export class CompileError extends Error {
  override name = 'CompileError';
}
