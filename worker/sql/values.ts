/**
 * Runtime values for predicates: rows decoded with the library's own
 * (compiled, cached) deserializers, comparable columns reduced to a scalar
 * ordered as upstream's `AlgebraicValue` orders them: ints numerically
 * (bigint), strings by UTF-8 bytes, bytes lexicographically, Identity /
 * ConnectionId / Uuid as unsigned ints, Timestamp as micros, false < true,
 * floats totally (NaN equal to itself and above everything).
 */
import { AlgebraicType as Lib, BinaryReader, BinaryWriter, ProductType, type AlgebraicType } from 'spacetimedb';
import type { TableSchema } from '../module/schema-types.ts';
import { special, type Typespace } from './sats.ts';

export type Scalar = boolean | bigint | number | string | Uint8Array;

const SPECIAL_FIELD = {
  Identity: '__identity__',
  ConnectionId: '__connection_id__',
  Timestamp: '__timestamp_micros_since_unix_epoch__',
  TimeDuration: '__time_duration_micros__',
  Uuid: '__uuid__',
} as const;

/** A library runtime value of a comparable type → its scalar. */
export function toScalar(type: AlgebraicType, value: unknown, ts: Typespace): Scalar {
  const kind = special(type, ts);
  if (kind !== undefined) return (value as Record<string, bigint>)[SPECIAL_FIELD[kind]]!;
  if (typeof value === 'number' && type.tag !== 'F32' && type.tag !== 'F64') return BigInt(value);
  return value as Scalar;
}

function compareStrings(a: string, b: string): number {
  // Code point order is UTF-8 byte order; JS `<` compares UTF-16 code units.
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

export function compareScalars(a: Scalar, b: Scalar): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number(Number.isNaN(a)) - Number(Number.isNaN(b));
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  }
  throw new Error(`cannot compare ${typeof a} with ${typeof b}`);
}

export type RowCodec = {
  decode(bytes: Uint8Array): Record<string, unknown>;
  encode(row: Record<string, unknown>): Uint8Array;
  /** Row object key of each column (the row type's element names). */
  keys: string[];
};

const codecs = new WeakMap<TableSchema, RowCodec>();

export function rowCodec(table: TableSchema, ts: Typespace): RowCodec {
  let codec = codecs.get(table);
  if (codec) return codec;
  const space = { types: ts as AlgebraicType[] };
  const read = ProductType.makeDeserializer(table.rowType, space);
  const write = ProductType.makeSerializer(table.rowType, space);
  codec = {
    keys: table.rowType.elements.map((e, i) => e.name ?? String(i)),
    decode: bytes => read(new BinaryReader(bytes)) as Record<string, unknown>,
    encode(row) {
      const w = new BinaryWriter(64);
      write(w, row);
      return w.getBuffer();
    },
  };
  codecs.set(table, codec);
  return codec;
}

/** BSATN of one value (an index key). */
export function encodeValue(type: AlgebraicType, value: unknown, ts: Typespace): Uint8Array {
  const w = new BinaryWriter(16);
  Lib.makeSerializer(type, { types: ts as AlgebraicType[] })(w, value);
  return w.getBuffer();
}

/** A stable string key for whole-row identity (set membership of BSATN rows). */
export function rowKey(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 4096) s += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return s;
}
