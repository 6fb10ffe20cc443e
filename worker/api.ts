/**
 * The engine's whole surface as the page sees it through comlink: about ten
 * verbs taking and returning structured-clone-safe data, and one event
 * stream. It runs unchanged in Node (tests, CLI) and in the Web Worker.
 */
import { proxy } from 'comlink';
import { buildModule, type Diagnostic, type EsbuildApi, type SourceFiles } from './build/build.ts';
import { summarizeModule, type ModuleSummary } from './module/summary.ts';
import { encodeArgs } from './scenario/args.ts';
import { rowsJson } from './scenario/run-scenario.ts';
import type { Micros } from './engine/clock.ts';
import type { Json } from './values/json-codec.ts';
import type { ClientView } from './session/clients.ts';
import type { Input, Journal, JournalEntry } from './session/journal.ts';
import { fail, type Failure, type InputResult } from './session/results.ts';
import { compileModule, loadSession } from './session/load.ts';
import type { Session, SessionEvent } from './session/session.ts';

export type { ClientView, Diagnostic, Input, InputResult, Journal, JournalEntry, ModuleSummary, SourceFiles };
export type { Failure, HostFailure } from './session/results.ts';
export type { TxView } from './session/views.ts';
export type { Json };

export type HostDeps = {
  esbuild: EsbuildApi;
  /** The library prelude (`buildPrelude`), prebuilt: a browser has no node_modules to build it from. */
  prelude: string;
  /** Starts esbuild; the browser's wasm build needs it, Node's starts itself. */
  initialize?: () => Promise<void>;
};

export type HostEvent = SessionEvent;
export type BuildOutput = { ok: true; bytes: number; warnings: Diagnostic[] } | Failure;
export type PublishResult =
  /** `session` identifies this module version's journal entries (it is the publish time). */
  | { ok: true; module: ModuleSummary; session: Micros; warnings: Diagnostic[] }
  | Failure;
export type RowsResult = { ok: true; rows: Json[] } | Failure;

const WARM_UP = { 'index.ts': 'export default 1;\n' };

export function createHost(deps: HostDeps) {
  let session: Session | undefined;
  let ready: Promise<number> | undefined;
  const listeners = new Set<(e: HostEvent) => void>();

  const emit = (e: HostEvent): void => {
    for (const l of listeners) {
      // A listener that throws, or a page that went away (its proxy rejects),
      // loses its subscription; the engine carries on.
      try {
        void Promise.resolve(l(e) as unknown).catch(() => listeners.delete(l));
      } catch {
        listeners.delete(l);
      }
    }
  };

  /** Loads a new session (published now, or rebuilt from `inputs`); on success it replaces the current one. */
  async function open(files: SourceFiles, entry: string, inputs?: Input[]): Promise<PublishResult> {
    const r = await loadSession(deps, files, entry, emit, inputs);
    if (!r.ok) return r;
    session?.close();
    session = r.session;
    return { ok: true, module: summarizeModule(r.session.db.schema), session: r.session.id(), warnings: r.warnings };
  }

  const current = (): Session | Failure =>
    session ?? fail('no-module', 'No module is published yet: publish one first.');

  return {
    /** Starts esbuild and warms it with a throwaway build; resolves to the milliseconds it took. */
    init(): Promise<number> {
      ready ??= (async () => {
        const start = Date.now();
        await deps.initialize?.();
        await buildModule(deps.esbuild, WARM_UP, 'index.ts');
        return Date.now() - start;
      })();
      return ready;
    },
    /** Compiles a module's files without publishing; diagnostics come back as values. */
    async build(files: SourceFiles, entry: string): Promise<BuildOutput> {
      const r = await compileModule(deps.esbuild, files, entry);
      return r.ok ? { ok: true, bytes: r.code.length, warnings: r.warnings } : r;
    },
    /** Compiles and publishes onto a fresh database (the old one is dropped); runs `init`. */
    publish(files: SourceFiles, entry: string): Promise<PublishResult> {
      return open(files, entry);
    },
    /** Rebuilds a session from its journal, replaying inputs at their recorded times, without streaming them. */
    restore(journal: Journal): Promise<PublishResult> {
      return open(journal.files, journal.entry, journal.inputs);
    },
    /** Drops the published module and its data; its schedules stop. */
    reset(): void {
      session?.close();
      session = undefined;
    },
    /** Opens a new connection for client `name` (its identity derives from the name) and runs `clientConnected`. */
    connect(name: string): InputResult {
      const s = current();
      if ('ok' in s) return s;
      if (!name.trim()) return fail('bad-args', 'A client needs a name.');
      return { ok: true, ...s.applyNow({ kind: 'connect', client: name }) };
    },
    /** Closes client `name`'s newest connection and runs `clientDisconnected`. */
    disconnect(name: string): InputResult {
      const s = current();
      if ('ok' in s) return s;
      if (!s.clients.caller(name)) return fail('not-connected', `Client "${name}" has no open connection.`);
      return { ok: true, ...s.applyNow({ kind: 'disconnect', client: name }) };
    },
    /** Calls a reducer with JSON args (array by position or object by name) as a client, or as the owner when `as` is null. */
    callReducer(name: string, argsJson: string, as: string | null = null): InputResult {
      const s = current();
      if ('ok' in s) return s;
      const r = s.db.findReducer(name);
      if (!r) return fail('no-such-reducer', `No reducer named "${name}".`);
      if (as !== null && !s.clients.caller(as)) {
        return fail('not-connected', `Client "${as}" is not connected: connect it first.`);
      }
      let args: Uint8Array;
      try {
        const json: unknown = argsJson.trim() === '' ? [] : JSON.parse(argsJson);
        args = encodeArgs(r.params, r.paramsType, s.db.schema.typespace, json, s.clients.hexOf);
      } catch (e) {
        // Bad JSON or JSON that does not fit the params is the caller's mistake; anything else is a bug.
        if (!(e instanceof SyntaxError || (e instanceof Error && e.name === 'ValueError'))) throw e;
        return fail('bad-args', `Arguments for ${r.name}: ${e.message}`);
      }
      return { ok: true, ...s.applyNow({ kind: 'call', reducer: r.name, args, as }) };
    },
    /** Every row of a table, decoded to JSON (the CLI's value format). */
    rows(table: string): RowsResult {
      const s = current();
      if ('ok' in s) return s;
      const t = s.db.findTable(table);
      if (!t) return fail('no-such-table', `No table named "${table}".`);
      return { ok: true, rows: rowsJson(s.db, t.name, s.db.store.scanTable(t.id)) };
    },
    /** The simulated clients this session has seen, with their open connections. */
    clients(): ClientView[] {
      return session?.clients.list() ?? [];
    },
    /** Streams every transaction and every journal entry; returns an unsubscribe. */
    onEvent(listener: (e: HostEvent) => void): () => void {
      listeners.add(listener);
      return proxy(() => void listeners.delete(listener));
    },
  };
}

export type Host = ReturnType<typeof createHost>;
