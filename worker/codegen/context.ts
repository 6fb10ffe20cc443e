/**
 * What the generated code covers, picked from the module schema: the root
 * module's visible tables, views, reducers and procedures, and the named
 * types to write in `types.ts`, each sorted as upstream sorts them.
 */
import type { AlgebraicType } from 'spacetimedb';
import type { ModuleSchema, ProcedureSchema, ReducerSchema, TableSchema, ViewSchema } from '../module/schema-types.ts';
import { pascalCase } from './case.ts';
import { byName } from './names.ts';
import { refsOf, typesOf, type Types } from './type-refs.ts';
import { isOption } from './type-shapes.ts';

export type GeneratedFile = { path: string; code: string };

export type GenerateOptions = {
  /** Also emit private tables and functions (upstream `--include-private`). */
  includePrivate?: boolean;
  /** The CLI version stamped into `REMOTE_MODULE.versionInfo` (the SDK refuses < 1.4.0). */
  cliVersion?: string;
};

export type Codegen = Types & {
  cliVersion: string;
  tables: TableSchema[];
  views: ViewSchema[];
  reducers: ReducerSchema[];
  procedures: ProcedureSchema[];
  namedTypes: { ref: number; name: string }[];
};

/** The typespace index of a view's row product (the view returns it, an array of it, or an option of it). */
export function viewRowRef(ts: AlgebraicType[], v: ViewSchema): number | undefined {
  const r = v.returnType;
  const inner = r.tag === 'Array' ? r.value : r.tag === 'Sum' && isOption(r) ? r.value.variants[0]!.algebraicType : r;
  return inner.tag === 'Ref' && ts[inner.value]?.tag === 'Product' ? inner.value : undefined;
}

export function codegenOf(schema: ModuleSchema, opts: GenerateOptions, cliVersion: string): Codegen {
  const types = typesOf(schema.typespace, schema.typeNames ?? new Map<number, string[]>());
  const { ts, nameOfRef } = types;
  // What the generated code calls (root module only: mounted submodules are not generated).
  const isRoot = (sourceName: string) => !sourceName.includes('.');
  const visible = (isPublic: boolean) => isPublic || !!opts.includePrivate;
  // (A view may also be listed among the tables, as the table it is queried as: it is generated as a view.)
  const viewNames = new Set(schema.views.map(v => v.sourceName));
  const tables = schema.tables
    .filter(t => isRoot(t.sourceName) && visible(t.isPublic) && !viewNames.has(t.sourceName))
    .sort(byName(t => t.name));
  const views = schema.views
    .filter(v => isRoot(v.sourceName) && visible(v.isPublic) && viewRowRef(ts, v) !== undefined)
    .sort(byName(v => v.name));
  const reducers = schema.reducers
    .filter(r => isRoot(r.sourceName) && !r.lifecycle && visible(r.isPublic))
    .sort(byName(r => r.name));
  const procedures = schema.procedures.filter(p => isRoot(p.sourceName) && visible(p.isPublic)).sort(byName(p => p.name));
  // Upstream leaves out named types called like a reducer (the library registers each reducer's
  // params as a type named after it); we keep one anyway if something refers to it.
  const reducerTypeNames = new Set(schema.reducers.map(r => pascalCase(r.sourceName)));
  const allNamed = [...(schema.typeNames ?? new Map<number, string[]>()).keys()]
    .filter(ref => ts[ref] && (ts[ref]!.tag === 'Product' || ts[ref]!.tag === 'Sum'))
    .map(ref => ({ ref, name: nameOfRef(ref)! }));
  const referenced = new Set<string>();
  const collect = (t: AlgebraicType) => refsOf(types, t, referenced);
  for (const t of tables) for (const e of t.rowType.elements) collect(e.algebraicType);
  for (const v of views) collect(v.returnType);
  for (const r of reducers) for (const e of r.paramsType.elements) collect(e.algebraicType);
  for (const p of procedures) {
    for (const e of p.paramsType.elements) collect(e.algebraicType);
    collect(p.returnType);
  }
  for (const { ref, name } of allNamed) if (!reducerTypeNames.has(name)) collect(ts[ref]!);
  const namedTypes = allNamed.filter(t => !reducerTypeNames.has(t.name) || referenced.has(t.name)).sort(byName(t => t.name));
  return { ...types, cliVersion, tables, views, reducers, procedures, namedTypes };
}
