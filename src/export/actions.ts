/**
 * Share, export, import and eject, as the top bar and the command palette
 * run them. Each ends in a `feedback` message: what happened, or what went
 * wrong and what to do; none of them changes the open project.
 */
import { host } from '../host.ts';
import { shareUrl } from '../share.ts';
import { SAMPLES } from '../state/samples.ts';
import { workspace } from '../state/workspace.ts';
import { DEFAULT_PROJECT, goToProject } from './choose-project.ts';
import { feedback } from './FeedbackBar.tsx';

const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** Past this, some browsers and chat apps cut a link short. */
const LONG_LINK = 32_000;

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'project';
const error = (text: string) => feedback.show({ tone: 'error', text });

/** The open project's name as people see it: the first project is named after its sample. */
export function projectTitle(fallback: string): string {
  const { project, sample } = workspace.get();
  return project !== DEFAULT_PROJECT ? project : (SAMPLES.find(s => s.id === sample)?.title ?? fallback);
}

/** The share link of the open project's sources (drafts included). */
export function currentShareUrl(): string {
  const { files, entry } = workspace.get();
  return shareUrl(window.location, { name: projectTitle('Shared module'), files, entry });
}

export type CopiedLink = { url: string; copied: boolean; text: string };

/** Copies the share link; `announce` also shows the outcome as feedback (the palette has no popover). */
export async function copyShareLink(announce: boolean): Promise<CopiedLink> {
  const url = currentShareUrl();
  const long = url.length > LONG_LINK ? ` It is long (${Math.round(url.length / 1000)}k characters): for a big project, send a project file instead.` : '';
  let copied = true;
  try {
    await navigator.clipboard.writeText(url);
  } catch {
    copied = false;
  }
  const text = copied
    ? `Share link copied. Whoever opens it gets a copy of these sources as a new project; data and clients stay here.${long}`
    : `The browser did not let the page copy: select the link and copy it yourself.${long}`;
  if (announce) feedback.show({ tone: copied && !long ? 'info' : 'warn', text });
  return { url, copied, text };
}

export async function exportProjectFile(): Promise<void> {
  const title = projectTitle('My project');
  const r = await host.exportProject(workspace.record(), title);
  if (!r.ok) return error(`The project could not be exported: ${r.error.message}`);
  download(`${slug(title)}.spacetime.json`, r.text, 'application/json');
  feedback.show({ tone: 'info', text: 'Exported the project file: sources, clients, and the journal that rebuilds its data and log.' });
}

export async function importProjectFile(file: File): Promise<void> {
  if (file.size > MAX_IMPORT_BYTES) return error(`"${file.name}" is ${Math.round(file.size / 1024 / 1024)} MB, larger than a project file can be (64 MB). Nothing was imported.`);
  let text: string;
  try {
    text = await file.text();
  } catch {
    return error(`"${file.name}" could not be read. Nothing was imported.`);
  }
  const r = await host.importProject(text);
  if (!r.ok) return error(r.error.message);
  await workspace.flushSave();
  if (!r.warning) return goToProject(r.name);
  feedback.show({ tone: 'warn', text: `Imported as the new project "${r.name}". ${r.warning}`, action: { label: `Open ${r.name}`, run: () => goToProject(r.name) } });
}

/** Asks for a project file (the browser's file chooser), then imports it. Call it from a click or key press. */
export function pickProjectFile(): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.json,application/json';
  input.addEventListener('change', () => {
    const f = input.files?.[0];
    if (f) void importProjectFile(f);
  });
  input.click();
}

export async function ejectZip(): Promise<void> {
  const { files, entry } = workspace.get();
  feedback.show({ tone: 'info', text: 'Building the zip…' });
  const r = await host.eject(projectTitle('spacetime-module'), files, entry);
  if (!r.ok) return error(`The zip could not be built: ${r.error.message}`);
  download(r.fileName, r.zip, 'application/zip');
  feedback.show({ tone: 'info', text: `Downloaded ${r.fileName}: unzip it, run npm install, then spacetime publish. Client bindings are in module_bindings/.` });
}

export async function openProject(name: string): Promise<void> {
  await workspace.flushSave();
  goToProject(name);
}

/** Saves bytes or text as a file through the browser's download, as a link with `download` would. */
function download(fileName: string, data: Uint8Array | string, type: string): void {
  const body = typeof data === 'string' ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL by now; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
