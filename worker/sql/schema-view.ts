/**
 * Name resolution against the module schema as one caller sees it: tables
 * and columns by canonical or source name (case-sensitive), private tables
 * invisible to everyone but the owner (upstream `SchemaViewer`).
 */
import type { ModuleSchema, TableSchema } from '../module/schema-types.ts';
import { err } from './errors.ts';
import type { Typespace } from './sats.ts';

/** Who runs the statement. The owner reads private tables, bypasses RLS and may run DML. */
export type SqlAuth = {
  /** The caller's identity (u256). */
  caller: bigint;
  isOwner: boolean;
};

export type SchemaView = {
  schema: ModuleSchema;
  auth: SqlAuth;
  ts: Typespace;
  /** The identity `:sender` stands for. */
  sender: bigint;
  table(name: string): TableSchema;
  column(table: TableSchema, name: string): number | undefined;
};

export function createSchemaView(schema: ModuleSchema, auth: SqlAuth, sender: bigint = auth.caller): SchemaView {
  return {
    schema,
    auth,
    sender,
    ts: schema.typespace,
    table(name) {
      const t = schema.tables.find(x => x.name === name) ?? schema.tables.find(x => x.sourceName === name);
      if (t === undefined || (!t.isPublic && !auth.isOwner)) throw err.noTable(name);
      return t;
    },
    column(table, name) {
      const i = table.columns.findIndex(c => c.name === name);
      if (i >= 0) return i;
      const j = table.columns.findIndex(c => c.sourceName === name);
      return j >= 0 ? j : undefined;
    },
  };
}
