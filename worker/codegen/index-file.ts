/**
 * `index.ts`: the imports of every generated file, the schemas,
 * `REMOTE_MODULE`, the `tables` / `reducers` / `procedures` accessors, the
 * context types and the `DbConnection` / builder classes.
 */
import { pascalCase, snakeCase } from './case.ts';
import type { Codegen, GeneratedFile } from './context.ts';
import { header } from './emit.ts';
import { writeSchemas } from './index-schemas.ts';
import { byName, quote } from './names.ts';
import { Out } from './out.ts';

const INDEX_IMPORTS = [
  'TypeBuilder as __TypeBuilder',
  'type AlgebraicTypeType as __AlgebraicTypeType',
  'Uuid as __Uuid',
  'DbConnectionBuilder as __DbConnectionBuilder',
  'convertToAccessorMap as __convertToAccessorMap',
  'makeQueryBuilder as __makeQueryBuilder',
  'type QueryBuilder as __QueryBuilder',
  'type EventContextInterface as __EventContextInterface',
  'type ReducerEventContextInterface as __ReducerEventContextInterface',
  'type SubscriptionEventContextInterface as __SubscriptionEventContextInterface',
  'type SubscriptionHandleImpl as __SubscriptionHandleImpl',
  'type ErrorContextInterface as __ErrorContextInterface',
  'type RemoteModule as __RemoteModule',
  'SubscriptionBuilderImpl as __SubscriptionBuilderImpl',
  'DbConnectionImpl as __DbConnectionImpl',
  'type Event as __Event',
  'schema as __schema',
  'table as __table',
  'type Infer as __Infer',
  'reducers as __reducers',
  'reducerSchema as __reducerSchema',
  'procedures as __procedures',
  'procedureSchema as __procedureSchema',
  'type DbConnectionConfig as __DbConnectionConfig',
  't as __t',
];

/** The module's own imports: reducer params, procedures and table rows. */
function writeImports(cg: Codegen, out: Out): void {
  out.line('// Import all reducer arg schemas');
  for (const r of cg.reducers) out.line(`import ${pascalCase(r.sourceName)}Reducer from "./${snakeCase(r.sourceName)}_reducer";`);
  out.line();
  out.line('// Import all procedure arg schemas');
  for (const p of cg.procedures) out.line(`import * as ${pascalCase(p.sourceName)}Procedure from "./${snakeCase(p.sourceName)}_procedure";`);
  out.line();
  out.line('// Import all table schema definitions');
  const rowSources = [...cg.tables.map(t => t.sourceName), ...cg.views.map(v => v.sourceName)].sort(byName(x => x));
  for (const s of rowSources) out.line(`import ${pascalCase(s)}Row from "./${snakeCase(s)}_table";`);
  out.line();
  out.line('/** Type-only namespace exports for generated type groups. */');
  out.line();
}

function writeRemoteModule(cg: Codegen, out: Out): void {
  out.line('/** The remote SpacetimeDB module schema, both runtime and type information. */');
  out.line('const REMOTE_MODULE = {');
  out.with(() => {
    out.line('versionInfo: {').with(() => out.line(`cliVersion: ${quote(cg.cliVersion)} as const,`)).line('},');
    out.line('tables: tablesSchema.schemaType.tables,');
    out.line('reducers: reducersSchema.reducersType.reducers,');
    out.line('...proceduresSchema,');
  });
  out.line('} satisfies __RemoteModule<');
  out.with(() => {
    out.line('typeof tablesSchema.schemaType,');
    out.line('typeof reducersSchema.reducersType,');
    out.line('typeof proceduresSchema');
  });
  out.line('>;');
}

export function indexFile(cg: Codegen): GeneratedFile {
  const out = new Out();
  header(cg, out, INDEX_IMPORTS, { version: true });
  out.line();
  writeImports(cg, out);
  writeSchemas(cg, out);
  out.line();
  writeRemoteModule(cg, out);
  out.line();
  writeExports(out);
  return { path: 'index.ts', code: out.toString() };
}

/** The accessors, context types and classes `index.ts` exports (the same for every module). */
function writeExports(out: Out): void {
  out.line('/** The tables available in this remote SpacetimeDB module. Each table reference doubles as a query builder. */');
  out.line('export const tables: __QueryBuilder<typeof tablesSchema.schemaType> = __makeQueryBuilder(tablesSchema.schemaType);');
  out.line();
  out.line('/** The reducers available in this remote SpacetimeDB module. */');
  out.line('export const reducers = __convertToAccessorMap(reducersSchema.reducersType.reducers);');
  out.line();
  out.line('/** The procedures available in this remote SpacetimeDB module. */');
  out.line('export const procedures = __convertToAccessorMap(proceduresSchema.procedures);');
  out.line();
  out.line('/** The context type returned in callbacks for all possible events. */');
  out.line('export type EventContext = __EventContextInterface<typeof REMOTE_MODULE>;');
  out.line('/** The context type returned in callbacks for reducer events. */');
  out.line('export type ReducerEventContext = __ReducerEventContextInterface<typeof REMOTE_MODULE>;');
  out.line('/** The context type returned in callbacks for subscription events. */');
  out.line('export type SubscriptionEventContext = __SubscriptionEventContextInterface<typeof REMOTE_MODULE>;');
  out.line('/** The context type returned in callbacks for error events. */');
  out.line('export type ErrorContext = __ErrorContextInterface<typeof REMOTE_MODULE>;');
  out.line('/** The subscription handle type to manage active subscriptions created from a {@link SubscriptionBuilder}. */');
  out.line('export type SubscriptionHandle = __SubscriptionHandleImpl<typeof REMOTE_MODULE>;');
  out.line();
  out.line('/** Builder class to configure a new subscription to the remote SpacetimeDB instance. */');
  out.line('export class SubscriptionBuilder extends __SubscriptionBuilderImpl<typeof REMOTE_MODULE> {}');
  out.line();
  out.line('/** Builder class to configure a new database connection to the remote SpacetimeDB instance. */');
  out.line('export class DbConnectionBuilder extends __DbConnectionBuilder<DbConnection> {}');
  out.line();
  out.line('/** The typed database connection to manage connections to the remote SpacetimeDB instance. This class has type information specific to the generated module. */');
  out.line('export class DbConnection extends __DbConnectionImpl<typeof REMOTE_MODULE> {');
  out.with(() => {
    out.line('/** Creates a new {@link DbConnectionBuilder} to configure and connect to the remote SpacetimeDB instance. */');
    out.line('static builder = (): DbConnectionBuilder => {');
    out.with(() =>
      out.line('return new DbConnectionBuilder(REMOTE_MODULE, (config: __DbConnectionConfig<typeof REMOTE_MODULE>) => new DbConnection(config));')
    );
    out.line('};');
    out.line();
    out.line('/** Creates a new {@link SubscriptionBuilder} to configure a subscription to the remote SpacetimeDB instance. */');
    out.line('override subscriptionBuilder = (): SubscriptionBuilder => {');
    out.with(() => out.line('return new SubscriptionBuilder(this);'));
    out.line('};');
  });
  out.line('}');
}
