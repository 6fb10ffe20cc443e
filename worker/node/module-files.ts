import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';

const SOURCE = /\.(ts|tsx|mts|js|mjs|json)$/;
const SKIP = new Set(['node_modules', 'dist', '.git']);
const MAX_FILES = 500;

/**
 * A module's files as the build sees them: every source file under the
 * entry's folder (the folder `spacetime build` compiles), keyed by path
 * relative to it.
 */
export async function readModuleFiles(entryPath: string): Promise<{ files: Record<string, string>; entry: string }> {
  const info = await stat(entryPath).catch(() => undefined);
  if (!info?.isFile()) throw new Error(`${entryPath}: no such file (pass the module's entry file, e.g. samples/chat/index.ts)`);
  const root = dirname(entryPath);
  const files: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      if (SKIP.has(e.name) || e.name.startsWith('.')) continue;
      const full = join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (SOURCE.test(e.name) && !/\.(test|spec)\.[tj]sx?$/.test(e.name)) {
        if (Object.keys(files).length >= MAX_FILES) throw new Error(`${root}: more than ${MAX_FILES} source files; point at the module's own folder`);
        files[relative(root, full).split(sep).join('/')] = await readFile(full, 'utf8');
      }
    }
  };
  await walk(root);
  return { files, entry: basename(entryPath) };
}
