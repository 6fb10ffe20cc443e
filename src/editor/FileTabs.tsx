/**
 * Above the editor: the file tree (FileTree.tsx) beside one tab per module
 * file. The entry file's tab comes first and can't be closed; files are
 * created, renamed and deleted in the tree.
 */
import { useWorkspace } from '../state/use-workspace.ts';
import { workspace } from '../state/workspace.ts';
import { FileTree } from './FileTree.tsx';

export function FileTabs() {
  const { files, active, entry, publishedFiles } = useWorkspace();
  const names = Object.keys(files).sort((a, b) => (a === entry ? -1 : b === entry ? 1 : a.localeCompare(b)));
  return (
    <>
      <FileTree />
      <div className="file-tabs" role="tablist" aria-label="Files">
        {names.map(name => {
          const edited = publishedFiles !== null && publishedFiles[name] !== files[name];
          return (
            <div key={name} className={`file-tab ${name === active ? 'active' : ''}`}>
              <button type="button" role="tab" aria-selected={name === active} onClick={() => workspace.openFile(name)}>
                {name}
                {edited && <span className="edited" title="Edited since the last publish" aria-label="edited"> ●</span>}
              </button>
              {name !== entry && (
                <button type="button" className="close" aria-label={`Close ${name}`} onClick={() => window.confirm(`Delete ${name}?`) && workspace.removeFile(name)}>
                  ×
                </button>
              )}
            </div>
          );
        })}
      </div>
    </>
  );
}
