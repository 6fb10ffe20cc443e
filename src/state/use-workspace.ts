import { useSyncExternalStore } from 'react';
import { workspace } from './workspace.ts';
import type { WorkspaceState } from './workspace-types.ts';

/** The workspace store as React state (components re-render when it changes). */
export function useWorkspace(): WorkspaceState {
  return useSyncExternalStore(workspace.subscribe, workspace.get);
}
