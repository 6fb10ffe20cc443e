/**
 * The types of the engine's surface (worker/api.ts): what a host is created
 * with, the events it streams, and what publishing and opening answer.
 */
import type { Diagnostic, EsbuildApi } from './build/build.ts';
import type { Prebuilt } from './build/prebuilt.ts';
import type { Micros } from './engine/clock.ts';
import type { ModuleSummary } from './module/summary.ts';
import type { DerivedCache } from './session/bindings.ts';
import type { ReducerForm } from './session/field-types.ts';
import type { Journal } from './session/journal.ts';
import type { ProjectRecord, ProjectStore } from './session/project-store.ts';
import type { Failure } from './session/results.ts';
import type { SessionEvent } from './session/session.ts';
import type { HistoryStorage } from './storage/types.ts';

export type HostDeps = {
  esbuild: EsbuildApi;
  /** The library prelude (`buildPrelude`), prebuilt: a browser has no node_modules to build it from. */
  prelude: string;
  /** Starts esbuild; the browser's wasm build needs it, Node's starts itself. */
  initialize?: () => Promise<void>;
  /** Where projects and their journals persist; without one, nothing outlives the host. */
  projects?: ProjectStore;
  /** Where derived artifacts (built client bindings) are kept across reloads; none when absent. */
  derived?: DerivedCache;
  /** Modules and bindings compiled ahead of time (the samples), used before esbuild is asked. */
  prebuilt?: Prebuilt;
  /** Where the live database's history (its timelines) persists; memory when absent. */
  histories?: HistoryStorage;
};

/** `topic: 'storage'`: about saving to this browser (storage full, saving works again). */
export type HostEvent =
  | SessionEvent
  | { type: 'notice'; tone: 'info' | 'warn'; message: string; topic?: 'storage' }
  /** A journal replay (restoring a project or a restarted engine) has run `done` of `total` inputs; at most ~10 a second. */
  | { type: 'progress'; task: 'replay'; done: number; total: number };
export type BuildOutput = { ok: true; bytes: number; warnings: Diagnostic[] } | Failure;
export type PublishResult =
  /** `session` identifies this module version's journal entries (it is the publish time). */
  | {
      ok: true;
      module: ModuleSummary;
      forms: ReducerForm[];
      session: Micros;
      warnings: Diagnostic[];
      /** Set when the publish kept the running database's data: rows carried, what changed, whether clients must reconnect. */
      kept?: { rows: number; steps: string[]; reconnect: boolean };
    }
  | Failure;
export type OpenProjectResult = {
  /** The stored record; undefined for a project never saved. */
  project: ProjectRecord | undefined;
  /** The journal the engine replayed to rebuild the project's published version, with that version. */
  restored: { journal: Journal; published: PublishResult & { ok: true } } | undefined;
};
