/**
 * Direct key builders for indexes on one integer column (1, 2, 4 or 8 bytes),
 * reading the column straight from the row: no scratch buffer, no loop.
 */

export type RowKeyFn = (row: Uint8Array, off: number) => string | number;

const fc = String.fromCharCode;

/** Direct key builders for single-column integer keys (the row is already validated). */
export function fastIntKey(size: number, signed: boolean): RowKeyFn | undefined {
  const s = signed ? 0x80 : 0;
  switch (size) {
    case 1:
      return (r, o) => fc(r[o]! ^ s);
    case 2:
      return (r, o) => fc(r[o + 1]! ^ s, r[o]!);
    case 4:
      return (r, o) => fc(r[o + 3]! ^ s, r[o + 2]!, r[o + 1]!, r[o]!);
    case 8:
      return (r, o) =>
        fc(r[o + 7]! ^ s, r[o + 6]!, r[o + 5]!, r[o + 4]!, r[o + 3]!, r[o + 2]!, r[o + 1]!, r[o]!);
    default:
      return undefined;
  }
}

const TWO_32 = 2 ** 32;

/**
 * Equality-only keys for unique hash indexes on one integer column: the
 * value's bit pattern as a number when it fits 53 bits, else the string key.
 * (Numbers and strings never collide in a Map, so this stays injective.)
 */
export function hashIntKey(size: number, signed: boolean): RowKeyFn | undefined {
  const asString = fastIntKey(size, signed);
  switch (size) {
    case 1:
      return (r, o) => r[o]!;
    case 2:
      return (r, o) => r[o]! | (r[o + 1]! << 8);
    case 4:
      return (r, o) => (r[o]! | (r[o + 1]! << 8) | (r[o + 2]! << 16) | (r[o + 3]! << 24)) >>> 0;
    case 8:
      return (r, o) => {
        const hi = (r[o + 4]! | (r[o + 5]! << 8) | (r[o + 6]! << 16) | (r[o + 7]! << 24)) >>> 0;
        if (hi >= 0x200000) return asString!(r, o);
        return hi * TWO_32 + ((r[o]! | (r[o + 1]! << 8) | (r[o + 2]! << 16) | (r[o + 3]! << 24)) >>> 0);
      };
    default:
      return undefined;
  }
}
