/**
 * The engine's whole surface as the page sees it through comlink: verbs
 * taking and returning structured-clone-safe data, and one event stream.
 * It runs unchanged in Node (tests, CLI) and in the Web Worker.
 */
import { proxy } from 'comlink';
import type { BuildOutput, HostDeps, HostEvent, OpenProjectResult, PublishResult } from './host-types.ts';
import { buildModule, type Diagnostic, type SourceFiles } from './build/build.ts';
import { summarizeModule, type ModuleSummary } from './module/summary.ts';
import type { Json } from './values/json-codec.ts';
import { createBindingsBuilder, type BindingsResult, type DerivedCache } from './session/bindings.ts';
import type { ClientView } from './session/clients.ts';
import { reducerForms, type FieldType, type ReducerForm } from './session/field-types.ts';
import type { Input, Journal, JournalEntry } from './session/journal.ts';
import type { LiveResult } from './session/live-queries.ts';
import { attachPort, type AttachOptions, type PortLike } from './session/port-socket.ts';
import { callReducer, readRows, runSql, tableCounts, type RowsResult, type SqlResult, type TableCount } from './session/requests.ts';
import { fail, type Failure, type InputResult } from './session/results.ts';
import { compileModule, loadSession } from './session/load.ts';
import { migrationBase } from './session/migration.ts';
import type { ModuleSchema } from './module/schema-types.ts';
import type { ClientSpec, ProjectRecord } from './session/project-store.ts';
import { createProjects } from './session/projects.ts';
import { createProjectVerbs } from './session/project-verbs.ts';
import type { Session } from './session/session.ts';
import { createHistoryVerbs } from './session/history-api.ts';
import { createLiveHistory } from './session/history.ts';
import { createMemoryStorage } from './storage/memory.ts';
import { createProjectIo, type Created, type NewProject } from './export/project-io.ts';

export type { BindingsResult, ClientView, Diagnostic, FieldType, Input, InputResult, Journal, JournalEntry, ModuleSummary, ReducerForm, SourceFiles };
export type { AttachOptions, ClientSpec, LiveResult, PortLike, ProjectRecord, RowsResult, SqlResult, TableCount };
export type { Failure, HostFailure } from './session/results.ts';
export type { LiveEvent, LiveRows } from './session/live-queries.ts';
export type { PortMessage } from './session/port-socket.ts';
export type { TxView } from './session/views.ts';
export type { Json };
export type { HistorySummary, ReplayOutcome, SwitchResult, TimelineSummary } from './session/history-api.ts';
export type { Delivery, PastClient, PastQuery } from './session/history-past.ts';
export type { EntryDetail, HistoryPoint, RowChange } from './session/history-views.ts';
export type { RowHistory, RowHistoryEntry, RowRef } from './session/row-history.ts';
export type { DivergenceView, EntryView, ReplayReport } from './history/report.ts';
export type { Created, NewProject };
export type { ProjectInfo } from './session/project-store.ts';

export type { BuildOutput, HostDeps, HostEvent, OpenProjectResult, PublishResult } from './host-types.ts';

const WARM_UP = { 'index.ts': 'export default 1;\n' };

