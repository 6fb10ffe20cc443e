import { useWorkspace } from '../state/use-workspace.ts';
import { workspace } from '../state/workspace.ts';

const VALID = /^[\w.-]+(\/[\w.-]+)*\.ts$/;

/** One tab per module file; the entry file comes first and can't be closed. */
export function FileTabs() {
  const { files, active, entry, publishedFiles } = useWorkspace();
  const names = Object.keys(files).sort((a, b) => (a === entry ? -1 : b === entry ? 1 : a.localeCompare(b)));
  const add = () => {
    const name = window.prompt('New file name (for example util.ts):', 'util.ts')?.trim();
    if (!name) return;
    if (!VALID.test(name)) return void window.alert('A file name ends in .ts and uses letters, digits, dots, dashes and slashes.');
    workspace.addFile(name);
  };
  return (
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
      <button type="button" className="file-add" aria-label="New file" onClick={add}>
        +
      </button>
    </div>
  );
}
