import type { AlgebraicType, ProductType } from 'spacetimedb';
import type { RawSections } from './describe-module.ts';
import { toSnakeCase } from './naming.ts';
import type {
  IndexAlgorithm,
  IndexSchema,
  LifecycleKind,
  ModuleSchema,
  ParamSchema,
  ReducerSchema,
  TableSchema,
} from './schema-types.ts';

const LIFECYCLE: Record<string, LifecycleKind> = {
  Init: 'init',
  OnConnect: 'clientConnected',
  OnDisconnect: 'clientDisconnected',
};

/** A publish-time schema error, as upstream's validator reports it. */
export class SchemaError extends Error {
  override name = 'SchemaError';
}

function shiftRefs(type: AlgebraicType, offset: number): AlgebraicType {
  if (offset === 0) return type;
  switch (type.tag) {
    case 'Ref': return { tag: 'Ref', value: type.value + offset };
    case 'Array': return { tag: 'Array', value: shiftRefs(type.value, offset) };
    case 'Product':
      return { tag: 'Product', value: { elements: type.value.elements.map(e => ({ name: e.name, algebraicType: shiftRefs(e.algebraicType, offset) })) } };
    case 'Sum':
      return { tag: 'Sum', value: { variants: type.value.variants.map(v => ({ name: v.name, algebraicType: shiftRefs(v.algebraicType, offset) })) } };
    default: return type;
  }
}

function shiftProduct(product: ProductType, offset: number): ProductType {
  return { elements: product.elements.map(e => ({ name: e.name, algebraicType: shiftRefs(e.algebraicType, offset) })) };
}

/** Resolves `Ref`s at the top of a type. */
export function resolveType(type: AlgebraicType, typespace: AlgebraicType[]): AlgebraicType {
  let t = type;
  for (let guard = 0; t.tag === 'Ref'; guard++) {
    const next = typespace[t.value];
    if (!next || guard > typespace.length) throw new SchemaError(`unresolvable type reference ${t.value}`);
    t = next;
  }
  return t;
}

function params(product: ProductType, typespace: AlgebraicType[]): ParamSchema[] {
  return product.elements.map((e, i) => ({ name: e.name ?? `arg${i}`, type: resolveType(e.algebraicType, typespace) }));
}

/**
 * Turns a decoded RawModuleDefV10 into the engine's schema: canonical names
 * (explicit names win; snake_case unless the module opts out), ids assigned
 * densely (tables, then indexes, in definition order; submodules after the
 * root, their names prefixed `ns.`), lifecycle and scheduled reducers private.
 */
