/**
 * Saves the project record (files, clients, layout) through the engine a
 * moment after the last change; the engine stores it with the journal.
 */
import type { ClientSpec, ProjectRecord } from '../../worker/api.ts';
import { host } from '../host.ts';
import type { WorkspaceState } from './workspace-types.ts';

const DELAY_MS = 400;

/** The record the engine stores for the page's project, as it is now. */
export function projectRecord(s: WorkspaceState, clients: ClientSpec[]): ProjectRecord {
  return {
    name: s.project,
    files: s.files,
    entry: s.entry,
    ...(s.sample ? { sample: s.sample } : {}),
    clients,
    layout: s.layout,
    updatedAt: Date.now(),
  };
}

export function createPersister(read: () => WorkspaceState, clients: () => ClientSpec[]) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = async () => {
    timer = undefined;
    const s = read();
    if (Object.keys(s.files).length === 0) return;
    const r = await host.saveProject(projectRecord(s, clients()));
    if (r !== undefined && !r.ok) console.warn(`Saving the project failed: ${r.error.message}`);
  };
  window.addEventListener('pagehide', () => timer !== undefined && void save());
  return {
    schedule(): void {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => void save(), DELAY_MS);
    },
    /** Saves a pending change now (before the page navigates to another project). */
    async flush(): Promise<void> {
      if (timer === undefined) return;
      clearTimeout(timer);
      await save();
    },
  };
}
