/**
 * How it works: the page's one store. It holds what the panels show (the
 * project's files, the published module, the log, the simulated clients)
 * and the actions that change it, each going through `host`. Panels read it
 * with `useWorkspace` and call `workspace.*`. Everything the user would
 * expect back after a reload is saved through the engine (`persist.ts`).
 */
import type { HostEvent } from '../../worker/api.ts';
import { evaluateBindings } from '../clients/bindings.ts';
import { createSimClients } from '../clients/sim-clients.ts';
import { chooseProject, DEFAULT_PROJECT } from '../export/choose-project.ts';
import { feedback } from '../export/FeedbackBar.tsx';
import { host, type PageEvent } from '../host.ts';
import { confirmClearData } from '../schema-diff/confirm.ts';
import { createPersister, projectRecord } from './persist.ts';
import { ENTRY, FIRST_SAMPLE, KANBAN_QUERIES, KANBAN_SEED, SAMPLES } from './samples.ts';
import type { LogItem, TsProblem, WorkspaceState } from './workspace-types.ts';

const MAX_LOG = 2000;
let nextKey = 0;

let state: WorkspaceState = {
  status: { tone: 'busy', text: 'Starting the engine…' },
  project: DEFAULT_PROJECT,
  projects: [],
  files: {},
  entry: ENTRY,
  active: ENTRY,
  sample: undefined,
  publishedFiles: null,
  module: null,
  forms: [],
  diagnostics: [],
  tsProblems: [],
  version: 0,
  counts: [],
  log: [],
  txCount: 0,
  clients: [],
  layout: {},
  reveal: null,
};
const listeners = new Set<() => void>();
const set = (patch: Partial<WorkspaceState>): void => {
  state = { ...state, ...patch };
  listeners.forEach(l => l());
};

let pingTimer: ReturnType<typeof setTimeout> | undefined;
const sim = createSimClients({
  attach: async (name, port, opts) => {
    const r = await host.attachClient(name, port, opts);
    return r.ok ? r : { ok: false, error: r.error };
  },
  // Debounced: a burst of frames is one check that the engine still answers.
  ping: () => (pingTimer ??= setTimeout(() => ((pingTimer = undefined), void host.ping()), 50)),
});
const persist = createPersister(() => state, sim.specs);
let savedSpecs = '';
sim.onChange(() => {
  set({ clients: sim.list() });
  // Cache updates change nothing worth saving; names, queries and connected-ness do.
  const specs = JSON.stringify(sim.specs());
  if (specs === savedSpecs) return;
  savedSpecs = specs;
  persist.schedule();
});

const notice = (text: string, tone: 'info' | 'warn' = 'info'): LogItem => ({ key: nextKey++, notice: text, tone, at: new Date().toISOString() });
const pushLog = (...items: LogItem[]) => set({ log: [...state.log, ...items].slice(-MAX_LOG) });

let countsTimer: ReturnType<typeof setTimeout> | undefined;
const refreshCounts = (): void => {
  countsTimer ??= setTimeout(async () => {
    countsTimer = undefined;
    const r = await host.tables();
    if (Array.isArray(r)) set({ counts: r });
  }, 60);
};

host.onEvent((e: PageEvent | HostEvent) => {
  if (e.type === 'tx') {
    set({ version: state.version + 1, txCount: state.txCount + 1 });
    pushLog({ key: nextKey++, tx: e.tx });
    refreshCounts();
  } else if (e.type === 'restarted') {
    pushLog(notice(e.message, 'warn'));
    set({ version: state.version + 1 });
    sim.resumeAll();
    refreshCounts();
  } else if (e.type === 'notice') pushLog(notice(e.message, e.tone));
});

async function bindClients(resume: boolean): Promise<void> {
  const b = await host.bindings();
  if (!b.ok) return pushLog(notice(b.error.message, 'warn'));
  sim.setBindings(evaluateBindings(b.code), resume);
}

/**
 * Publishes the project's files. Over a running module the data is kept when
 * the engine can migrate it; when it can't, `confirm` asks before publishing
 * on a fresh database (samples and resets replace the module knowingly).
 */
async function publish(confirm = true, fresh = false, files = state.files): Promise<boolean> {
  const { entry } = state;
  set({ status: { tone: 'busy', text: 'Compiling and publishing…' } });
  const started = performance.now();
  const running = state.module !== null;
  let r = await host.publish(files, entry, { keepData: running && !fresh });
  if (!r.ok && r.error.code === 'migration') {
    if (confirm && !(await confirmClearData(state.module, files, entry, state.counts, r.error.reasons))) {
      set({ status: { tone: 'warn', text: 'Publish cancelled: the data is kept' } });
      return false;
    }
    r = await host.publish(files, entry);
  }
  if (!r.ok) {
    const diagnostics = r.error.code === 'compile' ? r.error.diagnostics : [];
    set({ diagnostics, status: { tone: 'error', text: r.error.message } });
    return false;
  }
  const ms = Math.round(performance.now() - started);
  if (r.kept) {
    const changes = r.kept.steps.length ? ` Changes: ${r.kept.steps.join('; ')}.` : '';
    pushLog(notice(`Published a new version over the running database: ${r.kept.rows} row${r.kept.rows === 1 ? '' : 's'} kept, init not run${r.kept.reconnect ? ', clients reconnected' : ''}.${changes}`));
  } else if (running) pushLog(notice('Published a new version on a fresh database: init ran and clients reconnected.'));
  set({ module: r.module, forms: r.forms, diagnostics: [], publishedFiles: files, status: { tone: 'ok', text: `Published in ${ms} ms` } });
  if (r.warnings.length) pushLog(...r.warnings.map(w => notice(`Compile warning: ${w.text}`, 'warn')));
  // Connections a kept database still holds are taken over by the clients' new SDK connections.
  await bindClients(r.kept !== undefined && !r.kept.reconnect);
  refreshCounts();
  persist.schedule();
  return true;
}

