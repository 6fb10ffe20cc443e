/**
 * Everything the command palette offers, built from the workspace as it is
 * now: actions, samples, panels, clients and the other stored projects.
 * Each command does what the matching button does.
 */
import { copyShareLink, ejectZip, exportProjectFile, openProject, pickProjectFile } from '../export/actions.ts';
import { DEFAULT_PROJECT } from '../export/choose-project.ts';
import { askDeleteProject, askNewProject, askRenameProject, askResetData, duplicateProject } from '../projects/project-actions.ts';
import { KANBAN_QUERIES, SAMPLES } from '../state/samples.ts';
import { workspace } from '../state/workspace.ts';
import type { WorkspaceState } from '../state/workspace-types.ts';
import { startTour } from '../tour/start.ts';

export type Command = { id: string; group: 'Action' | 'Sample' | 'Panel' | 'Client' | 'Project'; label: string; hint?: string; run(): void };

/** Dock tabs by layout key; `id` is the tab's id in App. */
export const PANELS = [
  { dock: 'right-tab', id: 'tables', label: 'Tables' },
  { dock: 'right-tab', id: 'sql', label: 'SQL' },
  { dock: 'right-tab', id: 'subscriptions', label: 'Subscriptions' },
  { dock: 'right-tab', id: 'reducers', label: 'Reducers' },
  { dock: 'bottom-tab', id: 'clients', label: 'Clients' },
  { dock: 'bottom-tab', id: 'log', label: 'Log' },
  { dock: 'bottom-tab', id: 'problems', label: 'Problems' },
];

const CLIENT_NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];

function addClient(s: WorkspaceState): void {
  const taken = new Set(s.clients.map(c => c.name));
  const name = CLIENT_NAMES.find(n => !taken.has(n)) ?? `client${s.clients.length + 1}`;
  const queries = s.module?.tables.some(t => t.name === 'board') ? KANBAN_QUERIES : (s.module?.tables.filter(t => t.public).map(t => `SELECT * FROM ${t.name}`) ?? []);
  workspace.clients.add({ name, queries, connected: true });
  workspace.setLayout('bottom-tab', 'clients');
}

function openSample(s: WorkspaceState, id: string): void {
  const edited = s.publishedFiles !== null && JSON.stringify(s.publishedFiles) !== JSON.stringify(s.files);
  if (edited && !window.confirm('Open the sample? Your edits that are not published will be replaced.')) return;
  void workspace.loadSample(id);
}

export function buildCommands(s: WorkspaceState): Command[] {
  const out: Command[] = [
    { id: 'publish', group: 'Action', label: 'Publish', hint: 'Ctrl/Cmd+S', run: () => void workspace.publish() },
    { id: 'share', group: 'Action', label: 'Copy share link', hint: 'sources in the URL', run: () => void copyShareLink(true) },
    { id: 'export', group: 'Action', label: 'Export project file', hint: 'sources, data and log', run: () => void exportProjectFile() },
    { id: 'import', group: 'Action', label: 'Import project file…', hint: 'opens as a new project', run: pickProjectFile },
    { id: 'eject', group: 'Action', label: 'Download for spacetime publish', hint: '.zip with client bindings', run: () => void ejectZip() },
    { id: 'tour', group: 'Action', label: 'Take the tour', hint: 'module, tables, clients, timeline', run: startTour },
  ];
  for (const x of SAMPLES) out.push({ id: `sample:${x.id}`, group: 'Sample', label: `Open sample: ${x.title}`, hint: x.description, run: () => openSample(s, x.id) });
  for (const p of PANELS) out.push({ id: `panel:${p.id}`, group: 'Panel', label: `Show ${p.label}`, run: () => workspace.setLayout(p.dock, p.id) });
  if (s.module) out.push({ id: 'client:add', group: 'Client', label: 'Add client', run: () => addClient(s) });
  for (const c of s.clients) {
    const online = c.status !== 'offline';
    out.push({
      id: `client:${c.name}`,
      group: 'Client',
      label: `${online ? 'Disconnect' : 'Connect'} ${c.name}`,
      run: () => (online ? workspace.clients.disconnect(c.name) : workspace.clients.connect(c.name)),
    });
  }
  out.push(
    { id: 'project:new', group: 'Project', label: 'New project…', hint: 'blank module', run: askNewProject },
    { id: 'project:rename', group: 'Project', label: 'Rename project…', run: askRenameProject },
    { id: 'project:duplicate', group: 'Project', label: 'Duplicate project', hint: 'with its data', run: () => void duplicateProject() },
    { id: 'project:delete', group: 'Project', label: 'Delete project…', run: () => askDeleteProject() },
  );
  if (s.publishedFiles) out.push({ id: 'project:reset', group: 'Project', label: 'Reset data…', hint: 'fresh database, same sources', run: askResetData });
  for (const p of s.projects) {
    if (p.name !== s.project) out.push({ id: `project:${p.name}`, group: 'Project', label: `Open project: ${p.name === DEFAULT_PROJECT ? 'My project' : p.name}`, run: () => void openProject(p.name) });
  }
  return out;
}
