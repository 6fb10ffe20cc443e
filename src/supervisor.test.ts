import type { Remote } from 'comlink';
import { describe, expect, it } from 'vitest';
import type { Host, HostEvent, Input, Journal, JournalEntry } from '../worker/api.ts';
import { createMemoryJournal } from './journal.ts';
import { CANCELLED_MESSAGE, createSupervisor, type EngineWorker, type PageEvent } from './supervisor.ts';

const FILES = { 'index.ts': '// module' };
const SESSION = 1_000n;
const never = new Promise<never>(() => {});

/** A worker stand-in: answers in order like a real one, and `spin` never returns (so nothing after it does). */
function fakeWorker(restores: Journal[], inits: (string | undefined)[] = []) {
  let queue: Promise<unknown> = Promise.resolve();
  let index = 0;
  let listener: ((e: HostEvent) => void) | undefined;
  const inOrder = <T>(fn: () => T | Promise<T>): Promise<T> => (queue = queue.then(fn)) as Promise<T>;
  const entry = (input: Input): JournalEntry => ({ session: SESSION, index: index++, input });
  const api = {
    init: (project?: string) => inOrder(() => (inits.push(project), 1)),
    ping: () => inOrder(() => true),
    publish: (files: Record<string, string>) =>
      inOrder(() => (files['index.ts']?.includes('while') ? never : ((index = 1), { ok: true, module: { tables: [] }, session: SESSION, warnings: [] }))),
    restore: (j: Journal) => inOrder(() => (restores.push(j), (index = j.inputs.length), { ok: true, session: SESSION })),
    callReducer: (name: string, _args: string, as: string | null) =>
      inOrder(() => (name === 'spin' ? never : { ok: true, entry: entry({ kind: 'call', reducer: name, args: new Uint8Array(), as, at: 5n }), tx: null })),
    rows: () => inOrder(() => ({ ok: true, rows: [] })),
    /** A big project: it takes 3 watchdog periods, but keeps answering pings meanwhile (it awaits storage). */
    openProject: () => new Promise(resolve => setTimeout(() => resolve({ project: undefined, restored: undefined }), 300)),
    onEvent: () => undefined,
  };
  const worker: EngineWorker = {
    api: api as unknown as Remote<Host>,
    listen: async l => void (listener = l),
    crashed: never,
    terminate: () => void (queue = never),
  };
  /** Streams an input the engine ran on its own (a schedule tick). */
  const tick = (at: bigint) => listener?.({ type: 'input', entry: entry({ kind: 'tick', at }) });
  /** Streams how far a journal replay got, as the engine does while it restores. */
  const progress = (done: number, total: number) => listener?.({ type: 'progress', task: 'replay', done, total });
  return { worker, tick, progress };
}

function setup(timeoutMs = 100) {
  const restores: Journal[] = [];
  const inits: (string | undefined)[] = [];
  const workers: ReturnType<typeof fakeWorker>[] = [];
  const events: PageEvent[] = [];
  const spawn = () => workers[workers.push(fakeWorker(restores, inits)) - 1]!.worker;
  const host = createSupervisor({ spawn, journal: createMemoryJournal(), timeoutMs });
  host.onEvent(e => events.push(e));
  return { host, restores, inits, workers, events };
}

describe('createSupervisor', () => {
  it('restarts a stuck engine, replays the journal into a new worker, and fails the stuck call', async () => {
    const { host, restores, workers, events } = setup();
    expect((await host.publish(FILES, 'index.ts')).ok).toBe(true);
    expect((await host.callReducer('bump', '{}', null)).ok).toBe(true);

    const stuck = await host.callReducer('spin', '{}', null);
    expect(stuck).toEqual({
      ok: false,
      error: { code: 'timeout', message: 'The reducer did not finish within 0.1 s; the engine was restarted and the call rolled back.' },
    });
    expect(workers).toHaveLength(2);
    expect(restores).toHaveLength(1);
    expect(restores[0]!.inputs.map(i => i.kind)).toEqual(['publish', 'call']);
    expect(events.filter(e => e.type === 'restarted')).toHaveLength(1);
    expect((await host.callReducer('bump', '{}', null)).ok).toBe(true);
  });

  it('fails calls queued behind a stuck one as not applied', async () => {
    const { host } = setup();
    await host.publish(FILES, 'index.ts');
    const [stuck, queued] = await Promise.all([host.callReducer('spin', '{}', null), host.rows('counter')]);
    expect(stuck.ok || stuck.error.code).toBe('timeout');
    expect(queued.ok || queued.error.code).toBe('restarted');
  });

  it('replays inputs the engine streamed on its own, in engine order', async () => {
    const { host, restores, workers } = setup();
    await host.publish(FILES, 'index.ts');
    workers[0]!.tick(7n);
    await host.callReducer('bump', '{}', null);
    await host.callReducer('spin', '{}', null);
    expect(restores[0]!.inputs).toEqual([
      { kind: 'publish', at: SESSION },
      { kind: 'tick', at: 7n },
      { kind: 'call', reducer: 'bump', args: new Uint8Array(), as: null, at: 5n },
    ]);
  });

  it('lets a slow project load finish while the engine keeps answering', async () => {
    const { host, workers, events } = setup();
    const opened = await host.openProject('big');
    expect(opened.ok).toBe(true);
    expect(workers).toHaveLength(1);
    expect(events.filter(e => e.type === 'restarted')).toHaveLength(0);
  });

  it('keeps the previous module when a publish does not finish loading', async () => {
    const { host, restores } = setup();
    await host.publish(FILES, 'index.ts');
    const stuck = await host.publish({ 'index.ts': 'while (true) {}' }, 'index.ts');
    expect(stuck.ok || stuck.error.message).toMatch(/^The module did not finish loading within 0.1 s; .* previous version restored\.$/);
    expect(restores[0]).toEqual({ files: FILES, entry: 'index.ts', inputs: [{ kind: 'publish', at: SESSION }] });
  });
});

