/**
 * Saves the project record (files, clients, layout) through the engine a
 * moment after the last change; the engine stores it with the journal.
 */
import type { ClientSpec } from '../../worker/api.ts';
import { host } from '../host.ts';
import type { WorkspaceState } from './workspace-types.ts';

const DELAY_MS = 400;

export function createPersister(read: () => WorkspaceState, clients: () => ClientSpec[]) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = async () => {
    timer = undefined;
    const s = read();
    if (Object.keys(s.files).length === 0) return;
    const r = await host.saveProject({
      name: 'default',
      files: s.files,
      entry: s.entry,
      ...(s.sample ? { sample: s.sample } : {}),
      clients: clients(),
      layout: s.layout,
      updatedAt: Date.now(),
    });
    if (r !== undefined && !r.ok) console.warn(`Saving the project failed: ${r.error.message}`);
  };
  window.addEventListener('pagehide', () => timer !== undefined && void save());
  return {
    schedule(): void {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => void save(), DELAY_MS);
    },
  };
}