async function firstVisit(): Promise<void> {
  const sample = SAMPLES.find(s => s.id === FIRST_SAMPLE) ?? SAMPLES[0];
  if (!sample) return;
  set({ files: await sample.load(), entry: ENTRY, active: ENTRY, sample: sample.id });
  if (!(await publish(false))) return;
  for (const name of ['alice', 'bob']) sim.add({ name, queries: KANBAN_QUERIES, connected: true });
  await waitFor(() => sim.list().every(c => c.status === 'online'));
  for (const s of KANBAN_SEED) await host.callReducer(s.reducer, s.args, s.as);
}

async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
  for (const start = Date.now(); !check() && Date.now() - start < ms; ) await new Promise(r => setTimeout(r, 25));
}

let booted: Promise<void> | undefined;

export const workspace = {
  get: (): WorkspaceState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Starts the engine and opens the stored project, or the Kanban sample on a first visit. Runs once. */
  boot: (): Promise<void> => (booted ??= (async () => {
    const started = await host.start();
    if (typeof started !== 'number') return set({ status: { tone: 'error', text: started.error.message } });
    const chosen = await chooseProject();
    set({ project: chosen.name, projects: chosen.projects });
    if (chosen.message) feedback.show(chosen.message);
    const opened = await host.openProject(chosen.name);
    if (!opened.ok) return set({ status: { tone: 'error', text: opened.error.message } });
    const { project, restored } = opened;
    if (!project) return firstVisit();
    set({ files: project.files, entry: project.entry, active: project.entry, sample: project.sample, layout: project.layout ?? {} });
    if (restored) {
      const p = restored.published;
      set({ module: p.module, forms: p.forms, publishedFiles: restored.journal.files, status: { tone: 'ok', text: 'Restored from this browser' } });
      const n = restored.journal.inputs.length;
      pushLog(notice(`Restored the published module and its data from this browser: ${n} input${n === 1 ? '' : 's'} replayed.`));
      await bindClients(true);
      for (const spec of project.clients) sim.add(spec, true);
      refreshCounts();
    } else set({ status: { tone: 'ok', text: 'Not published yet' } });
  })()),
  publish: (): Promise<boolean> => publish(true),
  /** Republishes the published sources on a fresh database: every row is deleted, `init` runs again. */
  async resetData(): Promise<boolean> {
    const { publishedFiles } = state;
    return publishedFiles ? publish(false, true, publishedFiles) : false;
  },
  async loadSample(id: string): Promise<void> {
    const sample = SAMPLES.find(s => s.id === id);
    if (!sample) return;
    set({ files: await sample.load(), entry: ENTRY, active: ENTRY, sample: id, diagnostics: [] });
    if (!(await publish(false, true))) return;
    // The clients' queries named the old module's tables: they now follow every public table of the sample.
    const queries = (state.module?.tables ?? []).filter(t => t.public).map(t => `SELECT * FROM ${t.name}`);
    for (const c of sim.list()) sim.setQueries(c.name, queries);
  },
  setFile(path: string, text: string): void {
    if (state.files[path] === text) return;
    set({ files: { ...state.files, [path]: text } });
    persist.schedule();
  },
  addFile(path: string): void {
    if (path in state.files) return set({ active: path });
    set({ files: { ...state.files, [path]: '' }, active: path });
    persist.schedule();
  },
  removeFile(path: string): void {
    if (path === state.entry) return;
    const { [path]: _gone, ...files } = state.files;
    set({ files, active: state.active === path ? state.entry : state.active });
    persist.schedule();
  },
  /** Renames a module file (not the entry); imports naming the old path are left as written. */
  renameFile(from: string, to: string): void {
    if (from === state.entry || !(from in state.files) || to in state.files) return;
    const files = Object.fromEntries(Object.entries(state.files).map(([p, text]) => [p === from ? to : p, text]));
    set({ files, active: state.active === from ? to : state.active });
    persist.schedule();
  },
  openFile: (path: string): void => set({ active: path }),
  setTsProblems: (tsProblems: TsProblem[]): void => set({ tsProblems }),
  reveal: (file: string, line: number, column: number): void =>
    set({ active: file in state.files ? file : state.active, reveal: { file, line, column, n: (state.reveal?.n ?? 0) + 1 } }),
  setLayout(key: string, value: string | number): void {
    set({ layout: { ...state.layout, [key]: value } });
    persist.schedule();
  },
  clients: sim,
  /** The engine rebuilt its session in place (a timeline switch): views refetch, clients take their connections over. */
  rebuilt(message: string): void {
    pushLog(notice(message));
    set({ version: state.version + 1 });
    sim.resumeAll();
    refreshCounts();
  },
  /** The project's record as the engine would store it now (for export). */
  record: () => projectRecord(state, sim.specs()),
  /** Saves pending edits now, before the page leaves for another project. */
  flushSave: (): Promise<void> => persist.flush(),
};
