import { useState, type KeyboardEvent } from 'react';
import type { TreeRow } from './file-tree.ts';

type RowProps = {
  row: TreeRow;
  active: boolean;
  focused: boolean;
  expanded: boolean;
  edited: boolean;
  isEntry: boolean;
  setRef(el: HTMLLIElement | null): void;
  onKeyDown(e: KeyboardEvent<HTMLLIElement>): void;
  onClick(): void;
  onNewFile(): void;
  onRename(): void;
  onDelete(): void;
};

/** One tree item: a file or folder, its edited dot, and its actions (also reachable by keyboard: F2, Delete). */
export function FileTreeRow({ row: { node, depth }, active, focused, expanded, edited, isEntry, setRef, onKeyDown, onClick, onNewFile, onRename, onDelete }: RowProps) {
  const folder = node.kind === 'folder';
  return (
    <li role="treeitem" ref={setRef} aria-level={depth} aria-selected={active} aria-expanded={folder ? expanded : undefined}
      aria-label={node.name} tabIndex={focused ? 0 : -1} className={`tree-row ${active ? 'active' : ''}`}
      style={{ paddingLeft: `${(depth - 1) * 12 + 4}px` }} onKeyDown={onKeyDown} onClick={onClick} data-path={node.path}>
      <span className="tree-icon" aria-hidden="true">{folder ? (expanded ? '▾' : '▸') : ''}</span>
      <span className="tree-name">{node.name}</span>
      {edited && <span className="edited" title="Edited since the last publish" aria-label="edited">●</span>}
      <span className="tree-actions">
        {folder && <button type="button" tabIndex={-1} className="icon" aria-label={`New file in ${node.path}`} title="New file here" onClick={e => (e.stopPropagation(), onNewFile())}>+</button>}
        {!isEntry && <button type="button" tabIndex={-1} className="icon" aria-label={`Rename ${node.path}`} title="Rename (F2)" onClick={e => (e.stopPropagation(), onRename())}>✎</button>}
        {!isEntry && <button type="button" tabIndex={-1} className="icon" aria-label={`Delete ${node.path}`} title="Delete (Del)" onClick={e => (e.stopPropagation(), onDelete())}>×</button>}
      </span>
    </li>
  );
}

type NameProps = { depth: number; initial: string; label: string; placeholder: string; problem: string | null; onCommit(name: string): void; onCancel(): void };

/** The inline name field for a new file or folder, or a rename: Enter commits, Escape cancels. */
export function TreeNameInput({ depth, initial, label, placeholder, problem, onCommit, onCancel }: NameProps) {
  const [value, setValue] = useState(initial);
  return (
    <li role="none" className="tree-edit" style={{ paddingLeft: `${(depth - 1) * 12 + 16}px` }}>
      <input autoFocus aria-label={label} placeholder={placeholder} value={value} aria-invalid={problem !== null}
        onChange={e => setValue(e.target.value)} onBlur={onCancel}
        onFocus={e => e.target.setSelectionRange(0, initial.lastIndexOf('.') > 0 ? initial.lastIndexOf('.') : initial.length)}
        onKeyDown={e => {
          e.stopPropagation();
          if (e.key === 'Enter') onCommit(value.trim());
          else if (e.key === 'Escape') onCancel();
        }} />
      {problem && <div role="alert" className="tree-problem">{problem}</div>}
    </li>
  );
}
