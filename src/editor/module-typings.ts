/**
 * The `spacetimedb` package's typings for Monaco's TypeScript service, as
 * files under `file:///node_modules/spacetimedb/`, with entry stubs so the
 * classic node resolution Monaco offers finds `spacetimedb` and
 * `spacetimedb/server` (it does not read `exports`). Only the server,
 * SDK and shared typings: the framework bindings are not for modules.
 */
const raw = import.meta.glob<string>(
  ['../../node_modules/spacetimedb/dist/*.d.ts', '../../node_modules/spacetimedb/dist/{lib,sdk,server}/**/*.d.ts'],
  { query: '?raw', import: 'default', eager: true }
);

const ROOT = 'file:///node_modules/spacetimedb/';

export const SPACETIMEDB_TYPINGS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(raw).map(([path, text]) => [ROOT + path.slice(path.indexOf('dist/')), text])),
  [`${ROOT}package.json`]: JSON.stringify({ name: 'spacetimedb', types: 'index.d.ts' }),
  [`${ROOT}index.d.ts`]: "export * from './dist/index';\n",
  [`${ROOT}server/index.d.ts`]: "export * from '../dist/server/index';\n",
};
