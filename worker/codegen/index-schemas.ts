/**
 * The schema constants in `index.ts`: `tablesSchema` (tables by accessor,
 * with their canonical names, indexes, unique constraints; views too),
 * `reducersSchema` and `proceduresSchema`.
 */
import type { TableSchema, ViewSchema } from '../module/schema-types.ts';
import { camelCase, pascalCase } from './case.ts';
import type { Codegen } from './context.ts';
import { byName, key, quote, single } from './names.ts';
import type { Out } from './out.ts';

function writeTable(out: Out, t: TableSchema): void {
  const cols = t.columns.map(c => camelCase(c.sourceName));
  out.line(`${key(t.sourceName)}: __table({`);
  out.with(() => {
    out.line(`name: ${single(t.name)},`);
    out.line('indexes: [');
    out.with(() => {
      for (const ix of [...t.indexes].sort(byName(i => i.name))) {
        out.line(`{ accessor: ${single(ix.accessor ?? ix.name)}, name: ${single(ix.name)}, algorithm: 'btree', columns: [`);
        out.with(() => {
          for (const c of ix.columns) out.line(`${single(cols[c]!)},`);
        });
        out.line('] },');
      }
    });
    out.line('],');
    out.line('constraints: [');
    out.with(() => {
      const seen = new Set<string>();
      const constraints = t.indexes
        .filter(ix => ix.unique)
        .map(ix => ({ name: `${t.name}_${ix.columns.map(c => t.columns[c]!.name).join('_')}_key`, columns: ix.columns }))
        .filter(c => !seen.has(c.name) && !!seen.add(c.name))
        .sort(byName(c => c.name));
      for (const c of constraints) {
        out.line(`{ name: ${single(c.name)}, constraint: 'unique', columns: [${c.columns.map(i => single(cols[i]!)).join(', ')}] },`);
      }
    });
    out.line('],');
    if (t.isEvent) out.line('event: true,');
  });
  out.line(`}, ${pascalCase(t.sourceName)}Row),`);
}

function writeView(out: Out, v: ViewSchema): void {
  out.line(`${key(v.sourceName)}: __table({`);
  out.with(() => {
    out.line(`name: ${single(v.name)},`);
    out.line('indexes: [');
    out.line('],');
    out.line('constraints: [');
    out.line('],');
  });
  out.line(`}, ${pascalCase(v.sourceName)}Row),`);
}

export function writeSchemas(cg: Codegen, out: Out): void {
  out.line('/** The schema information for all tables in this module. This is defined the same was as the tables would have been defined in the server. */');
  out.line('const tablesSchema = __schema({');
  out.with(() => {
    for (const t of cg.tables) writeTable(out, t);
    for (const v of cg.views) writeView(out, v);
  });
  out.line('});');
  out.line();
  out.line('/** The schema information for all reducers in this module. This is defined the same way as the reducers would have been defined in the server, except the body of the reducer is omitted in code generation. */');
  out.line('const reducersSchema = __reducers(');
  out.with(() => {
    for (const r of cg.reducers) out.line(`__reducerSchema(${quote(r.name)}, ${pascalCase(r.sourceName)}Reducer),`);
  });
  out.line(');');
  out.line();
  out.line('/** The schema information for all procedures in this module. This is defined the same way as the procedures would have been defined in the server. */');
  out.line('const proceduresSchema = __procedures(');
  out.with(() => {
    for (const p of cg.procedures) {
      const n = `${pascalCase(p.sourceName)}Procedure`;
      out.line(`__procedureSchema(${quote(p.name)}, ${n}.params, ${n}.returnType),`);
    }
  });
  out.line(');');
}
