import { expose } from 'comlink';
import * as esbuild from 'esbuild-wasm/esm/browser.js';
import wasmURL from 'esbuild-wasm/esbuild.wasm?url';
import prelude from 'virtual:spacetimedb-prelude';
import { createHost } from './api.ts';

// worker: false — this already is the worker; esbuild needn't start another.
const initialize = () => esbuild.initialize({ wasmURL, worker: false });
expose(createHost({ esbuild, prelude, initialize }));