export function createHost(deps: HostDeps) {
  let session: Session | undefined;
  let ready: Promise<number> | undefined;
  let bindings: { session: Session; result: Promise<BindingsResult> } | undefined;
  const prebuiltDerived = deps.prebuilt?.derived ?? {};
  const derived: DerivedCache | undefined = deps.prebuilt
    ? { get: async key => prebuiltDerived[key] ?? deps.derived?.get(key), put: async (key, value) => deps.derived?.put(key, value) }
    : deps.derived;
  const buildBindingsFor = createBindingsBuilder(deps.esbuild, derived);
  const listeners = new Set<(e: HostEvent) => void>();

  const emit = (e: HostEvent): void => {
    if (e.type === 'input') projects.input(e.entry);
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

  const projects = createProjects(deps.projects, deps.histories ?? createMemoryStorage(), n => emit({ type: 'notice', ...n }));
  const io = createProjectIo(deps, deps.projects, projects.flush);

  /**
   * Loads a new session (published now, or rebuilt from `inputs`); on
   * success it replaces the current one and, unless it came from storage,
   * becomes the project's stored journal.
   */
  async function open(files: SourceFiles, entry: string, inputs?: Input[], stored = false, timeline?: string, keep = false): Promise<PublishResult> {
    const old = keep ? session : undefined;
    let kept: { rows: number; steps: string[]; reconnect: boolean } | undefined;
    const carry = old && ((next: ModuleSchema) => {
      const r = migrationBase(old, next);
      if (r.ok) kept = { rows: r.rows, steps: r.steps, reconnect: r.reconnect };
      return r;
    });
    const r = await loadSession(deps, files, entry, emit, inputs, carry, (done, total) => emit({ type: 'progress', task: 'replay', done, total }));
    if (!r.ok) return r;
    history.detach();
    session?.close();
    session = r.session;
    const id = r.session.id();
    const journal = { files, entry, inputs: inputs ?? [r.published ?? { kind: 'publish' as const, at: id }] };
    if (!stored) projects.published(journal, id);
    // The history may hold entries the journal had not kept yet: their inputs were replayed too.
    const caughtUp = await history.attach(r.session, { project: projects.current(), files, entry, fresh: !inputs, prefer: timeline });
    if (caughtUp.length > 0) projects.published({ ...journal, inputs: [...journal.inputs, ...caughtUp] }, id);
    const { schema } = r.session.db;
    return { ok: true, module: summarizeModule(schema), forms: reducerForms(schema), session: id, warnings: r.warnings, ...(kept ? { kept } : {}) };
  }

  const history = createLiveHistory(projects.histories, message => emit({ type: 'notice', tone: 'warn', message }), deps.projects);
  const timeline = createHistoryVerbs({
    live: history,
    prelude: deps.prelude,
    compile: (files, entry) => compileModule(deps.esbuild, files, entry),
    open: (files, entry, inputs, name) => open(files, entry, inputs, false, name),
  });

  const current = (): Session | Failure =>
    session ?? fail('no-module', 'No module is published yet: publish one first.');

  return {
    ...timeline,
    ...createProjectVerbs(projects, () => (history.detach(), session?.close(), (session = undefined))),
    /**
     * Starts esbuild and warms it with a throwaway build; resolves to the milliseconds it took.
     * `project`: the open project a restarted engine continues, so the journal it keeps is that project's.
     */
    init(project?: string): Promise<number> {
      if (project !== undefined) projects.use(project);
      ready ??= (async () => {
        const start = Date.now();
        await deps.initialize?.();
        // Warm esbuild in the background: a prebuilt sample publishes without it.
        const warm = buildModule(deps.esbuild, WARM_UP, 'index.ts');
        if (deps.prebuilt) void warm.catch(() => undefined);
        else await warm;
        return Date.now() - start;
      })();
      return ready;
    },
    /** Answers at once unless the engine is busy: the page's watchdog pings after SDK traffic. */
    ping: (): true => true,
    /** Compiles a module's files without publishing; diagnostics come back as values. */
    async build(files: SourceFiles, entry: string): Promise<BuildOutput> {
      const r = await compileModule(deps.esbuild, files, entry);
      return r.ok ? { ok: true, bytes: r.code.length, warnings: r.warnings } : r;
    },
    /**
     * Compiles and publishes. With `keepData` over a running database, the
     * new version takes its data when upstream's automatic migration allows
     * (no `init`; connections stay open unless the change disconnects
     * everyone), else fails with code `migration` and the reasons; without,
     * it starts on a fresh database and runs `init`. A failure leaves the
     * running version as it was.
     */
    publish(files: SourceFiles, entry: string, opts: { keepData?: boolean } = {}): Promise<PublishResult> {
      return open(files, entry, undefined, false, undefined, opts.keepData === true);
    },
    /** Rebuilds a session from its journal, replaying inputs at their recorded times, without streaming them. */
    restore(journal: Journal): Promise<PublishResult> {
      return open(journal.files, journal.entry, journal.inputs);
    },
    /** Opens a stored project: its record, and its published version rebuilt from the stored journal. */
    async openProject(name = 'default'): Promise<OpenProjectResult> {
      let published: PublishResult | undefined;
      const r = await projects.open(name, async journal => {
        published = await open(journal.files, journal.entry, journal.inputs, true);
        return published.ok;
      });
      const restored = r.journal && published?.ok ? { journal: r.journal, published } : undefined;
      return { project: r.project, restored };
    },
    /** Saves a project's record (sources, drafts, clients, layout); its journal is kept by the engine. */
    async saveProject(project: ProjectRecord): Promise<void> {
      await projects.save(project);
    },
    /** Every stored project (name, sample, last saved), most recently saved first. */
    listProjects: io.list,
    /** Saves sources from outside (a share link) as a new project under an unused name: never overwrites one. */
    createProject: io.create,
    /** Reads a project file into a new project (its data rebuilt by replaying its journal); a bad file fails with the reason. */
    importProject: io.importFile,
    /** The project file of `record` with its stored journal: sources, data and log. */
    exportProject: io.exportFile,
    /** A zip that `spacetime publish` accepts, with client bindings generated from the sources' schema. */
    eject: io.eject,
    /** The schema summary of sources, compiled and loaded without publishing (to diff against the published one). */
    describe: io.describe,
    /** Drops the published module and its data; its schedules stop. */
    reset(): void {
      session?.close();
      session = undefined;
    },
    /** The published module's client bindings as one CommonJS script requiring only `spacetimedb`. */
    bindings(): Promise<BindingsResult> | Failure {
      const s = current();
      if ('ok' in s) return s;
      if (bindings?.session !== s) bindings = { session: s, result: buildBindingsFor(s.db.schema) };
      return bindings.result;
    },
    /** Connects an SDK client named `name` whose socket is `port` (transfer it); see `PortMessage`. */
    async attachClient(name: string, port: PortLike, opts: AttachOptions): Promise<{ ok: true } | Failure> {
      const s = current();
      if ('ok' in s) return s;
      if (!name.trim()) return fail('bad-args', 'A client needs a name.');
      await attachPort(s, name, port, opts);
      return { ok: true };
    },
    /** Opens a connection for client `name` without a socket (its identity derives from the name); runs `clientConnected`. */
    connect(name: string): InputResult {
      const s = current();
      if ('ok' in s) return s;
      if (!name.trim()) return fail('bad-args', 'A client needs a name.');
      const { entry, tx } = s.applyNow({ kind: 'connect', client: name });
      return { ok: true, entry, tx };
    },
    /** Closes client `name`'s newest connection (an SDK client sees its socket close); runs `clientDisconnected`. */
    disconnect(name: string): InputResult {
      const s = current();
      if ('ok' in s) return s;
      if (!s.clients.caller(name)) return fail('not-connected', `Client "${name}" has no open connection.`);
      const r = s.disconnect(name);
      return r ? { ok: true, entry: r.entry, tx: r.tx } : fail('not-connected', `Client "${name}" has no open connection.`);
    },
    /** Calls a reducer with JSON args (array by position or object by name) as a client, or as the owner when `as` is null. */
    callReducer(name: string, argsJson: string, as: string | null = null): InputResult {
      const s = current();
      return 'ok' in s ? s : callReducer(s, name, argsJson, as);
    },
    /** Runs one SQL statement as the owner (`as` null) or a client; writes (owner only) are journaled. */
    sql(text: string, as: string | null = null): SqlResult {
      const s = current();
      return 'ok' in s ? s : runSql(s, text, as);
    },
    /** Starts (or replaces) live query `id`; its changes stream as `live` events. */
    subscribe(id: number, queries: string[], as: string | null = null): (LiveResult & { ok: true }) | Failure {
      const s = current();
      if ('ok' in s) return s;
      if (as !== null && !s.clients.caller(as)) return fail('not-connected', `Client "${as}" is not connected: connect it first.`);
      const r = s.live.subscribe(id, queries, as);
      return r.ok ? r : fail('subscription', r.error);
    },
    /** Ends live query `id`. */
    unsubscribe(id: number): void {
      session?.live.unsubscribe(id);
    },
    /** Rows of a table decoded to JSON (the CLI's value format): the first `limit` of `total`, or one sorted, filtered `RowWindow` of them. */
    rows(table: string, limit: Parameters<typeof readRows>[2] = 10_000): RowsResult {
      const s = current();
      return 'ok' in s ? s : readRows(s, table, limit);
    },
    /** Every table with its row count. */
    tables(): TableCount[] {
      return session ? tableCounts(session) : [];
    },
    /** The simulated clients this session has seen, with their open connections. */
    clients(): ClientView[] {
      return session?.clients.list() ?? [];
    },
    /** Streams every transaction, journal entry and live-query change; returns an unsubscribe. */
    onEvent(listener: (e: HostEvent) => void): () => void {
      listeners.add(listener);
      return proxy(() => void listeners.delete(listener));
    },
  };
}

export type Host = ReturnType<typeof createHost>;
