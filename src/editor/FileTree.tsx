import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useWorkspace } from '../state/use-workspace.ts';
import { workspace } from '../state/workspace.ts';
import { buildTree, foldersOf, pathProblem, renames, visibleRows, type TreeNode } from './file-tree.ts';
import { FileTreeRow, TreeNameInput } from './FileTreeRow.tsx';

type Editing = { mode: 'new-file' | 'new-folder'; parent: string } | { mode: 'rename'; node: TreeNode };

const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

/**
 * The module's files as a tree (folders from '/' in their paths): open,
 * create, rename and delete files and folders, with an edited-since-publish
 * dot. A WAI-ARIA tree: one tab stop, arrows move and fold, Enter opens.
 */
export function FileTree() {
  const { files, entry, active, publishedFiles, layout } = useWorkspace();
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  // Folders with no file yet live only in this session: the project stores files, not folders.
  const [empty, setEmpty] = useState<string[]>([]);
  const [focus, setFocus] = useState(active);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const refs = useRef(new Map<string, HTMLLIElement>());
  const moved = useRef(false);
  const paths = Object.keys(files);
  const folders = useMemo(() => foldersOf(Object.keys(files)), [files]);
  const rows = visibleRows(buildTree(paths, entry, empty.filter(f => !folders.has(f))), collapsed);
  const shown = layout['file-tree'] !== 'closed';

  useEffect(() => {
    if (moved.current) refs.current.get(focus)?.focus();
    moved.current = false;
  }, [focus]);

  const edited = (node: TreeNode) => publishedFiles !== null &&
    (node.kind === 'file' ? publishedFiles[node.path] !== files[node.path] : paths.some(p => p.startsWith(`${node.path}/`) && publishedFiles[p] !== files[p]));
  const fold = (path: string, open: boolean) => setCollapsed(c => {
    const next = new Set(c);
    if (open) next.delete(path);
    else next.add(path);
    return next;
  });
  const move = (path: string | undefined) => {
    if (path === undefined) return;
    moved.current = true;
    setFocus(path);
  };
  const start = (e: Editing) => {
    setProblem(null);
    setEditing(e);
  };
  const remove = (node: TreeNode) => {
    const doomed = node.kind === 'file' ? [node.path] : paths.filter(p => p.startsWith(`${node.path}/`));
    const what = node.kind === 'file' ? node.path : `folder ${node.path}${doomed.length ? ` and its ${doomed.length} file${doomed.length === 1 ? '' : 's'}` : ''}`;
    if (doomed.includes(entry) || !window.confirm(`Delete ${what}?`)) return;
    for (const p of doomed) workspace.removeFile(p);
    setEmpty(f => f.filter(x => x !== node.path && !x.startsWith(`${node.path}/`)));
    move(rows[Math.max(0, rows.findIndex(r => r.node.path === node.path) - 1)]?.node.path);
  };

  const commit = (name: string) => {
    if (!editing) return;
    const taken = new Set([...paths, ...folders, ...empty]);
    if (editing.mode === 'rename') {
      const { node } = editing;
      const to = join(dirOf(node.path), name);
      if (to === node.path) return setEditing(null);
      const bad = pathProblem(to, taken, node.kind);
      if (bad) return setProblem(bad);
      for (const [a, b] of renames(paths, node.path, to, node.kind)) workspace.renameFile(a, b);
      setEmpty(f => f.map(x => (x === node.path || x.startsWith(`${node.path}/`) ? to + x.slice(node.path.length) : x)));
      move(to);
    } else {
      const path = join(editing.parent, name);
      const bad = pathProblem(path, taken, editing.mode === 'new-file' ? 'file' : 'folder');
      if (bad) return setProblem(bad);
      if (editing.mode === 'new-file') workspace.addFile(path);
      else setEmpty(f => [...f, path]);
      for (const dir of foldersOf([path])) fold(dir, true);
      move(path);
    }
    setEditing(null);
  };

  const onKey = (i: number) => (e: KeyboardEvent<HTMLLIElement>) => {
    const row = rows[i];
    if (!row) return;
    const { node } = row;
    const open = node.kind === 'folder' && !collapsed.has(node.path);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(rows[i + 1]?.node.path),
      ArrowUp: () => move(rows[i - 1]?.node.path),
      Home: () => move(rows[0]?.node.path),
      End: () => move(rows.at(-1)?.node.path),
      ArrowRight: () => (node.kind === 'folder' ? (open ? move(rows[i + 1]?.node.path) : fold(node.path, true)) : undefined),
      ArrowLeft: () => (open ? fold(node.path, false) : move(row.parent ?? undefined)),
      Enter: () => (node.kind === 'file' ? workspace.openFile(node.path) : fold(node.path, !open)),
      ' ': () => (node.kind === 'file' ? workspace.openFile(node.path) : fold(node.path, !open)),
      F2: () => node.path !== entry && start({ mode: 'rename', node }),
      Delete: () => node.path !== entry && remove(node),
    };
    const act = keys[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  };

  const input = (depth: number, initial: string, label: string, placeholder: string) => (
    <TreeNameInput key="edit" depth={depth} initial={initial} label={label} placeholder={placeholder} problem={problem} onCommit={commit} onCancel={() => setEditing(null)} />
  );
  const creating = editing && editing.mode !== 'rename' ? editing : null;
  const createLabel = creating?.mode === 'new-folder' ? 'New folder name' : 'New file name';
  const focusable = rows.some(r => r.node.path === focus) ? focus : rows[0]?.node.path;

  if (!shown) {
    return (
      <nav className="file-tree closed" aria-label="File tree">
        <button type="button" className="icon" aria-label="Show files" title="Show the file tree" onClick={() => workspace.setLayout('file-tree', 'open')}>▸</button>
      </nav>
    );
  }
  return (
    <nav className="file-tree" aria-label="File tree">
      <div className="tree-head">
        <span className="grow">Files</span>
        <button type="button" className="icon" aria-label="Create file" title="New file" onClick={() => start({ mode: 'new-file', parent: '' })}>+</button>
        <button type="button" className="icon" aria-label="Create folder" title="New folder" onClick={() => start({ mode: 'new-folder', parent: '' })}>⊞</button>
        <button type="button" className="icon" aria-label="Hide files" title="Hide the file tree" onClick={() => workspace.setLayout('file-tree', 'closed')}>◂</button>
      </div>
      <ul role="tree" aria-label="Module files">
        {creating?.parent === '' && input(1, '', createLabel, creating.mode === 'new-file' ? 'lib/util.ts' : 'lib')}
        {rows.flatMap((row, i) => {
          const { node } = row;
          const renaming = editing?.mode === 'rename' && editing.node.path === node.path;
          return [
            renaming ? input(row.depth, node.name, `Rename ${node.path}`, node.name) : (
              <FileTreeRow key={node.path} row={row} active={node.path === active} focused={node.path === focusable}
                expanded={!collapsed.has(node.path)} edited={edited(node)} isEntry={node.path === entry}
                setRef={el => (el ? refs.current.set(node.path, el) : refs.current.delete(node.path))}
                onKeyDown={onKey(i)}
                onClick={() => (setFocus(node.path), node.kind === 'file' ? workspace.openFile(node.path) : fold(node.path, collapsed.has(node.path)))}
                onNewFile={() => (fold(node.path, true), start({ mode: 'new-file', parent: node.path }))}
                onRename={() => start({ mode: 'rename', node })} onDelete={() => remove(node)} />
            ),
            ...(creating?.parent === node.path && node.kind === 'folder' ? [input(row.depth + 1, '', createLabel, 'name.ts')] : []),
          ];
        })}
      </ul>
    </nav>
  );
}
