/**
 * One `<table>_table.ts` per table or view: the row type the client caches,
 * fields camelCased, `.name()` where the module name differs.
 */
import type { AlgebraicType } from 'spacetimedb';
import type { TableSchema } from '../module/schema-types.ts';
import { camelCase, snakeCase } from './case.ts';
import { viewRowRef, type Codegen, type GeneratedFile } from './context.ts';
import { header, TYPE_BUILDER_IMPORTS, typeImports, writeFields, type Field } from './emit.ts';
import { Out } from './out.ts';

const rowFields = (t: TableSchema): Field[] =>
  t.columns.map((c, i) => ({
    name: camelCase(c.sourceName),
    type: t.rowType.elements[i]!.algebraicType,
    primaryKey: t.primaryKey.length === 1 && t.primaryKey[0] === i,
    original: c.sourceName,
  }));

function rowFile(cg: Codegen, sourceName: string, fields: Field[]): GeneratedFile {
  const out = new Out();
  header(cg, out, TYPE_BUILDER_IMPORTS);
  typeImports(cg, out, fields.map(f => f.type));
  out.line();
  out.line('export default __t.row({');
  out.with(() => writeFields(cg, out, fields));
  out.line('});');
  return { path: `${snakeCase(sourceName)}_table.ts`, code: out.toString() };
}

export function tableFiles(cg: Codegen): GeneratedFile[] {
  const files = cg.tables.map(t => rowFile(cg, t.sourceName, rowFields(t)));
  for (const v of cg.views) {
    const row = cg.ts[viewRowRef(cg.ts, v)!] as Extract<AlgebraicType, { tag: 'Product' }>;
    const fields: Field[] = row.value.elements.map((e, i) => {
      const source = e.name ?? `col_${i}`;
      return { name: camelCase(source), type: e.algebraicType, original: source };
    });
    files.push(rowFile(cg, v.sourceName, fields));
  }
  return files;
}
