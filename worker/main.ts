import { expose } from 'comlink';
import * as esbuild from 'esbuild-wasm/esm/browser.js';
import wasmURL from 'esbuild-wasm/esbuild.wasm?url';
import prelude from 'virtual:spacetimedb-prelude';
import { createHost } from './api.ts';
import { deferHistoryStorage } from './session/history-storage.ts';
import { createIdbProjectStore, createIdbStorage, openIdbDatabase } from './storage/idb.ts';

// worker: false — this already is the worker; esbuild needn't start another.
const initialize = () => esbuild.initialize({ wasmURL, worker: false });
// Exposed at once (no top-level await): messages the page sends before a listener exists are lost.
const idb = openIdbDatabase();
const histories = deferHistoryStorage(idb.then(createIdbStorage));
expose(createHost({ esbuild, prelude, initialize, projects: createIdbProjectStore(idb), histories }));
