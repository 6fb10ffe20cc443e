/**
 * The page's one door to the engine: the only file that creates the Worker
 * and calls `Comlink.wrap`. Everything else imports `host` from here.
 */
import * as Comlink from 'comlink';
import type { Host, HostEvent } from '../worker/api.ts';
import { createMemoryJournal } from './journal.ts';
import { createSupervisor, type EngineWorker } from './supervisor.ts';

export type { PageEvent, PageHost } from './supervisor.ts';

const DEFAULT_TIMEOUT_MS = 5000;

function spawn(): EngineWorker {
  const worker = new Worker(new URL('../worker/main.ts', import.meta.url), {
    type: 'module',
    name: 'spacetime-engine',
  });
  // The API travels on a private port, transferred as the worker's first message: the worker's
  // own channel is the one module code could reach, and the engine closes it (worker/main.ts).
  const { port1, port2 } = new MessageChannel();
  worker.postMessage('spacetime-engine-port', [port2]);
  const api = Comlink.wrap<Host>(port1);
  const crashed = new Promise<string>(resolve => {
    worker.addEventListener('error', e => resolve(e.message || 'the engine worker failed to load'));
  });
  return {
    api,
    crashed,
    listen: (listener: (e: HostEvent) => void) => api.onEvent(Comlink.proxy(listener)),
    terminate: () => (worker.terminate(), port1.close()),
  };
}

/** `?watchdog=<ms>` changes how long a call may run before the engine is restarted. */
function timeoutFrom(location: Location): number {
  const ms = Number(new URLSearchParams(location.search).get('watchdog'));
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_TIMEOUT_MS;
}

export const host = createSupervisor({
  spawn,
  journal: createMemoryJournal(),
  timeoutMs: timeoutFrom(window.location),
});
