import { describe, expect, it } from 'vitest';
import { LOCKED_GLOBALS, LOCKED_NAVIGATOR, lockdownGlobal } from './lockdown.ts';

/** A stand-in for a DedicatedWorkerGlobalScope: members on the object and on two prototypes, as browsers vary. */
function fakeWorkerGlobal() {
  const calls: string[] = [];
  const fn = (name: string) => () => calls.push(name);
  const eventTarget = { addEventListener: fn('addEventListener') };
  const workerGlobalScope = Object.create(eventTarget) as Record<string, unknown>;
  for (const name of ['fetch', 'importScripts', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'Worker', 'BroadcastChannel']) {
    workerGlobalScope[name] = fn(name);
  }
  Object.defineProperty(workerGlobalScope, 'indexedDB', { get: () => ({ open: fn('indexedDB.open') }), configurable: true });
  Object.defineProperty(workerGlobalScope, 'caches', { get: () => ({ open: fn('caches.open') }), configurable: true });
  const dedicated = Object.create(workerGlobalScope) as Record<string, unknown>;
  dedicated.postMessage = fn('proto postMessage');
  dedicated.close = fn('close');
  const navigatorProto = {};
  for (const name of Object.keys(LOCKED_NAVIGATOR)) {
    Object.defineProperty(navigatorProto, name, { get: () => ({ name }), configurable: true });
  }
  const global = Object.create(dedicated) as Record<string, unknown>;
  // Browsers put a [Global] interface's members on the object itself, and keep copies on prototypes.
  global.fetch = fn('own fetch');
  global.postMessage = fn('own postMessage');
  global.onmessage = null;
  global.setTimeout = fn('setTimeout');
  global.navigator = Object.create(navigatorProto);
  return { global, calls, prototypes: [dedicated, workerGlobalScope] };
}

const read = (o: object, name: string) => () => (o as Record<string, unknown>)[name];

describe('lockdownGlobal', () => {
  it('makes every storage, network and messaging capability throw, on the global and its prototypes', () => {
    const { global, prototypes } = fakeWorkerGlobal();
    lockdownGlobal(global);
    for (const name of ['indexedDB', 'caches', 'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'Worker', 'BroadcastChannel', 'postMessage', 'onmessage', 'close']) {
      expect(read(global, name), name).toThrow(`${name} is not available in SpacetimeDB modules`);
      for (const proto of prototypes) {
        const getter = Object.getOwnPropertyDescriptor(proto, name)?.get;
        if (getter) expect(() => getter.call(global), `${name} on a prototype`).toThrow(/not available/);
        else expect(Object.getOwnPropertyDescriptor(proto, name), `${name} on a prototype`).toBeUndefined();
      }
    }
    expect(read(global, 'indexedDB')).toThrow("indexedDB is not available in SpacetimeDB modules: a module's state lives in its tables.");
  });

  it('takes storage, locks and service workers off navigator, prototype included', () => {
    const { global } = fakeWorkerGlobal();
    const navigator = global.navigator as object;
    lockdownGlobal(global);
    for (const name of Object.keys(LOCKED_NAVIGATOR)) {
      expect(read(navigator, name)).toThrow(`navigator.${name} is not available in SpacetimeDB modules`);
      const getter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(navigator), name)?.get;
      expect(() => getter?.call(navigator)).toThrow(/not available/);
    }
  });

  it('cannot be undone: writes throw and the properties cannot be redefined or deleted', () => {
    const { global, prototypes } = fakeWorkerGlobal();
    lockdownGlobal(global);
    expect(() => (global.fetch = () => 'mine')).toThrow(/fetch is not available/);
    expect(() => (global.onmessage = () => 'listening')).toThrow(/onmessage is not available/);
    expect(() => Object.defineProperty(global, 'fetch', { value: () => 'mine' })).toThrow(TypeError);
    expect(Reflect.deleteProperty(global, 'postMessage')).toBe(false);
    for (const proto of prototypes) expect(Reflect.deleteProperty(proto, 'indexedDB') && Reflect.deleteProperty(proto, 'postMessage')).toBe(false);
  });

  it('leaves what the engine captured beforehand, and globals it still needs, working', () => {
    const { global, calls } = fakeWorkerGlobal();
    const fetchBefore = global.fetch as () => void;
    const idb = (global.indexedDB as { open(): void });
    lockdownGlobal(global);
    fetchBefore();
    idb.open();
    (global.setTimeout as () => void)();
    (global.addEventListener as () => void)();
    expect(calls).toEqual(['own fetch', 'indexedDB.open', 'setTimeout', 'addEventListener']);
  });

  it('reports what it replaced and skips capabilities the global never had', () => {
    const { global } = fakeWorkerGlobal();
    const locked = lockdownGlobal(global);
    expect(locked).toContain('indexedDB');
    expect(locked).toContain('navigator.storage');
    expect(locked).not.toContain('WebTransport');
    expect('WebTransport' in global).toBe(false);
    expect(Object.keys(LOCKED_GLOBALS)).toContain('WebTransport');
  });

  it('fails loudly on a capability it cannot replace, rather than leaving it reachable', () => {
    const global = {};
    Object.defineProperty(global, 'fetch', { value: () => 1, configurable: false });
    expect(() => lockdownGlobal(global)).toThrow('lockdown: fetch cannot be removed');
  });
});
