/**
 * How it works: modules run in the engine's own realm (a Worker in the
 * browser, the process in Node), so the host restrictions of upstream's V8
 * isolate (crates/core/src/host/v8/builtins) are imitated with accessors that
 * act only while module code is on the stack. Host code keeps working
 * between calls; module code sees what it would see upstream: no
 * `Math.random` (it throws), timers, network or storage (they read as
 * `undefined`). Host code that syscalls run must not read these globals
 * either: capture them at import time. These guards cover module code on the
 * stack only; in the browser, lockdown.ts has also removed storage, network
 * and messaging for good (a module's promise callbacks run off the stack),
 * and there reading one throws a message saying why.
 */

import { checkLockedDown } from './lockdown.ts';
import { ModuleTextEncoder } from './text-encoder.ts';

const MATH_RANDOM_MESSAGE = 'Math.random is not available in SpacetimeDB modules. Use ctx.random instead.';

/** Globals a SpacetimeDB V8 isolate does not define. */
const ABSENT_GLOBALS = [
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'clearImmediate',
  'queueMicrotask',
  'requestAnimationFrame',
  'fetch',
  // The library's Headers polyfill probes `globalThis.Headers`; in Node that getter loads undici,
  // which needs `performance`. Upstream's isolate has none of the Fetch API classes.
  'Headers',
  'Request',
  'Response',
  'FormData',
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'indexedDB',
  'caches',
  'importScripts',
  'postMessage',
  'crypto',
  'performance',
  'structuredClone',
  'atob',
  'btoa',
];

let depth = 0;
let installed = false;

/** True while module code (top level or a hook call) is running. */
export function inModule(): boolean {
  return depth > 0;
}

/**
 * Module code reads `undefined` (what an isolate without the global gives
 * `typeof X` and `globalThis.X`, so feature detection works) and writes a
 * value of its own, which never replaces the host's. Deleting the globals
 * for each call would be exact (a bare `X()` would then be a ReferenceError,
 * not a TypeError) but costs tens of microseconds a call.
 */
function guard(name: string): void {
  const g = globalThis as Record<string, unknown>;
  const desc = Object.getOwnPropertyDescriptor(g, name);
  // Not configurable: absent for good (lockdown.ts), or a host's own unforgeable global.
  if (!desc || !desc.configurable) return;
  let value = desc.get ? desc.get.call(g) : desc.value;
  let moduleValue: unknown = undefined;
  Object.defineProperty(g, name, {
    configurable: true,
    enumerable: desc.enumerable ?? false,
    get() {
      return depth > 0 ? moduleValue : value;
    },
    set(v: unknown) {
      if (depth > 0) moduleValue = v;
      else value = v;
    },
  });
}

/** A global that module code sees replaced by its own value (as upstream's isolate installs its own). */
function substitute(name: string, moduleValue: unknown): void {
  const g = globalThis as Record<string, unknown>;
  const desc = Object.getOwnPropertyDescriptor(g, name);
  if (desc && !desc.configurable) return;
  let value = desc?.get ? desc.get.call(g) : desc?.value;
  Object.defineProperty(g, name, {
    configurable: true,
    enumerable: false,
    get: () => (depth > 0 ? moduleValue : value),
    set(v: unknown) {
      if (depth === 0) value = v;
    },
  });
}

/** Installs the guards once per realm. Idempotent. */
export function installRealmGuards(): void {
  if (installed) return;
  installed = true;
  const random = Math.random;
  Object.defineProperty(Math, 'random', {
    configurable: true,
    get() {
      if (depth > 0) throw new TypeError(MATH_RANDOM_MESSAGE);
      return random;
    },
  });
  for (const name of ABSENT_GLOBALS) guard(name);
  substitute('TextEncoder', ModuleTextEncoder);
  polyfillForModules();
}

/** Runs `fn` as module code: guards armed, the module's console installed. Refuses before an expected lockdown. */
export function runAsModule<T>(moduleConsole: Console | undefined, fn: () => T): T {
  checkLockedDown();
  const g = globalThis as { console: Console };
  const hostConsole = g.console;
  if (moduleConsole) g.console = moduleConsole;
  depth++;
  try {
    return fn();
  } finally {
    depth--;
    g.console = hostConsole;
  }
}

/**
 * The library relies on ES2024/2025 built-ins that upstream's V8 has and
 * Node 20 lacks. Polyfilled only where missing, so browsers use their own.
 */
function polyfillForModules(): void {
  const setProto = Set.prototype as unknown as Record<string, unknown>;
  if (!setProto.isSubsetOf) {
    setProto.isSubsetOf = function (this: Set<unknown>, other: { has(v: unknown): boolean; size: number }) {
      if (this.size > other.size) return false;
      for (const v of this) if (!other.has(v)) return false;
      return true;
    };
  }
  const abProto = ArrayBuffer.prototype as unknown as Record<string, unknown>;
  if (!abProto.transfer) {
    abProto.transfer = function (this: ArrayBuffer, newLength?: number) {
      const len = newLength ?? this.byteLength;
      const out = new ArrayBuffer(len);
      new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(len, this.byteLength)));
      return out;
    };
  }
}