/** Resolves once the supervisor lists a running task labelled `label`. */
async function sent(host: ReturnType<typeof setup>['host'], label: string) {
  for (let i = 0; i < 100; i++) {
    const task = host.running.list().find(t => t.label === label);
    if (task) return task;
    await new Promise(resolve => setTimeout(resolve, 1));
  }
  throw new Error(`no running task "${label}"`);
}

describe('cancel', () => {
  it('restarts the engine during a slow call, fails that call as cancelled, and keeps the journal', async () => {
    const { host, restores, workers, events } = setup(60_000);
    await host.publish(FILES, 'index.ts');
    expect((await host.callReducer('bump', '{}', null)).ok).toBe(true);

    const stuck = host.callReducer('spin', '{}', null);
    const queued = host.rows('counter');
    await sent(host, 'Calling reducer…');
    expect(await host.cancel()).toBe(true);

    expect(await stuck).toEqual({ ok: false, error: { code: 'cancelled', message: CANCELLED_MESSAGE } });
    expect(await queued).toMatchObject({ ok: false, error: { code: 'restarted' } });
    expect(workers).toHaveLength(2);
    expect(restores[0]!.inputs.map(i => i.kind)).toEqual(['publish', 'call']);
    expect(events.filter(e => e.type === 'restarted')).toEqual([{ type: 'restarted', message: CANCELLED_MESSAGE }]);
    expect((await host.callReducer('bump', '{}', null)).ok).toBe(true);
    expect(host.running.list()).toEqual([]);
  });

  it('keeps the previous module when a publish is cancelled', async () => {
    const { host, restores } = setup(60_000);
    await host.publish(FILES, 'index.ts');
    const stuck = host.publish({ 'index.ts': 'while (true) {}' }, 'index.ts');
    await sent(host, 'Publishing…');
    await host.cancel();
    const r = await stuck;
    expect(r.ok || r.error.code).toBe('cancelled');
    expect(restores).toEqual([{ files: FILES, entry: 'index.ts', inputs: [{ kind: 'publish', at: SESSION }] }]);
  });

  it('tells a restarted engine which project it continues, so it keeps that project\'s journal', async () => {
    const { host, inits } = setup(60_000);
    const opened = host.openProject('big');
    await sent(host, 'Restoring project…');
    await host.cancel();
    expect((await opened).ok || 'failed').toBe('failed');
    expect(inits).toEqual(['big', 'big']);
  });

  it('has nothing to cancel while the engine is idle', async () => {
    const { host, workers } = setup(60_000);
    await host.publish(FILES, 'index.ts');
    expect(await host.cancel()).toBe(false);
    expect(workers).toHaveLength(1);
  });
});

describe('running', () => {
  it('lists each pending request with its label and start time, and drops it when answered', async () => {
    const { host } = setup(60_000);
    await host.publish(FILES, 'index.ts');
    const before = Date.now();
    const stuck = host.callReducer('spin', '{}', null);
    const task = await sent(host, 'Calling reducer…');
    expect(task).toMatchObject({ cancellable: true });
    expect(task.since).toBeGreaterThanOrEqual(before);
    await host.cancel(task.id);
    await stuck;
    expect(host.running.list()).toEqual([]);
  });

  it('attaches replay progress events to the request that is replaying', async () => {
    const { host, workers } = setup(60_000);
    await host.publish(FILES, 'index.ts');
    const opened = host.openProject('big');
    await sent(host, 'Restoring project…');
    workers[0]!.progress(40_000, 100_000);
    expect(host.running.list()).toMatchObject([{ label: 'Restoring project…', progress: { done: 40_000, total: 100_000 } }]);
    await opened;
  });
});
