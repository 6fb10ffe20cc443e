/**
 * The project menu in the top bar: every stored project (most recently
 * saved first; choosing one opens it) and the actions on the open one.
 * It also puts the engine's storage notices (storage full, saving works
 * again) in the message bar, since they concern everything unsaved.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { exportProjectFile, openProject } from '../export/actions.ts';
import { feedback } from '../export/FeedbackBar.tsx';
import { host } from '../host.ts';
import { useWorkspace } from '../state/use-workspace.ts';
import { askDeleteProject, askNewProject, askRenameProject, askResetData, displayName, duplicateProject, refreshProjects, useProjects } from './project-actions.ts';
import { ProjectDialog } from './ProjectDialog.tsx';
import './projects.css';

const ago = (ms: number): string => {
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return new Date(ms).toLocaleDateString();
};

export function ProjectMenu() {
  const { project, publishedFiles } = useWorkspace();
  const projects = useProjects();
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => host.onEvent(e => {
    if (e.type !== 'notice' || e.topic !== 'storage') return;
    const action = e.tone === 'warn' ? { label: 'Export project file', run: () => void exportProjectFile() } : undefined;
    feedback.show({ tone: e.tone, text: e.message, ...(action ? { action } : {}) });
  }), []);
  useEffect(() => {
    if (!open) return;
    void refreshProjects();
    const away = (e: PointerEvent) => !anchor.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  const onKey = (e: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role^=menuitem]:not(:disabled)') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      setOpen(false);
      anchor.current?.querySelector('button')?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      items[e.key === 'Home' ? 0 : items.length - 1]?.focus();
    }
  };
  const choose = (run: () => void) => () => {
    setOpen(false);
    run();
  };
  const others = projects.filter(p => p.name !== project);
  const current = projects.find(p => p.name === project);

  return (
    <div ref={anchor} className="popover-anchor">
      <button type="button" className="secondary" aria-haspopup="menu" aria-expanded={open} aria-label="Project menu" onClick={() => setOpen(!open)}>
        Project ▾
      </button>
      {open && (
        <div ref={menu} role="menu" aria-label="Project" className="popover menu project-menu" onKeyDown={onKey}>
          <div className="menu-heading" aria-hidden="true">Projects in this browser</div>
          <button type="button" role="menuitemradio" aria-checked="true" autoFocus onClick={choose(() => {})}>
            <span className="project-item-name"><span className="check" aria-hidden="true">✓</span>{displayName(project)}</span>
            <span className="muted small">{current ? ago(current.updatedAt) : 'open'}</span>
          </button>
          {others.map(p => (
            <button key={p.name} type="button" role="menuitemradio" aria-checked="false" onClick={choose(() => void openProject(p.name))}>
              <span className="project-item-name"><span className="check" aria-hidden="true" />{displayName(p.name)}</span>
              <span className="muted small">{ago(p.updatedAt)}</span>
            </button>
          ))}
          <div role="separator" />
          <button type="button" role="menuitem" onClick={choose(askNewProject)}>New project… <span className="muted small">blank module</span></button>
          <button type="button" role="menuitem" onClick={choose(askRenameProject)}>Rename…</button>
          <button type="button" role="menuitem" onClick={choose(() => void duplicateProject())}>Duplicate <span className="muted small">with its data</span></button>
          <button type="button" role="menuitem" disabled={!publishedFiles} onClick={choose(askResetData)}>Reset data… <span className="muted small">fresh database</span></button>
          <div role="separator" />
          <button type="button" role="menuitem" className="menu-danger" onClick={choose(() => askDeleteProject())}>Delete…</button>
        </div>
      )}
      <ProjectDialog />
    </div>
  );
}
