/**
 * How it works: the engine runs in a Worker, so a reducer that never returns
 * blocks only that thread. Every request races a deadline; when one misses
 * it, the supervisor terminates the Worker, starts a new one, replays the
 * journal (module files + every input, at their recorded times) into it, and
 * reports the request as failed. Requests queued behind the stuck one fail
 * as not applied; requests made during the restart wait for it. `cancel`
 * takes the same path at the user's word: the cancelled request fails as
 * `cancelled`, and the new engine holds only what was committed before it.
 */
import { transfer, type Remote } from 'comlink';
import type { AttachOptions, Failure, Host, HostEvent, HostFailure, InputResult, Journal, NewProject, ProjectRecord, SourceFiles } from '../worker/api.ts';
import type { JournalStore } from './journal.ts';
import { createRunning } from './progress/running.ts';

export type EngineWorker = {
  api: Remote<Host>;
  /** Subscribes to the engine's event stream. */
  listen(listener: (e: HostEvent) => void): Promise<unknown>;
  /** Settles with a message if the worker fails to load or crashes. */
  crashed: Promise<string>;
  terminate(): void;
};

export type PageEvent = HostEvent | { type: 'restarted'; message: string };

export type SupervisorOptions = {
  spawn: () => EngineWorker;
  journal: JournalStore;
  /** How long a request may take before the engine is restarted. */
  timeoutMs: number;
  /** How long starting a worker (esbuild-wasm, replay) may take. */
  bootTimeoutMs?: number;
};

/** What a stuck request was doing, for the message that reports it. */
type Doing = 'reducer' | 'connect' | 'disconnect' | 'module' | 'request';

/** `cancelled`: the task the user cancelled on this engine (its request fails as `cancelled`, the rest as `restarted`). */
type Live = { worker: EngineWorker; stopped: Promise<'stopped'>; stop(): void; restarting?: Promise<void>; cancelled?: number };

export const CANCELLED_MESSAGE = 'Cancelled: the engine was restarted from the last committed state; nothing of the cancelled work was applied.';

const fail = (code: Exclude<HostFailure['code'], 'compile' | 'migration'>, message: string): Failure => ({ ok: false, error: { code, message } });

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

function timeoutMessage(doing: Doing, ms: number): string {
  const within = `within ${seconds(ms)}; the engine was restarted`;
  switch (doing) {
    case 'reducer': return `The reducer did not finish ${within} and the call rolled back.`;
    case 'connect': return `clientConnected did not finish ${within} and the connection was refused.`;
    case 'disconnect': return `clientDisconnected did not finish ${within} and the call rolled back.`;
    case 'module': return `The module did not finish loading ${within} and the previous version restored.`;
    case 'request': return `The engine did not answer ${within}.`;
  }
}

function within<T>(ms: number, what: Promise<T>, onTimeout: () => void): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'timeout'>(resolve => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([what, deadline]).then(r => (clearTimeout(timer), r === 'timeout' && onTimeout(), r));
}

/**
 * Resolves 'timeout' once the engine leaves a ping unanswered for `ms` while
 * `work` is pending. Loading a module or a project awaits storage and
 * compiles between its synchronous steps, where a ping is answered: a big
 * project that takes longer than `ms` to restore is slow, not stuck.
 */
async function unresponsive(api: Remote<Host>, ms: number, work: Promise<unknown>): Promise<'timeout'> {
  let finished = false;
  void work.finally(() => (finished = true));
  for (;;) {
    if ((await within(ms, api.ping(), () => {})) === 'timeout') return 'timeout';
    if (finished) return new Promise<never>(() => {});
    await new Promise(resolve => setTimeout(resolve, Math.min(ms / 4, 500)));
  }
}

/** However responsive the engine stays, a module or project load is given up after this long. */
const LOAD_LIMIT_MS = 10 * 60_000;

