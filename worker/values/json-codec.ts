/**
 * The CLI's JSON format for SpacetimeDB values: the public entry point of
 * `worker/values`. BSATN ⇄ JSON, per-type compiled and cached; type names.
 *
 * Format: products → objects keyed by element name (index when unnamed);
 * integers → numbers up to 2^53-1, else decimal strings; floats → numbers or
 * "NaN"/"Infinity"/"-Infinity"; Identity/ConnectionId → "0x" + big-endian hex;
 * Uuid → 8-4-4-4-12; Timestamp → RFC 3339 UTC with 6 fractional digits;
 * TimeDuration → integer micros; Option → value or null; other sums →
 * {"Variant": payload} (unit payload {}); Array<u8> → "0x" + hex.
 * Inputs are more lenient (decimal strings, "10s" durations, offsets in
 * timestamps, bare "Variant" for unit variants, products as positional arrays).
 * Known limit: in Option<Option<T>>, some(none) prints as null like none.
 */
import type { AlgebraicType, ProductType } from 'spacetimedb';
import { bsatnToJson } from './json-decode.ts';
import { jsonToBsatn } from './json-encode.ts';
import { ValueError, type Json, type Typespace } from './types.ts';

export { bsatnToJson } from './json-decode.ts';
export { jsonToBsatn } from './json-encode.ts';
export { formatType } from './type-names.ts';
export { formatDuration, formatTimestamp, parseDuration, parseTimestamp } from './time.ts';
export { ValueError, resolveType, type Json, type Typespace } from './types.ts';

const productWrappers = new WeakMap<ProductType, AlgebraicType>();

/** `ProductType` → a stable `{ tag: 'Product' }` wrapper (so the compile caches hit). */
export function asAlgebraic(type: ProductType | AlgebraicType): AlgebraicType {
  if ('tag' in type) return type;
  let w = productWrappers.get(type);
  if (!w) productWrappers.set(type, (w = { tag: 'Product', value: type }));
  return w;
}

/** Decodes a whole row (all of `bytes`) into an object keyed by column name. */
export function decodeRowJson(
  rowType: ProductType | AlgebraicType, typespace: Typespace, bytes: Uint8Array,
): Record<string, Json> {
  const { value, end } = bsatnToJson(asAlgebraic(rowType), typespace, bytes);
  if (end !== bytes.length) throw new ValueError(`${bytes.length - end} trailing bytes after the row`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValueError('row type is not a plain product');
  }
  return value;
}

/** Encodes a row object (or reducer args object) as BSATN of the product `rowType`. */
export function encodeRowJson(
  rowType: ProductType | AlgebraicType, typespace: Typespace, json: unknown, root = '',
): Uint8Array {
  return jsonToBsatn(asAlgebraic(rowType), typespace, json, root);
}
