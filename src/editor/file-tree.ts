/**
 * The file tree's pure parts: folders from the '/'-separated paths of the
 * module's files (plus folders made empty in this session), the rows a tree
 * shows with some folders collapsed, and the checks a new or renamed path
 * must pass before it reaches the workspace.
 */

export type TreeNode =
  | { kind: 'folder'; name: string; path: string; children: TreeNode[] }
  | { kind: 'file'; name: string; path: string };

export type TreeRow = { node: TreeNode; depth: number; parent: string | null };

const order = (entry: string) => (a: TreeNode, b: TreeNode) => {
  if (a.path === entry) return -1;
  if (b.path === entry) return 1;
  if (a.kind !== b.kind) return a.kind === 'folder' ? -1 : 1;
  return a.name.localeCompare(b.name);
};

/** Folders first, then files, by name; the entry file leads the root. */
export function buildTree(paths: string[], entry: string, folders: string[] = []): TreeNode[] {
  const root: TreeNode[] = [];
  const byPath = new Map<string, TreeNode[]>([['', root]]);
  const folder = (path: string): TreeNode[] => {
    const known = byPath.get(path);
    if (known) return known;
    const cut = path.lastIndexOf('/');
    const children: TreeNode[] = [];
    folder(cut < 0 ? '' : path.slice(0, cut)).push({ kind: 'folder', name: path.slice(cut + 1), path, children });
    byPath.set(path, children);
    return children;
  };
  for (const f of folders) folder(f);
  for (const p of paths) {
    const cut = p.lastIndexOf('/');
    folder(cut < 0 ? '' : p.slice(0, cut)).push({ kind: 'file', name: p.slice(cut + 1), path: p });
  }
  const sort = (nodes: TreeNode[]) => {
    nodes.sort(order(entry));
    for (const n of nodes) if (n.kind === 'folder') sort(n.children);
  };
  sort(root);
  return root;
}

/** The rows on screen, depth-first, skipping what collapsed folders hold. */
export function visibleRows(tree: TreeNode[], collapsed: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (nodes: TreeNode[], depth: number, parent: string | null) => {
    for (const node of nodes) {
      rows.push({ node, depth, parent });
      if (node.kind === 'folder' && !collapsed.has(node.path)) walk(node.children, depth + 1, node.path);
    }
  };
  walk(tree, 1, null);
  return rows;
}

const SEGMENT = /^[\w.-]+$/;

/** Why `path` can't be a new file (or folder) name, or null when it can. `taken` holds paths already in use. */
export function pathProblem(path: string, taken: ReadonlySet<string>, kind: 'file' | 'folder'): string | null {
  if (!path) return 'Write a name.';
  const parts = path.split('/');
  if (parts.some(s => !s)) return 'A path has no empty parts: no leading, trailing or double slash.';
  if (parts.some(s => !SEGMENT.test(s))) return 'Use letters, digits, dots, dashes and underscores, with / between folders.';
  if (parts.some(s => s === '.' || s === '..')) return 'A path can’t step out of the module with . or ..';
  if (kind === 'file' && !path.endsWith('.ts')) return 'A module file name ends in .ts.';
  if (taken.has(path)) return `${path} already exists.`;
  return null;
}

/** `from` → `to` for every file a folder rename moves (a file rename moves just itself). */
export function renames(files: string[], from: string, to: string, kind: 'file' | 'folder'): [string, string][] {
  if (kind === 'file') return [[from, to]];
  return files.filter(f => f.startsWith(`${from}/`)).map(f => [f, `${to}${f.slice(from.length)}`]);
}

/** Every folder on the way to each path (`a/b/c.ts` → `a`, `a/b`). */
export function foldersOf(paths: string[]): Set<string> {
  const out = new Set<string>();
  for (const p of paths) for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) out.add(p.slice(0, i));
  return out;
}
