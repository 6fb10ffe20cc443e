/**
 * One `<reducer>_reducer.ts` params object per reducer and one
 * `<procedure>_procedure.ts` (params and return type) per procedure.
 */
import type { ProductType } from 'spacetimedb';
import { builder } from './builder.ts';
import { camelCase, snakeCase } from './case.ts';
import type { Codegen, GeneratedFile } from './context.ts';
import { header, TYPE_BUILDER_IMPORTS, typeImports, writeFields, type Field } from './emit.ts';
import { Out } from './out.ts';

const paramFields = (f: { paramsType: ProductType }): Field[] =>
  f.paramsType.elements.map((e, i) => ({ name: camelCase(e.name ?? `arg${i}`), type: e.algebraicType }));

export function reducerFiles(cg: Codegen): GeneratedFile[] {
  return cg.reducers.map(r => {
    const out = new Out();
    header(cg, out, TYPE_BUILDER_IMPORTS);
    out.line();
    const fields = paramFields(r);
    typeImports(cg, out, fields.map(f => f.type));
    if (!fields.length) out.line('export default {};');
    else out.line('export default {').with(() => writeFields(cg, out, fields)).line('};');
    return { path: `${snakeCase(r.sourceName)}_reducer.ts`, code: out.toString() };
  });
}

export function procedureFiles(cg: Codegen): GeneratedFile[] {
  return cg.procedures.map(p => {
    const out = new Out();
    header(cg, out, TYPE_BUILDER_IMPORTS);
    out.line();
    const fields = paramFields(p);
    typeImports(cg, out, [...fields.map(f => f.type), p.returnType]);
    out.line('export const params = {').with(() => writeFields(cg, out, fields)).line('};');
    out.line(`export const returnType = ${builder(cg, p.returnType)};`);
    return { path: `${snakeCase(p.sourceName)}_procedure.ts`, code: out.toString() };
  });
}
