/**
 * New, rename, duplicate, delete and reset data, as the project menu and
 * the command palette run them. Each asks first (a name, or a confirmation
 * saying what is lost), then goes through the engine; renaming or deleting
 * the open project, and opening a new one, loads a fresh page.
 */
import { useSyncExternalStore } from 'react';
import type { Failure, ProjectInfo } from '../../worker/api.ts';
import { DEFAULT_PROJECT, goToProject } from '../export/choose-project.ts';
import { feedback } from '../export/FeedbackBar.tsx';
import { host } from '../host.ts';
import { useWorkspace } from '../state/use-workspace.ts';
import { workspace } from '../state/workspace.ts';
import { projectPrompt } from './prompt.ts';

type Done = { ok: true; name: string; projects: ProjectInfo[] } | Failure;

/** The stored projects as last listed here; null until a project action listed them again. */
let listed: ProjectInfo[] | null = null;
const listeners = new Set<() => void>();
const setListed = (projects: ProjectInfo[]): void => {
  listed = projects;
  listeners.forEach(l => l());
};
const subscribe = (l: () => void) => (listeners.add(l), () => void listeners.delete(l));

/** Every stored project, most recently saved first (kept fresh after duplicate and delete). */
export function useProjects(): ProjectInfo[] {
  const { projects } = useWorkspace();
  return useSyncExternalStore(subscribe, () => listed) ?? projects;
}

export async function refreshProjects(): Promise<void> {
  const r = await host.listProjects();
  if (Array.isArray(r)) setListed(r);
}

/** How a project is shown: the first one (stored as "default") is named after its sample. */
export function displayName(name: string): string {
  // The first project keeps one label whatever sample it holds: a project imported or shared from it is named after the sample.
  return name === DEFAULT_PROJECT ? 'My project' : name;
}

/** Saves the page's pending edits, then runs `verb`; a failure comes back as its message. */
async function run(verb: () => Promise<Done>, then: (r: Done & { ok: true }) => void): Promise<string | undefined> {
  await workspace.flushSave();
  const r = await verb();
  if (!r.ok) return r.error.message;
  setListed(r.projects);
  then(r);
  return undefined;
}

/** Opens a page without `?project`, so the most recent project (or, with none, the first-visit sample) opens. */
const goToMostRecent = (): void => window.location.assign(window.location.pathname);

export function askNewProject(): void {
  projectPrompt.ask({
    title: 'New project',
    body: 'A blank module with one table, in a project of its own; the open project stays as it is.',
    name: { label: 'Project name', initial: '' },
    confirm: 'Create project',
    submit: name => run(() => host.call<Done>(api => api.newProject(name)), r => goToProject(r.name)),
  });
}

export function askRenameProject(): void {
  const { project } = workspace.get();
  projectPrompt.ask({
    title: `Rename "${displayName(project)}"`,
    body: 'Its sources, data, clients and log move with it; the page reopens it under the new name.',
    name: { label: 'New name', initial: displayName(project) },
    confirm: 'Rename',
    submit: name => run(() => host.call<Done>(api => api.renameProject(project, name)), r => goToProject(r.name)),
  });
}

export async function duplicateProject(): Promise<void> {
  const { project } = workspace.get();
  const error = await run(() => host.call<Done>(api => api.duplicateProject(project, displayName(project))), r => {
    feedback.show({ tone: 'info', text: `Duplicated as "${r.name}", with its data, clients and log. This project stays open.`, action: { label: `Open ${r.name}`, run: () => goToProject(r.name) } });
  });
  if (error) feedback.show({ tone: 'error', text: error });
}

export function askDeleteProject(name = workspace.get().project): void {
  const open = name === workspace.get().project;
  const shown = displayName(name);
  projectPrompt.ask({
    title: `Delete "${shown}"?`,
    body: `This deletes "${shown}" from this browser: its sources, its data, its clients, its log and timelines. It cannot be undone: to keep a copy, export it first (Export → Export project file).${open ? ' The most recent other project opens afterwards.' : ''}`,
    confirm: 'Delete project',
    danger: true,
    submit: () =>
      run(() => host.call<Done>(api => api.deleteProject(name)), r => {
        if (open) return goToMostRecent();
        feedback.show({ tone: 'info', text: `Deleted "${shown}".` });
        void r;
      }),
  });
}

export function askResetData(): void {
  const s = workspace.get();
  if (!s.publishedFiles) return feedback.show({ tone: 'warn', text: 'This project has no published module yet, so it has no data to reset: publish it first.' });
  projectPrompt.ask({
    title: `Reset the data of "${displayName(s.project)}"?`,
    body: 'The published module starts over on a fresh database: every row, the log and the timelines are deleted, and init runs again. Your sources and clients stay as they are.',
    confirm: 'Reset data',
    danger: true,
    async submit() {
      const ok = await workspace.resetData();
      if (!ok) return 'The data could not be reset: see the publish status for why.';
      feedback.show({ tone: 'info', text: 'The data was reset: the module runs on a fresh database.' });
      return undefined;
    },
  });
}
