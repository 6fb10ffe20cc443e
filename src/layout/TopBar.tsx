import { projectTitle } from '../export/actions.ts';
import { ExportMenu } from '../export/ExportMenu.tsx';
import { FeedbackBar } from '../export/FeedbackBar.tsx';
import { ProjectSelect } from '../export/ProjectSelect.tsx';
import { ShareButton } from '../export/ShareButton.tsx';
import { openPalette, PALETTE_KEYS } from '../palette/CommandPalette.tsx';
import { RunningStatus } from '../progress/RunningStatus.tsx';
import { SAMPLES } from '../state/samples.ts';
import { useWorkspace } from '../state/use-workspace.ts';
import { workspace } from '../state/workspace.ts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const PUBLISH_KEYS = isMac ? '⌘S' : 'Ctrl+S';

/** Project, samples, Publish with its status, Share, Export, and the command palette. */
export function TopBar() {
  const s = useWorkspace();
  const edited = s.publishedFiles !== null && JSON.stringify(s.publishedFiles) !== JSON.stringify(s.files);
  const problems = s.tsProblems.filter(p => p.severity === 'error').length;
  const status =
    s.status.tone === 'ok' && problems > 0
      ? { tone: 'warn', text: `${edited ? 'Edited' : s.status.text} · ${problems} type error${problems === 1 ? '' : 's'}` }
      : s.status.tone === 'ok' && edited
        ? { tone: 'idle', text: 'Edited · not published' }
        : s.status;

  const openSample = (id: string) => {
    if (!id) return;
    if (edited && !window.confirm('Open the sample? Your edits that are not published will be replaced.')) return;
    void workspace.loadSample(id);
  };

  return (
    <header className="topbar">
      <div className="brand" aria-hidden="true">◆</div>
      <h1 className="project">
        <span className="visually-hidden">{projectTitle('Untitled module')} · </span>
        <span className="muted">Spacetime Playground</span>
      </h1>
      <ProjectSelect />
      <label className="samples">
        <span className="visually-hidden">Samples</span>
        <select value="" onChange={e => openSample(e.target.value)} aria-label="Samples">
          <option value="">Samples…</option>
          {SAMPLES.map(x => (
            <option key={x.id} value={x.id} title={x.description}>
              {x.title}
            </option>
          ))}
        </select>
      </label>
      <div className="grow" />
      <RunningStatus />
      <div role="status" aria-label="Publish status" className={`pill ${status.tone}`}>
        {s.status.tone === 'busy' && <span className="spinner" aria-hidden="true" />}
        {status.text}
      </div>
      <button type="button" className="primary" onClick={() => void workspace.publish()} disabled={s.status.tone === 'busy'} aria-keyshortcuts={isMac ? 'Meta+S' : 'Control+S'}>
        Publish <kbd>{PUBLISH_KEYS}</kbd>
      </button>
      <ShareButton />
      <ExportMenu />
      <button type="button" className="secondary" onClick={openPalette} aria-label="Command palette" aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}>
        <kbd>{PALETTE_KEYS}</kbd>
      </button>
      <FeedbackBar />
    </header>
  );
}
