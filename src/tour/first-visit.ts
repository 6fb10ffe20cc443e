/**
 * Tells a real first visit from a returning one by watching the workspace
 * store, without changes to it: on a first visit the Kanban sample is
 * published ("Published in … ms") before any client exists, then alice and
 * bob connect. A restored project shows "Restored from this browser" and
 * brings its clients along; a stored but unpublished one (a share link, a
 * new project) says "Not published yet" first. The status strings come from
 * src/state/workspace.ts: if they change there, this stops starting the tour
 * rather than starting it wrongly.
 */
import type { WorkspaceState } from '../state/workspace-types.ts';

export type BootKind = 'pending' | 'first-visit' | 'returning';

/** What the store says about this page load so far; call it on each change until it stops being 'pending'. */
export function classifyBoot(s: Pick<WorkspaceState, 'module' | 'status' | 'clients'>): BootKind {
  if (s.module === null) {
    // Starting, loading the sample, compiling: still undecided. Any settled state without a module is not a first visit.
    return s.status.tone === 'busy' ? 'pending' : 'returning';
  }
  return /^Published in \d+ ms$/.test(s.status.text) && s.clients.length === 0 ? 'first-visit' : 'returning';
}

/** The first visit has finished setting up: alice and bob are both online. */
export function firstVisitReady(s: Pick<WorkspaceState, 'clients'>): boolean {
  const online = (name: string) => s.clients.some(c => c.name === name && c.status === 'online');
  return online('alice') && online('bob');
}