export function buildSchema(root: RawSections): ModuleSchema {
  const schema: ModuleSchema = { typespace: [], tables: [], reducers: [], procedures: [], views: [], rowLevelSecurity: [], typeNames: new Map() };
  let indexId = 0;
  const visit = (m: RawSections, prefix: string): void => {
    const offset = schema.typespace.length;
    schema.typespace.push(...m.typespace.map(t => shiftRefs(t, offset)));
    for (const ty of m.types) schema.typeNames!.set(ty.ty + offset, [...ty.sourceName.scope, ty.sourceName.sourceName]);
    const ts = schema.typespace;
    const canon = (name: string, explicit: Map<string, string>): string =>
      explicit.get(name) ?? (m.snakeCase ? toSnakeCase(name) : name);
    const functionName = (source: string): string => prefix + canon(source, m.explicit.functions);

    for (const t of m.tables) {
      const name = prefix + canon(t.sourceName, m.explicit.tables);
      if (name.startsWith('st_')) throw new SchemaError(`Table name is reserved for system use: ${name}`);
      const rowType = resolveType(shiftRefs({ tag: 'Ref', value: t.productTypeRef }, offset), ts);
      if (rowType.tag !== 'Product') throw new SchemaError(`table ${name}: row type is not a product type`);
      const defaults = new Map((t.defaultValues ?? []).map(d => [d.colId, d.value]));
      const columns = rowType.value.elements.map((e, i) => {
        const sourceName = e.name ?? `col_${i}`;
        const value = defaults.get(i);
        return { name: m.snakeCase ? toSnakeCase(sourceName) : sourceName, sourceName, type: resolveType(e.algebraicType, ts), ...(value ? { default: value } : {}) };
      });
      const tableId = schema.tables.length;
      const uniques = t.constraints.map(c => c.data.value.columns.join(','));
      if (t.primaryKey.length) uniques.push(t.primaryKey.join(','));
      const indexes: IndexSchema[] = t.indexes.map(ix => {
        const cols = ix.algorithm.tag === 'Direct' ? [ix.algorithm.value] : [...ix.algorithm.value];
        const algorithm = ix.algorithm.tag.toLowerCase() as IndexAlgorithm;
        const colNames = cols.map(c => columns[c]?.name ?? `col_${c}`).join('_');
        const sourceName = ix.sourceName ?? `${t.sourceName}_${cols.map(c => columns[c]?.sourceName).join('_')}_idx_${algorithm}`;
        return {
          id: indexId++,
          tableId,
          name: prefix + (m.explicit.indexes.get(sourceName) ?? `${canon(t.sourceName, m.explicit.tables)}_${colNames}_idx_${algorithm}`),
          sourceName: prefix + sourceName,
          accessor: ix.accessorName,
          columns: cols,
          algorithm,
          unique: uniques.includes(cols.join(',')),
        };
      });
      for (const u of uniques) {
        if (!indexes.some(ix => ix.columns.join(',') === u)) {
          throw new SchemaError(`No index found to support unique constraint on table ${name} columns [${u}]`);
        }
      }
      const sched = m.schedules.find(s => s.tableName === t.sourceName);
      schema.tables.push({
        id: tableId,
        name,
        sourceName: prefix + t.sourceName,
        columns,
        rowType: rowType.value,
        primaryKey: [...t.primaryKey],
        indexes,
        sequences: t.sequences.map(s => s.column),
        isPublic: t.tableAccess.tag === 'Public',
        isEvent: t.isEvent,
        schedule: sched && {
          reducer: functionName(sched.functionName),
          scheduleAtColumn: sched.scheduleAtCol,
          idColumn: t.primaryKey[0] ?? 0,
        },
      } satisfies TableSchema);
    }

    const seen = new Set<string>();
    for (const lc of m.lifecycle) {
      if (seen.has(lc.lifecycleSpec.tag)) throw new SchemaError(`Multiple reducers defined for lifecycle event ${lc.lifecycleSpec.tag}`);
      seen.add(lc.lifecycleSpec.tag);
    }
    for (const r of m.reducers) {
      const lifecycle = m.lifecycle.find(l => l.functionName === r.sourceName);
      const sched = m.schedules.find(s => s.functionName === r.sourceName);
      const schedTable = sched && schema.tables.find(t => t.sourceName === prefix + sched.tableName);
      schema.reducers.push({
        id: schema.reducers.length,
        name: functionName(r.sourceName),
        sourceName: prefix + r.sourceName,
        params: params(r.params, ts),
        paramsType: shiftProduct(r.params, offset),
        lifecycle: lifecycle && LIFECYCLE[lifecycle.lifecycleSpec.tag],
        scheduledBy: schedTable?.name,
        isPublic: r.visibility.tag === 'ClientCallable' && !lifecycle && !sched,
      } satisfies ReducerSchema);
    }
    for (const p of m.procedures) {
      schema.procedures.push({
        id: schema.procedures.length,
        name: functionName(p.sourceName),
        sourceName: prefix + p.sourceName,
        params: params(p.params, ts),
        paramsType: shiftProduct(p.params, offset),
        returnType: shiftRefs(p.returnType, offset),
        isPublic: p.visibility.tag === 'ClientCallable',
      });
    }
    for (const v of m.views) {
      schema.views.push({
        index: v.index,
        name: functionName(v.sourceName),
        sourceName: prefix + v.sourceName,
        isPublic: v.isPublic,
        isAnonymous: v.isAnonymous,
        params: params(v.params, ts),
        returnType: shiftRefs(v.returnType, offset),
      });
    }
    for (const v of m.views) {
      const pk = m.viewPrimaryKeys.find(p => p.viewSourceName === v.sourceName);
      schema.tables.push(viewTable(schema, v, pk, prefix, m.snakeCase ? toSnakeCase : (n: string) => n, functionName(v.sourceName), offset));
    }
    schema.rowLevelSecurity.push(...m.rls.map(r => r.sql));
    for (const sub of m.submodules) visit(sub.sections, `${prefix}${sub.namespace}.`);
  };
  visit(root, '');
  return schema;
}

/**
 * A view is queried like a table named after it (upstream materializes it
 * as one); its row type is the element type of what it returns (an array of
 * rows, or an option of one row, which the library presents as an array),
 * with the primary key the returned row type declares, if any.
 */
function viewTable(schema: ModuleSchema, v: RawSections['views'][number], pk: RawSections['viewPrimaryKeys'][number] | undefined, prefix: string, column: (n: string) => string, name: string, offset: number): TableSchema {
  const ts = schema.typespace;
  const ret = resolveType(shiftRefs(v.returnType, offset), ts);
  const elem = ret.tag === 'Array' ? ret.value : ret.tag === 'Sum' ? ret.value.variants[0]!.algebraicType : ret;
  const rowType = resolveType(elem, ts);
  if (rowType.tag !== 'Product') throw new SchemaError(`view ${name}: it must return rows (an array or option of a product type)`);
  const columns = rowType.value.elements.map((e, i) => {
    const sourceName = e.name ?? `col_${i}`;
    return { name: column(sourceName), sourceName, type: resolveType(e.algebraicType, ts) };
  });
  // A `.primaryKey()` column on the returned row (the ViewPrimaryKeys section, by source column name).
  const primaryKey = (pk?.columns ?? []).map(c => {
    const i = columns.findIndex(col => col.sourceName === c);
    if (i < 0) throw new SchemaError(`view ${name}: primary key column ${c} is not a column of its rows`);
    return i;
  });
  return {
    id: schema.tables.length,
    name,
    sourceName: prefix + v.sourceName,
    columns,
    rowType: rowType.value,
    primaryKey,
    indexes: [],
    sequences: [],
    isPublic: v.isPublic,
    isEvent: false,
    schedule: undefined,
    view: { index: v.index, anonymous: v.isAnonymous },
  };
}
