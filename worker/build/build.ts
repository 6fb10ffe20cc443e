import type * as Esbuild from 'esbuild-wasm';
import { toDiagnostic, type Diagnostic } from './diagnostics.ts';
import { MODULE_FILE, MODULE_GLOBAL, SCRIPT_OPTIONS, VFS } from './namespaces.ts';
import { libraryPlugin } from './plugins/library.ts';
import { sysPlugin } from './plugins/sys.ts';
import { vfsPlugin, type SourceFiles } from './plugins/vfs.ts';

export type { Diagnostic, SourceFiles };
export type EsbuildApi = Pick<typeof Esbuild, 'build'>;

export type BuildResult =
  /** `map` is the source map of `code` (JSON), for stack traces in the module's own files. */
  | { ok: true; code: string; map: string; warnings: Diagnostic[] }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

/**
 * Compiles a module's files into one script for `instantiateModule`. The
 * options follow `spacetime build` (crates/cli/src/tasks/javascript.rs):
 * browser platform, production conditions; `target: es2022` lowers the
 * `using` declarations that engines without explicit resource management reject.
 */
export async function buildModule(
  esbuild: EsbuildApi,
  files: SourceFiles,
  entry = 'index.ts'
): Promise<BuildResult> {
  if (!(entry in files)) {
    const text = `${entry}: the entry file does not exist (files: ${Object.keys(files).join(', ') || 'none'})`;
    return { ok: false, errors: [{ file: entry, line: 0, column: 0, message: 'entry file does not exist', text }], warnings: [] };
  }
  try {
    const result = await esbuild.build({
      ...SCRIPT_OPTIONS,
      conditions: [...SCRIPT_OPTIONS.conditions],
      entryPoints: [entry],
      globalName: MODULE_GLOBAL,
      sourcemap: 'external',
      sourcesContent: false,
      outfile: MODULE_FILE,
      // Module code must not load code from URLs: `import()` becomes a require that throws.
      supported: { 'dynamic-import': false },
      plugins: [sysPlugin(), libraryPlugin(), vfsPlugin(files)],
    });
    const out = result.outputFiles ?? [];
    const code = out.find(f => f.path.endsWith('.js'))?.text ?? '';
    const map = out.find(f => f.path.endsWith('.map'))?.text ?? '';
    return { ok: true, code, map, warnings: result.warnings.map(toDiagnostic) };
  } catch (e) {
    const failure = e as Partial<Esbuild.BuildFailure>;
    if (!Array.isArray(failure.errors)) throw e;
    return {
      ok: false,
      errors: failure.errors.map(m => toDiagnostic(stripNamespace(m))),
      warnings: (failure.warnings ?? []).map(m => toDiagnostic(stripNamespace(m))),
    };
  }
}

function stripNamespace(m: Esbuild.Message): Esbuild.Message {
  if (!m.location) return m;
  const file = m.location.file.replace(`${VFS}:`, '');
  return { ...m, location: { ...m.location, file } };
}
