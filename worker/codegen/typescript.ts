/**
 * TypeScript client bindings for a published module, in the shape
 * `spacetime generate --lang typescript` writes for spacetimedb 2.x
 * (upstream crates/codegen/src/typescript.rs): `index.ts` (the tables,
 * reducers and procedures schemas, `REMOTE_MODULE`, `DbConnection` and the
 * context types), one `<table>_table.ts` row per table or view, one
 * `<reducer>_reducer.ts` params object per reducer, one
 * `<procedure>_procedure.ts` per procedure, `types.ts` with the module's
 * named types, and `types/reducers.ts` / `types/procedures.ts`.
 *
 * As upstream by default: private tables and private functions (lifecycle
 * and scheduled reducers) are left out, named types are always included.
 * Client field names are camelCased; a column whose module name differs gets
 * `.name("<module name>")`, which the query builder writes in SQL (the host
 * resolves a column by its module name as well as by its canonical name).
 *
 * Plain TypeScript with no Node APIs: the browser IDE uses it too.
 */
import type { ModuleSchema } from '../module/schema-types.ts';
import { codegenOf, type GeneratedFile, type GenerateOptions } from './context.ts';
import { indexFile } from './index-file.ts';
import { procedureFiles, reducerFiles } from './reducer-files.ts';
import { tableFiles } from './table-files.ts';
import { typeFiles } from './type-files.ts';

export type { GeneratedFile, GenerateOptions };

/** The spacetimedb version the playground's library and SDK come from. */
export const DEFAULT_CLI_VERSION = '2.10.1';

export function generateTypeScript(schema: ModuleSchema, opts: GenerateOptions = {}): GeneratedFile[] {
  const cg = codegenOf(schema, opts, opts.cliVersion ?? DEFAULT_CLI_VERSION);
  return [indexFile(cg), ...tableFiles(cg), ...reducerFiles(cg), ...procedureFiles(cg), ...typeFiles(cg)];
}
