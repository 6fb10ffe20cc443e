/**
 * How it works: the engine Worker holds IndexedDB for every project and the
 * page's comlink port, and module code runs in the same realm. realm.ts hides
 * globals only while module code is on the stack, which a promise callback
 * the module schedules escapes. So once the engine has captured what it needs
 * (its IndexedDB connection, esbuild's wasm, its private MessagePort),
 * `lockdownGlobal` removes storage, network and messaging from the global and
 * every prototype on its chain for good: each becomes a non-configurable
 * accessor that throws a message saying why. `expectLockdown` makes
 * `checkLockedDown` (called before any module code runs) refuse until then.
 *
 * Not covered: module code shares the realm's built-ins with the engine. A
 * module that patches a prototype the engine's own IndexedDB or MessagePort
 * calls go through (IDBObjectStore, Function.prototype.apply, Promise, ...)
 * could be handed the engine's connection, which holds every project. The
 * real fix is structural: module code in a worker that holds no storage
 * (persistence over a port scoped to one project), not more freezing here.
 */

const STATE = "a module's state lives in its tables";
const NETWORK = 'modules cannot reach the network';
const CONTEXTS = 'modules cannot talk to the page or to other workers';

/** Capabilities of a worker global that module code must never reach, and why. */
export const LOCKED_GLOBALS: Record<string, string> = {
  indexedDB: STATE,
  caches: STATE,
  localStorage: STATE,
  sessionStorage: STATE,
  cookieStore: STATE,
  fetch: NETWORK,
  XMLHttpRequest: NETWORK,
  WebSocket: NETWORK,
  WebSocketStream: NETWORK,
  EventSource: NETWORK,
  WebTransport: NETWORK,
  importScripts: NETWORK,
  Worker: CONTEXTS,
  SharedWorker: CONTEXTS,
  BroadcastChannel: CONTEXTS,
  postMessage: CONTEXTS,
  onmessage: CONTEXTS,
  onmessageerror: CONTEXTS,
  close: 'it would stop the engine',
};

/** `navigator` members that reach storage or other contexts. */
export const LOCKED_NAVIGATOR: Record<string, string> = {
  storage: STATE,
  storageBuckets: STATE,
  locks: CONTEXTS,
  serviceWorker: CONTEXTS,
};

export function lockedMessage(name: string, why: string): string {
  return `${name} is not available in SpacetimeDB modules: ${why}.`;
}

let state: 'not-required' | 'pending' | 'done' = 'not-required';

/** Declares that this realm must be locked down before module code runs (the browser engine). */
export function expectLockdown(): void {
  if (state === 'not-required') state = 'pending';
}

/** Throws if this realm expects a lockdown that has not happened yet: loading a module then would expose storage. */
export function checkLockedDown(): void {
  if (state === 'pending') {
    throw new Error('The engine refused to run module code: its worker is not locked down yet (storage and network are still reachable).');
  }
}

/** Replaces `name` wherever it is an own property along `target`'s prototype chain; true if any was found. */
function lockAlongChain(target: object, name: string, message: string): boolean {
  let found = false;
  const fail = (): never => {
    throw new TypeError(message);
  };
  for (let o: object | null = target; o !== null; o = Object.getPrototypeOf(o) as object | null) {
    const desc = Object.getOwnPropertyDescriptor(o, name);
    if (!desc) continue;
    found = true;
    if (!desc.configurable) throw new Error(`lockdown: ${name} cannot be removed (it is not configurable)`);
    Object.defineProperty(o, name, { get: fail, set: fail, enumerable: false, configurable: false });
  }
  return found;
}

/**
 * Removes storage, network and messaging from `global` (and `global.navigator`)
 * for good. Run it once, after the engine holds its own references. Returns
 * the names it found and replaced.
 */
export function lockdownGlobal(global: object): string[] {
  const locked: string[] = [];
  const navigator = (global as { navigator?: object }).navigator;
  if (navigator && typeof navigator === 'object') {
    for (const [name, why] of Object.entries(LOCKED_NAVIGATOR)) {
      if (lockAlongChain(navigator, name, lockedMessage(`navigator.${name}`, why))) locked.push(`navigator.${name}`);
    }
  }
  for (const [name, why] of Object.entries(LOCKED_GLOBALS)) {
    if (lockAlongChain(global, name, lockedMessage(name, why))) locked.push(name);
  }
  state = 'done';
  return locked;
}
