/**
 * The engine's time-travel verbs, through the supervisor (`host`) like
 * every other request. A switch or a fork rebuilds the engine's session,
 * so the supervisor's journal is rebased on what it replayed: an engine
 * restart then comes back on the same timeline.
 */
import type { ClientSpec, Failure, PublishResult, RowRef, SourceFiles, SwitchResult } from '../../worker/api.ts';
import { host } from '../host.ts';

async function rebased(r: SwitchResult<PublishResult> | Failure) {
  if (r.ok) await host.rebase(r.journal, r.published.session);
  return r;
}

export const timelineHost = {
  history: (from: number) => host.call(async api => api.history(from)),
  entry: (position: number, clients: ClientSpec[]) => host.call(async api => api.historyEntry(position, clients)),
  rowHistory: (table: string, row: RowRef, limit: number) => host.call(async api => api.rowHistory(table, row, { limit })),
  tablesAt: (position: number) => host.call(async api => api.tablesAt(position)),
  rowsAt: (position: number, table: string, limit?: number) => host.call(async api => api.rowsAt(position, table, limit)),
  sqlAt: (position: number, text: string, as: string | null) => host.call(async api => api.sqlAt(position, text, as)),
  clientsAt: (position: number, clients: ClientSpec[]) => host.call(async api => api.clientsAt(position, clients)),
  replay: (files: SourceFiles, entry: string) => host.call(async api => api.replay(files, entry), 'module', 'Replaying history…'),
  timelines: () => host.call(async api => api.timelines()),
  fork: (position: number) => host.call(async api => api.fork(position), 'module', 'Forking the timeline…').then(rebased),
  switchTo: (name: string) => host.call(async api => api.switchTimeline(name), 'module', 'Switching timeline…').then(rebased),
  exportHistory: () => host.call(async api => api.exportHistory()),
  importHistory: (text: string) => host.call(async api => api.importHistory(text)),
};
