/**
 * SQL failures and the message texts upstream prints for them, one builder
 * per upstream error variant (crates/sql-parser/src/parser/errors.rs,
 * crates/expr/src/errors.rs, crates/expr/src/statement.rs,
 * crates/subscription/src/lib.rs, crates/expr/src/rls.rs).
 */
import type { AlgebraicType } from 'spacetimedb';
import { formatSats } from './sats-format.ts';

/** Which stage refused the statement; callers dispatch on this, never on the class. */
export type SqlErrorCode =
  | 'parse' // not SQL, or a shape sqlparser itself rejects
  | 'unsupported' // valid SQL outside SpacetimeDB's dialect
  | 'unresolved' // unknown (or private) table, column or alias
  | 'type' // literal or operand of the wrong type
  | 'permission' // DML by a non-owner
  | 'plan' // subscription planning (index joins, table count) and RLS resolution
  | 'execution'; // the datastore refused a write

export class SqlError extends Error {
  override name = 'SqlError';
  readonly code: SqlErrorCode;
  /** The underlying reason where upstream hides it behind a generic text (e.g. `256 is out of bounds for type U8`). */
  readonly detail: string | undefined;
  constructor(code: SqlErrorCode, message: string, detail?: string) {
    super(message);
    this.code = code;
    this.detail = detail;
  }
}

type Ts = readonly AlgebraicType[];
const fmt = (ty: AlgebraicType, ts: Ts): string => formatSats(ty, ts);

export const err = {
  parser: (msg: string) => new SqlError('parse', `sql parser error: ${msg}`),
  empty: () => new SqlError('unsupported', 'Empty SQL query'),
  multiStatement: () => new SqlError('unsupported', 'Multiple SQL statements are not supported'),
  tooLong: (sql: string, max: number) =>
    new SqlError('unsupported', `SQL query exceeds maximum allowed length: ${sql.length} > ${max}: "${sql.slice(0, 120)}..."`),
  feature: (text: string) => new SqlError('unsupported', `Unsupported: ${text}`),
  dml: () => new SqlError('unsupported', 'Unsupported: Non-SELECT queries'),
  subSelect: (text: string) => new SqlError('unsupported', `Unsupported SELECT: ${text}`),
  literal: (text: string) => new SqlError('unsupported', `Unsupported literal expression: ${text}`),
  limit: (text: string) => new SqlError('unsupported', `Unsupported LIMIT expression: ${text}`),
  expr: (text: string) => new SqlError('unsupported', `Unsupported expression: ${text}`),
  binOp: (op: string) => new SqlError('unsupported', `Unsupported binary operator: ${op}`),
  projection: (text: string) => new SqlError('unsupported', `Unsupported projection: ${text}`),
  projectionExpr: (text: string) => new SqlError('unsupported', `Unsupported projection expression: ${text}`),
  aggregate: (text: string) => new SqlError('unsupported', `Unsupported aggregate function: ${text}`),
  aggregateAlias: () => new SqlError('unsupported', 'Aggregate expressions must have column aliases'),
  from: (text: string) => new SqlError('unsupported', `Unsupported FROM expression: ${text}`),
  setOp: (text: string) => new SqlError('unsupported', `Unsupported set operation: ${text}`),
  insert: (text: string) => new SqlError('unsupported', `Unsupported INSERT expression: ${text}`),
  insertValue: (text: string) => new SqlError('unsupported', `Unsupported INSERT value: ${text}`),
  deleteTable: (text: string) => new SqlError('unsupported', `Unsupported table expression in DELETE: ${text}`),
  assignment: (text: string) => new SqlError('unsupported', `Unsupported column/variable assignment expression: ${text}`),
  multiPart: (text: string) => new SqlError('unsupported', `Multi-part names are not supported: ${text}`),
  joinType: () => new SqlError('unsupported', 'Non-inner joins are not supported'),
  implicitJoins: () => new SqlError('unsupported', 'Implicit joins are not supported'),
  mixedWildcard: () => new SqlError('unsupported', 'Mixed wildcard projections are not supported'),
  multiTableDelete: () => new SqlError('unsupported', 'Multi-table DELETE is not supported'),
  unqualified: () => new SqlError('unsupported', 'Names must be qualified when using joins'),
  fromRequired: () => new SqlError('unsupported', 'A FROM clause is required'),
  joinAlias: () => new SqlError('unsupported', 'Aliases are required for JOIN'),
  recursion: (source: string) => new SqlError('unsupported', `Recursion limit exceeded for \`${source}\``),

  noTable: (name: string) =>
    new SqlError('unresolved', `no such table: \`${name}\`. If the table exists, it may be marked private.`),
  dmlOnView: (name: string) => new SqlError('unsupported', `\`${name}\` is a view; DML on views is not supported`),
  notInScope: (name: string) => new SqlError('unresolved', `\`${name}\` is not in scope`),
  noField: (table: string, field: string) => new SqlError('unresolved', `\`${table}\` does not have a field \`${field}\``),
  untypedLiteral: () => new SqlError('type', 'Cannot resolve type for literal expression'),
  duplicateName: (name: string) => new SqlError('unresolved', `Duplicate name \`${name}\``),
  invalidVar: (name: string) => new SqlError('unresolved', `${name} is not a valid system variable`),
  starJoin: () => new SqlError('unsupported', 'SELECT * is not supported for joins'),
  returnType: () =>
    new SqlError('unsupported', 'Column projections are not supported in subscriptions; Subscriptions must return a table type'),
  invalidOp: (op: string, ty: AlgebraicType, ts: Ts) =>
    new SqlError('type', `Invalid binary operator \`${op}\` for type \`${fmt(ty, ts)}\``),
  invalidLiteral: (lit: string, ty: AlgebraicType, ts: Ts, detail?: string) =>
    new SqlError('type', `The literal expression \`${lit}\` cannot be parsed as type \`${fmt(ty, ts)}\``, detail),
  unexpectedType: (expected: AlgebraicType, inferred: AlgebraicType, ts: Ts) =>
    new SqlError('type', `Unexpected type: (expected) ${fmt(expected, ts)} != ${fmt(inferred, ts)} (inferred)`),
  insertValues: (table: string, values: number, fields: number) =>
    new SqlError('type', `Inserting a row with ${values} values into \`${table}\` which has ${fields} fields`),
  insertFields: (table: string, nfields: number, ncols: number) =>
    new SqlError(
      'type',
      `The number of fields (${nfields}) in the INSERT does not match the number of columns (${ncols}) of the table \`${table}\``,
    ),

  notAuthorized: (caller: bigint) =>
    new SqlError('permission', `Caller ${caller.toString(16).padStart(64, '0')} is not authorized to run SQL DML statements`),
  indexJoin: () => new SqlError('plan', 'Subscriptions require indexes on join columns'),
  eventLookup: () => new SqlError('plan', 'Event tables cannot be used as the lookup table in subscription joins'),
  tableCount: (n: number) => new SqlError('plan', `Invalid number of tables in subscription: ${n}`),
  rlsCycle: (tableId: number) =>
    new SqlError('plan', `Discovered cyclic dependency when resolving RLS rules for table id \`${tableId}\``),
};

/** Anything thrown → `{ code, message }`; non-SQL exceptions (datastore refusals) become `execution`. */
export function toSqlError(e: unknown): SqlError {
  if (e instanceof SqlError) return e;
  return new SqlError('execution', e instanceof Error ? e.message : String(e));
}