export function createSupervisor(opts: SupervisorOptions) {
  const listeners = new Set<(e: PageEvent) => void>();
  const emit = (e: PageEvent) => listeners.forEach(l => l(e));
  const running = createRunning();
  /** The engine each running task was sent to, for `cancel`. */
  const sentTo = new Map<number, Live>();
  const bootTimeoutMs = opts.bootTimeoutMs ?? 60_000;
  /** The project the page opened: a restarted engine keeps its journal for that one, not for the default. */
  let project: string | undefined;

  async function boot(): Promise<Live> {
    const worker = opts.spawn();
    let stop!: () => void;
    const stopped = new Promise<'stopped'>(resolve => (stop = () => (worker.terminate(), resolve('stopped'))));
    const crash = worker.crashed.then(m => Promise.reject(new Error(m)));
    const ready = async () => {
      await worker.api.init(project);
      await worker.listen(e => {
        if (e.type === 'input') void opts.journal.append(e.entry);
        else if (e.type === 'progress') running.progress(e.done, e.total);
        emit(e);
      });
      const journal = await opts.journal.load();
      const restored = journal && (await worker.api.restore(journal));
      if (restored && !restored.ok) throw new Error(`replaying the journal failed: ${restored.error.message}`);
    };
    const r = await within(bootTimeoutMs, Promise.race([ready(), crash]), stop);
    if (r === 'timeout') throw new Error(`the engine did not start within ${seconds(bootTimeoutMs)}`);
    return { worker, stopped, stop };
  }

  let engine: Promise<Live> | undefined;
  const ready = (): Promise<Live> => (engine ??= boot());

  function restart(live: Live, message: string): Promise<void> {
    live.restarting ??= (async () => {
      live.stop();
      const task = running.start('Restarting the engine…', false);
      engine = boot();
      const ok = await engine.then(() => true, () => false);
      running.end(task);
      emit({ type: 'restarted', message: ok ? message : `${message} It failed to start again: reload the page.` });
    })();
    return live.restarting;
  }

  /** Runs one request with the watchdog; a stuck or crashed engine is restarted and the request fails. */
  async function request<T>(doing: Doing, label: string, fn: (api: Remote<Host>) => Promise<T>): Promise<T | Failure> {
    let live: Live;
    try {
      live = await ready();
    } catch (e) {
      return fail('crashed', `The engine failed to start: ${(e as Error).message}`);
    }
    const task = running.start(label);
    sentTo.set(task, live);
    const crashed = live.worker.crashed.then(message => ({ crashed: message }));
    const answer = fn(live.worker.api).then(value => ({ value }));
    const settled = Promise.race([answer, live.stopped, crashed]);
    const r = await (doing === 'module'
      ? within(LOAD_LIMIT_MS, Promise.race([settled, unresponsive(live.worker.api, opts.timeoutMs, settled)]), () => {})
      : within(opts.timeoutMs, settled, () => {})
    ).finally(() => (running.end(task), sentTo.delete(task)));
    if (r === 'stopped' && live.cancelled === task) {
      await live.restarting;
      return fail('cancelled', CANCELLED_MESSAGE);
    }
    if (r === 'stopped') return fail('restarted', 'The engine was restarted before this call ran; it was not applied.');
    if (r !== 'timeout' && 'value' in r) return r.value;
    const message = r === 'timeout' ? timeoutMessage(doing, opts.timeoutMs) : `The engine crashed (${r.crashed}) and was restarted.`;
    await restart(live, message);
    return fail(r === 'timeout' ? 'timeout' : 'crashed', message);
  }

  const journaled = async (r: InputResult | Failure): Promise<InputResult> => {
    if (r.ok) await opts.journal.append(r.entry);
    return r;
  };


  return {
    /** Boots the engine (esbuild-wasm and all); later requests would do it anyway. */
    start: () => request('request', 'Starting the engine…', async api => api.init()),
    /** Compiles without publishing. */
    build: (files: SourceFiles, entry: string) => request('module', 'Compiling…', async api => api.build(files, entry)),
    /** Compiles and publishes a new module version; on success it becomes what a restart restores. */
    async publish(files: SourceFiles, entry: string, publishOpts: { keepData?: boolean } = {}) {
      const r = await request('module', 'Publishing…', async api => api.publish(files, entry, publishOpts));
      if (r.ok) await opts.journal.begin(files, entry, r.session);
      return r;
    },
    /** Opens a stored project; a restored journal becomes what a restart replays. */
    async openProject(name?: string) {
      project = name ?? 'default';
      const r = await request('module', 'Restoring project…', async api => api.openProject(name));
      if ('ok' in r) return r;
      if (r.restored) {
        const { journal, published } = r.restored;
        await opts.journal.begin(journal.files, journal.entry, published.session);
        for (const [index, input] of journal.inputs.entries()) await opts.journal.append({ session: published.session, index, input });
      }
      return { ok: true as const, ...r };
    },
    saveProject: (project: ProjectRecord) => request('request', 'Saving…', async api => api.saveProject(project)),
    listProjects: () => request('request', 'Listing projects…', async api => api.listProjects()),
    createProject: (p: NewProject) => request('request', 'Creating project…', async api => api.createProject(p)),
    importProject: (text: string) => request('module', 'Importing project…', async api => api.importProject(text)),
    exportProject: (project: ProjectRecord, title?: string) => request('request', 'Exporting project…', async api => api.exportProject(project, title)),
    eject: (name: string, files: SourceFiles, entry: string) => request('module', 'Building the zip…', async api => api.eject(name, files, entry)),
    describe: (files: SourceFiles, entry: string) => request('module', 'Compiling…', async api => api.describe(files, entry)),
    connect: (name: string) => request('connect', 'Connecting…', async api => api.connect(name)).then(journaled),
    disconnect: (name: string) => request('disconnect', 'Disconnecting…', async api => api.disconnect(name)).then(journaled),
    callReducer: (name: string, argsJson: string, as: string | null) =>
      request('reducer', 'Calling reducer…', async api => api.callReducer(name, argsJson, as)).then(journaled),
    sql: (text: string, as: string | null) => request('request', 'Running SQL…', async api => api.sql(text, as)),
    subscribe: (id: number, queries: string[], as: string | null) => request('request', 'Subscribing…', async api => api.subscribe(id, queries, as)),
    unsubscribe: (id: number) => request('request', 'Unsubscribing…', async api => api.unsubscribe(id)),
    rows: (table: string, limit?: number) => request('request', 'Reading rows…', async api => api.rows(table, limit)),
    tables: () => request('request', 'Counting rows…', async api => api.tables()),
    clients: () => request('request', 'Listing clients…', async api => api.clients()),
    bindings: () => request('module', 'Building client bindings…', async api => api.bindings()),
    /** Hands the engine one end of an SDK client's socket. */
    attachClient: (name: string, port: MessagePort, opts: AttachOptions) =>
      request('connect', 'Connecting…', async api => api.attachClient(name, transfer(port, [port]), opts)),
    /** Answers when the engine is free; a stuck one is restarted (SDK clients call reducers past the supervisor). */
    ping: () => request('reducer', 'Waiting for the engine…', async api => api.ping()),
    /** Any other request under the watchdog (`module` for ones that compile or rebuild the session); `label` says what it does while it runs. */
    call: <T>(fn: (api: Remote<Host>) => Promise<T>, doing: 'request' | 'module' = 'request', label = 'Waiting for the engine…') => request(doing, label, fn),
    /** The engine rebuilt its session from `journal` (a timeline switch): a restart replays that from now on. */
    async rebase(journal: Journal, session: bigint): Promise<void> {
      await opts.journal.begin(journal.files, journal.entry, session);
      for (const [index, input] of journal.inputs.entries()) await opts.journal.append({ session, index, input });
    },
    /** What the engine is working on now (the page's progress strip subscribes). */
    running: { list: running.list, subscribe: running.subscribe },
    /**
     * Cancels task `id` (default: the oldest cancellable one): restarts the
     * engine from the last committed state, as the watchdog does. The task's
     * request fails as `cancelled`; false when nothing was left to cancel.
     */
    async cancel(id?: number): Promise<boolean> {
      const task = running.list().find(t => t.cancellable && (id === undefined || t.id === id));
      const live = task && sentTo.get(task.id);
      if (!task || !live) return false;
      live.cancelled ??= task.id;
      await restart(live, CANCELLED_MESSAGE);
      return true;
    },
    /** Engine events plus `restarted`; returns an unsubscribe. */
    onEvent(listener: (e: PageEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type PageHost = ReturnType<typeof createSupervisor>;
