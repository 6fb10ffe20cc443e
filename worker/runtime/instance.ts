import { LIB_PARAM, MODULE_FILE, MODULE_GLOBAL, SYS_PARAM } from '../build/namespaces.ts';
import { REQUIRED_HOOKS, type ModuleHooks } from './hooks.ts';
import { installRealmGuards, runAsModule } from './realm.ts';
import { createStackMapper, type StackMapper } from './stack-map.ts';

/** `spacetime:sys@2.0`'s `moduleHooks` export; upstream makes it with `Symbol::for_api("SpacetimeDB.moduleHooks.v2")`. */
export const moduleHooks: unique symbol = Symbol('SpacetimeDB.moduleHooks.v2');

/** A loaded module: its hooks, its export namespace and the console its library installed. */
export type ModuleInstance = {
  hooks: ModuleHooks;
  namespace: Record<string, unknown>;
  console: Console | undefined;
  /** Runs `fn` as this module's code (guards armed, its console installed). */
  run<T>(fn: () => T): T;
  /** Rewrites a stack's module frames to the module's own files and lines. */
  mapStack: StackMapper;
};

/** A module load that failed the way upstream's host reports it. */
export class ModuleLoadError extends Error {
  override name = 'ModuleLoadError';
}

type PreludeFactory = (sys: object) => { server: unknown; root: unknown };
const factories = new Map<string, PreludeFactory>();

function preludeFactory(prelude: string): PreludeFactory {
  let f = factories.get(prelude);
  if (!f) {
    f = new Function(SYS_PARAM, `${prelude}\nreturn ${LIB_PARAM};`) as PreludeFactory;
    factories.set(prelude, f);
  }
  return f;
}

/**
 * The library's server bundle defines `globalThis.window` and `global` for
 * its polyfills. Upstream that stays inside the module's isolate; here it
 * would leak into the engine's realm (other Node code then believes it runs
 * in a browser), so globals the library adds are removed once it has loaded.
 */
function withoutNewGlobals<T>(fn: () => T): T {
  const before = new Set(Object.getOwnPropertyNames(globalThis));
  try {
    return fn();
  } finally {
    for (const name of Object.getOwnPropertyNames(globalThis)) {
      if (!before.has(name)) delete (globalThis as Record<string, unknown>)[name];
    }
  }
}

/** Module namespaces list keys in code-unit order; the library's reducer ids depend on it. */
function toNamespace(exports: Record<string, unknown>): Record<string, unknown> {
  const ns = Object.create(null) as Record<string | symbol, unknown>;
  for (const key of Object.keys(exports).sort()) ns[key] = exports[key];
  Object.defineProperty(ns, Symbol.toStringTag, { value: 'Module' });
  return Object.preventExtensions(ns) as Record<string, unknown>;
}

/**
 * Evaluates the library prelude and a compiled module against `sys`, then
 * obtains the hooks as upstream does (crates/core/src/host/v8/mod.rs `get_hooks`).
 */
export function instantiateModule(prelude: string, code: string, sys: object, sourceMap?: string): ModuleInstance {
  installRealmGuards();
  let moduleConsole: Console | undefined;
  const run = <T>(fn: () => T): T => runAsModule(moduleConsole, fn);
  const lib = runAsModule(undefined, () => withoutNewGlobals(() => {
    const l = preludeFactory(prelude)(sys);
    const installed = (globalThis as { console: Console }).console;
    moduleConsole = installed;
    return l;
  }));
  const evaluate = new Function(LIB_PARAM, SYS_PARAM, `${code}\nreturn ${MODULE_GLOBAL};\n//# sourceURL=${MODULE_FILE}`) as (
    lib: unknown,
    sys: object
  ) => Record<string, unknown> | undefined;
  const exports = run(() => evaluate(lib, sys)) ?? {};
  const namespace = toNamespace(exports);
  const def = namespace.default as Record<symbol, unknown> | null | undefined;
  if (def === null || def === undefined) throw new ModuleLoadError('must export schema as default export');
  const make = def[moduleHooks];
  if (typeof make !== 'function') throw new ModuleLoadError('default export is not a Schema object');
  const hooks = run(() => make.call(def, namespace)) as ModuleHooks;
  if (hooks === null || typeof hooks !== 'object') throw new ModuleLoadError('module hooks must be an object');
  for (const name of REQUIRED_HOOKS) {
    if (typeof hooks[name] !== 'function') throw new ModuleLoadError(`module function hook \`${name}\` is not a function`);
  }
  return { hooks, namespace, console: moduleConsole, run, mapStack: createStackMapper(sourceMap) };
}
