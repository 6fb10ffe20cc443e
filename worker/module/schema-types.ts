/**
 * The playground's view of a published module's schema: RawModuleDefV10 with
 * refs resolved, canonical names computed and ids assigned. Everything in the
 * engine (datastore, runtime, CLI, UI) reads the schema through these types.
 */
import type { AlgebraicType, ProductType } from 'spacetimedb';

export type IndexAlgorithm = 'btree' | 'hash' | 'direct';

export type ColumnSchema = {
  /** Canonical (snake_case unless explicit) name: what SQL and the wire use. */
  name: string;
  /** The name as written in the module source (the row builder's key). */
  sourceName: string;
  /** The column's type with top-level refs resolved (nested refs may remain; resolve with `typespace`). */
  type: AlgebraicType;
  /** BSATN of its `.default(v)`: what an automatic migration stores in rows that predate the column. */
  default?: Uint8Array;
};

export type IndexSchema = {
  /** Engine-wide id, as returned by `index_id_from_name`. */
  id: number;
  tableId: number;
  /** Canonical name, e.g. `person_2_person_2_id_idx_btree`. */
  name: string;
  /** Source name the library asks for, e.g. `person2_person2Id_idx_btree`. */
  sourceName: string;
  /** The accessor on the table handle (`ctx.db.user.identity`), if any. */
  accessor: string | undefined;
  /** Column positions, in key order. */
  columns: number[];
  algorithm: IndexAlgorithm;
  /** True when a unique constraint (or the primary key) covers exactly these columns. */
  unique: boolean;
};

export type ScheduleSchema = {
  /** Canonical name of the reducer (or procedure) the schedule calls. */
  reducer: string;
  /** Column position of the `ScheduleAt` column. */
  scheduleAtColumn: number;
  /** Column position of the u64 primary key (`scheduled_id`). */
  idColumn: number;
};

export type TableSchema = {
  /** Engine-wide id, as returned by `table_id_from_name`. Dense, from 0. */
  id: number;
  /** Canonical name: what SQL and the wire use. */
  name: string;
  /** Source/accessor name: the key in `schema({...})` (`lib.table` for submodules). */
  sourceName: string;
  columns: ColumnSchema[];
  /** The row's product type (elements in column order). */
  rowType: ProductType;
  /** Column positions of the primary key (empty when none). */
  primaryKey: number[];
  indexes: IndexSchema[];
  /** Column positions of autoinc sequences. */
  sequences: number[];
  isPublic: boolean;
  isEvent: boolean;
  schedule: ScheduleSchema | undefined;
  /** Set for a view's virtual table: its rows come from calling the view (per sender unless anonymous). */
  view?: { index: number; anonymous: boolean };
};

export type LifecycleKind = 'init' | 'clientConnected' | 'clientDisconnected';

export type ParamSchema = { name: string; type: AlgebraicType };

export type ReducerSchema = {
  /** Position in the Reducers section: the id `__call_reducer__` takes. */
  id: number;
  /** Canonical name, as clients send it in `CallReducer`. */
  name: string;
  /** Export name in the module source. */
  sourceName: string;
  params: ParamSchema[];
  /** The params as one product type (what args BSATN encodes). */
  paramsType: ProductType;
  lifecycle: LifecycleKind | undefined;
  /** Canonical name of the schedule table calling this reducer, if any. */
  scheduledBy: string | undefined;
  /** Lifecycle and scheduled reducers are private: clients may not call them. */
  isPublic: boolean;
};

export type ProcedureSchema = {
  id: number;
  name: string;
  sourceName: string;
  params: ParamSchema[];
  paramsType: ProductType;
  returnType: AlgebraicType;
  isPublic: boolean;
};

export type ViewSchema = {
  /** Index within its own list (anonymous and per-sender views are numbered separately). */
  index: number;
  name: string;
  sourceName: string;
  isPublic: boolean;
  isAnonymous: boolean;
  params: ParamSchema[];
  returnType: AlgebraicType;
};

export type ModuleSchema = {
  /** The module's typespace: targets of `Ref` types. */
  typespace: AlgebraicType[];
  tables: TableSchema[];
  reducers: ReducerSchema[];
  procedures: ProcedureSchema[];
  views: ViewSchema[];
  /** `clientVisibilityFilter.sql(...)` rules, as written. */
  rowLevelSecurity: string[];
  /**
   * Names of the typespace entries the module's `Types` section names (rows,
   * `t.object`/`t.enum` types): typespace index → scoped name segments (scope
   * first, e.g. `['Person3Info']`). Client codegen refers to these by name.
   */
  typeNames?: Map<number, string[]>;
};
