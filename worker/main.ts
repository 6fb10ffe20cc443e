/**
 * The engine Worker's entry, the only file that touches the worker global.
 * Order matters: the engine captures what it needs (IndexedDB, esbuild's
 * wasm, the page's private MessagePorts), then `lockdownGlobal` removes
 * storage, network and messaging from the global for good, and only then may
 * module code run (`expectLockdown` makes the engine refuse before).
 */
import { expose } from 'comlink';
import * as esbuild from 'esbuild-wasm/esm/browser.js';
import wasmURL from 'esbuild-wasm/esbuild.wasm?url';
import prelude from 'virtual:spacetimedb-prelude';
import prebuilt from 'virtual:sample-builds';
import type { EsbuildApi } from './build/build.ts';
import { createHost } from './api.ts';
import { lockdownGlobal, expectLockdown } from './runtime/lockdown.ts';
import { deferHistoryStorage } from './session/history-storage.ts';
import { createIdbDerivedCache, createIdbProjectStore, createIdbStorage, openIdbDatabase } from './storage/idb.ts';

expectLockdown();
// `indexedDB.open` runs now, synchronously; the connection is all the engine keeps.
const idb = openIdbDatabase();
// worker: false — this already is the worker; esbuild needn't start another. It starts
// before the lockdown (it fetches its wasm, and its Go runtime needs the worker's globals as
// they were); the warm-up build afterwards is not waited for, so a prebuilt sample publishes
// without it. Builds wait for esbuild to be up.
const started = esbuild.initialize({ wasmURL, worker: false });
const lockedDown = started.catch(() => undefined).then(() => void lockdownGlobal(self));
const compiler: EsbuildApi = { build: (async (options: Parameters<EsbuildApi['build']>[0]) => (await started, esbuild.build(options))) as EsbuildApi['build'] };
const initialize = () => Promise.all([started, lockedDown]).then(() => undefined);

const histories = deferHistoryStorage(idb.then(createIdbStorage));
const host = createHost({ esbuild: compiler, prelude, prebuilt, initialize, projects: createIdbProjectStore(idb), histories, derived: createIdbDerivedCache(idb) });
// The page's first message transfers the ports the API is exposed on; the worker's own channel
// then carries nothing (the lockdown removes `postMessage`). Listening at once, with no
// top-level await: messages the page sends before a listener exists are lost.
self.addEventListener('message', e => (e as MessageEvent).ports.forEach(port => expose(host, port)), { once: true });
