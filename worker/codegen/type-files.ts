/**
 * `types.ts` (the module's named types as `__t.object` / `__t.enum`
 * builders with their inferred types) and `types/reducers.ts` /
 * `types/procedures.ts` (the inferred params, args and results).
 */
import { camelCase, pascalCase, snakeCase } from './case.ts';
import type { Codegen, GeneratedFile } from './context.ts';
import { FILE_COMMENT, header, TYPE_BUILDER_IMPORTS, writeFields, type Field } from './emit.ts';
import { quote } from './names.ts';
import { Out } from './out.ts';

function namedTypesFile(cg: Codegen): GeneratedFile {
  const out = new Out();
  header(cg, out, TYPE_BUILDER_IMPORTS);
  out.line();
  for (const { ref, name } of cg.namedTypes) {
    const ty = cg.ts[ref]!;
    if (ty.tag === 'Product') {
      const fields: Field[] = ty.value.elements.map((e, i) => ({ name: camelCase(e.name ?? `field${i}`), type: e.algebraicType }));
      if (!fields.length) out.line(`export const ${name} = __t.object(${quote(name)}, {});`);
      else out.line(`export const ${name} = __t.object(${quote(name)}, {`).with(() => writeFields(cg, out, fields)).line('});');
    } else if (ty.tag === 'Sum') {
      out.line(`// The tagged union or sum type for the algebraic type \`${name}\`.`);
      const annotation = name === 'AlgebraicType' ? ': __TypeBuilder<__AlgebraicTypeType, __AlgebraicTypeType>' : '';
      const fields: Field[] = ty.value.variants.map((v, i) => ({ name: pascalCase(v.name ?? `variant${i}`), type: v.algebraicType }));
      out.line(`export const ${name}${annotation} = __t.enum(${quote(name)}, {`).with(() => writeFields(cg, out, fields)).line('});');
    }
    out.line(`export type ${name} = __Infer<typeof ${name}>;`);
    out.line();
  }
  return { path: 'types.ts', code: out.toString() };
}

/** The header of `types/reducers.ts` and `types/procedures.ts`. */
function inferHeader(out: Out): void {
  for (const l of FILE_COMMENT) out.line(l);
  out.line('/* eslint-disable */').line('/* tslint:disable */');
  out.line('import { type Infer as __Infer } from "spacetimedb";');
  out.line();
}

function reducerTypesFile(cg: Codegen): GeneratedFile {
  const out = new Out();
  inferHeader(out);
  out.line('// Import all reducer arg schemas');
  for (const r of cg.reducers) out.line(`import ${pascalCase(r.sourceName)}Reducer from "../${snakeCase(r.sourceName)}_reducer";`);
  out.line();
  for (const r of cg.reducers) out.line(`export type ${pascalCase(r.sourceName)}Params = __Infer<typeof ${pascalCase(r.sourceName)}Reducer>;`);
  return { path: 'types/reducers.ts', code: out.toString() };
}

function procedureTypesFile(cg: Codegen): GeneratedFile {
  const out = new Out();
  inferHeader(out);
  out.line('// Import all procedure arg schemas');
  for (const p of cg.procedures) out.line(`import * as ${pascalCase(p.sourceName)}Procedure from "../${snakeCase(p.sourceName)}_procedure";`);
  out.line();
  for (const p of cg.procedures) {
    const n = pascalCase(p.sourceName);
    out.line(`export type ${n}Args = __Infer<typeof ${n}Procedure.params>;`);
    out.line(`export type ${n}Result = __Infer<typeof ${n}Procedure.returnType>;`);
  }
  return { path: 'types/procedures.ts', code: out.toString() };
}

export function typeFiles(cg: Codegen): GeneratedFile[] {
  return [namedTypesFile(cg), reducerTypesFile(cg), procedureTypesFile(cg)];
}
