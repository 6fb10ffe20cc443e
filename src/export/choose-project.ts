/**
 * Which project the page opens at boot: the one a share link carries
 * (stored first as a NEW project, under a name the engine picks), else
 * `?project=<name>`, else the most recently saved. The address then names
 * the project and loses the share fragment, so a reload reopens the same
 * project instead of making another copy.
 */
import type { ProjectInfo } from '../../worker/api.ts';
import { host } from '../host.ts';
import { readShare } from '../share.ts';
import type { Feedback } from './FeedbackBar.tsx';

export const DEFAULT_PROJECT = 'default';

export type Chosen = {
  name: string;
  projects: ProjectInfo[];
  /** The project was just made from a share link (not published yet). */
  shared: boolean;
  /** What to tell the user: a bad share link, a missing project. */
  message: Feedback | null;
};

export function projectUrl(name: string): string {
  return `${window.location.pathname}?project=${encodeURIComponent(name)}`;
}

async function listProjects(): Promise<ProjectInfo[]> {
  const r = await host.listProjects();
  return Array.isArray(r) ? r : [];
}

export async function chooseProject(): Promise<Chosen> {
  const share = readShare(window.location);
  let message: Feedback | null = null;
  if (share) history.replaceState(null, '', window.location.pathname + window.location.search);
  if (share?.ok) {
    const r = await host.createProject(share.value);
    if (r.ok) {
      history.replaceState(null, '', projectUrl(r.name));
      const text = `Opened the shared module as a new project, "${r.name}". Its code has not run yet: read it, then Publish.`;
      return { name: r.name, projects: await listProjects(), shared: true, message: { tone: 'warn', text } };
    }
    message = { tone: 'error', text: `${r.error.message} Nothing was opened; your projects are unchanged.` };
  } else if (share) message = { tone: 'error', text: share.error };

  const projects = await listProjects();
  const asked = new URLSearchParams(window.location.search).get('project');
  if (asked !== null && projects.some(p => p.name === asked)) return { name: asked, projects, shared: false, message };
  if (asked !== null) message ??= { tone: 'warn', text: `This browser has no project "${asked}"; the most recent one opened instead.` };
  return { name: projects[0]?.name ?? DEFAULT_PROJECT, projects, shared: false, message };
}

/** Opens another stored project: a fresh page, so no state of this one lingers. */
export function goToProject(name: string): void {
  window.location.assign(projectUrl(name));
}
