/**
 * Hand-built `ModuleSchema` fixtures and BSATN helpers for the datastore
 * tests (rows are serialized with the spacetimedb library itself).
 */
import { AlgebraicType, BinaryWriter, type ProductType } from 'spacetimedb';
import type { IndexAlgorithm, ModuleSchema, TableSchema } from '../module/schema-types.ts';
import { HostError } from './datastore-types.ts';

export type IndexSpec = { columns: number[]; algorithm?: IndexAlgorithm; unique?: boolean };

export type TableSpec = {
  name: string;
  columns: [string, AlgebraicType][];
  indexes?: IndexSpec[];
  sequences?: number[];
};

/** Table ids are positions in `specs`; index ids are engine-wide, from 0, in order. */
export function makeSchema(specs: TableSpec[], typespace: AlgebraicType[] = []): ModuleSchema {
  let nextIndexId = 0;
  const tables: TableSchema[] = specs.map((spec, id) => {
    const rowType: ProductType = {
      elements: spec.columns.map(([name, algebraicType]) => ({ name, algebraicType })),
    };
    const indexes = (spec.indexes ?? []).map(ix => ({
      id: nextIndexId++,
      tableId: id,
      name: `${spec.name}_${ix.columns.join('_')}_idx`,
      sourceName: `${spec.name}_${ix.columns.join('_')}_idx`,
      accessor: undefined,
      columns: ix.columns,
      algorithm: ix.algorithm ?? 'btree',
      unique: ix.unique ?? false,
    }));
    return {
      id,
      name: spec.name,
      sourceName: spec.name,
      columns: spec.columns.map(([name, type]) => ({ name, sourceName: name, type })),
      rowType,
      primaryKey: [],
      indexes,
      sequences: spec.sequences ?? [],
      isPublic: true,
      isEvent: false,
      schedule: undefined,
    };
  });
  return { typespace, tables, reducers: [], procedures: [], views: [], rowLevelSecurity: [] };
}

/** BSATN of `value` at type `ty`. */
export function bsatn(ty: AlgebraicType, value: unknown, typespace: AlgebraicType[] = []): Uint8Array {
  const w = new BinaryWriter(64);
  AlgebraicType.serializeValue(w, ty, value, { types: typespace });
  return w.getBuffer().slice();
}

/** A row encoder for table `tableId` of `schema`: pass column values in column order. */
export function rowEncoder(schema: ModuleSchema, tableId: number): (...values: unknown[]) => Uint8Array {
  const table = schema.tables[tableId]!;
  const ty: AlgebraicType = { tag: 'Product', value: table.rowType };
  return (...values) => {
    const obj: Record<string, unknown> = {};
    table.columns.forEach((c, i) => (obj[c.name] = values[i]));
    return bsatn(ty, obj, schema.typespace);
  };
}

/** Concatenates byte arrays. */
export function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** BSATN `Bound`: included / excluded value, or unbounded. */
export const included = (v: Uint8Array): Uint8Array => cat(Uint8Array.of(0), v);
export const excluded = (v: Uint8Array): Uint8Array => cat(Uint8Array.of(1), v);
export const unbounded = (): Uint8Array => Uint8Array.of(2);

/** Range-scan arguments for `prefix ‖ rstart ‖ rend`. */
export function rangeArgs(
  prefix: Uint8Array[],
  start: Uint8Array,
  end?: Uint8Array
): [Uint8Array, number, number, number, number] {
  const pre = cat(...prefix);
  const buf = cat(pre, start, end ?? new Uint8Array(0));
  return [buf, pre.length, prefix.length, start.length, end?.length ?? 0];
}

/** The errno a call throws (fails the test if it does not throw a HostError). */
export function errnoOf(f: () => unknown): number {
  try {
    f();
  } catch (e) {
    if (e instanceof HostError) return e.errno;
    throw e;
  }
  throw new Error('expected a HostError');
}

/** Hex of each row, for readable comparisons. */
export function hex(rows: Uint8Array[]): string[] {
  return rows.map(r => Array.from(r, b => b.toString(16).padStart(2, '0')).join(''));
}
