import type { AlgebraicType } from 'spacetimedb';
import { formatType } from '../values/json-codec.ts';
import type { ModuleSchema, ParamSchema } from './schema-types.ts';

/**
 * A plain-data description of a module (what `describe --json` prints and
 * the UI's schema headers show). `sourceName` appears only where it differs
 * from the canonical `name`.
 */
export function summarizeModule(schema: ModuleSchema) {
  const ts = schema.typespace;
  const type = (t: AlgebraicType): string => formatType(t, ts);
  const src = (name: string, sourceName: string) => (name === sourceName ? {} : { sourceName });
  const params = (ps: ParamSchema[]) => ps.map(p => ({ name: p.name, type: type(p.type) }));
  return {
    tables: schema.tables.filter(t => !t.view).map(t => {
      const uniqueCols = new Set(t.indexes.filter(ix => ix.unique && ix.columns.length === 1).map(ix => ix.columns[0]));
      return {
        name: t.name,
        ...src(t.name, t.sourceName),
        public: t.isPublic,
        event: t.isEvent,
        columns: t.columns.map((c, i) => ({
          name: c.name,
          ...src(c.name, c.sourceName),
          type: type(c.type),
          primaryKey: t.primaryKey.includes(i),
          unique: uniqueCols.has(i),
          autoInc: t.sequences.includes(i),
        })),
        primaryKey: t.primaryKey.map(i => t.columns[i]!.name),
        indexes: t.indexes.map(ix => ({
          name: ix.name,
          ...(ix.accessor ? { accessor: ix.accessor } : {}),
          columns: ix.columns.map(i => t.columns[i]!.name),
          algorithm: ix.algorithm,
          unique: ix.unique,
        })),
        schedule: t.schedule ? { reducer: t.schedule.reducer, column: t.columns[t.schedule.scheduleAtColumn]!.name } : null,
      };
    }),
    reducers: schema.reducers.map(r => ({
      name: r.name,
      ...src(r.name, r.sourceName),
      params: params(r.params),
      lifecycle: r.lifecycle ?? null,
      scheduledBy: r.scheduledBy ?? null,
      public: r.isPublic,
    })),
    procedures: schema.procedures.map(p => ({
      name: p.name,
      ...src(p.name, p.sourceName),
      params: params(p.params),
      returns: type(p.returnType),
      public: p.isPublic,
    })),
    views: schema.views.map(v => {
      const table = schema.tables.find(t => t.view && t.name === v.name);
      return {
        name: v.name,
        ...src(v.name, v.sourceName),
        params: params(v.params),
        returns: type(v.returnType),
        public: v.isPublic,
        anonymous: v.isAnonymous,
        primaryKey: table ? table.primaryKey.map(i => table.columns[i]!.name) : [],
      };
    }),
    visibilityFilters: schema.rowLevelSecurity.map(sql => ({ sql })),
  };
}

export type ModuleSummary = ReturnType<typeof summarizeModule>;
