/** The file tree's pure parts: folders from paths, visible rows, path checks, folder renames. */
import { describe, expect, it } from 'vitest';
import { buildTree, foldersOf, pathProblem, renames, visibleRows } from './file-tree.ts';

const names = (rows: ReturnType<typeof visibleRows>) => rows.map(r => `${'  '.repeat(r.depth - 1)}${r.node.name}`);

describe('file tree', () => {
  it('builds folders from slashes, folders before files, the entry first', () => {
    const tree = buildTree(['schema.ts', 'lib/util.ts', 'index.ts', 'lib/deep/a.ts', 'access.ts'], 'index.ts');
    expect(names(visibleRows(tree, new Set()))).toEqual(['index.ts', 'lib', '  deep', '    a.ts', '  util.ts', 'access.ts', 'schema.ts']);
  });

  it('hides what a collapsed folder holds and keeps each row’s parent', () => {
    const tree = buildTree(['index.ts', 'lib/util.ts', 'lib/deep/a.ts'], 'index.ts');
    const rows = visibleRows(tree, new Set(['lib/deep']));
    expect(names(rows)).toEqual(['index.ts', 'lib', '  deep', '  util.ts']);
    expect(rows.find(r => r.node.name === 'util.ts')?.parent).toBe('lib');
    expect(names(visibleRows(tree, new Set(['lib'])))).toEqual(['index.ts', 'lib']);
  });

  it('shows empty folders made in this session', () => {
    const tree = buildTree(['index.ts'], 'index.ts', ['lib/empty']);
    expect(names(visibleRows(tree, new Set()))).toEqual(['index.ts', 'lib', '  empty']);
  });

  it('says what to fix in a bad path', () => {
    const taken = new Set(['index.ts', 'lib']);
    expect(pathProblem('lib/util.ts', taken, 'file')).toBeNull();
    expect(pathProblem('util', taken, 'file')).toMatch(/ends in \.ts/);
    expect(pathProblem('index.ts', taken, 'file')).toMatch(/already exists/);
    expect(pathProblem('lib//a.ts', taken, 'file')).toMatch(/empty parts/);
    expect(pathProblem('../a.ts', taken, 'file')).toMatch(/step out/);
    expect(pathProblem('my file.ts', taken, 'file')).toMatch(/letters, digits/);
    expect(pathProblem('lib', taken, 'folder')).toMatch(/already exists/);
    expect(pathProblem('helpers', taken, 'folder')).toBeNull();
  });

  it('moves every file under a renamed folder, and only those', () => {
    const files = ['index.ts', 'lib/a.ts', 'lib/b/c.ts', 'library.ts'];
    expect(renames(files, 'lib', 'util', 'folder')).toEqual([['lib/a.ts', 'util/a.ts'], ['lib/b/c.ts', 'util/b/c.ts']]);
    expect(renames(files, 'lib/a.ts', 'lib/z.ts', 'file')).toEqual([['lib/a.ts', 'lib/z.ts']]);
    expect([...foldersOf(files)]).toEqual(['lib', 'lib/b']);
  });
});
