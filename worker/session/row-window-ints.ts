/**
 * Integer columns read straight from BSATN (little-endian), for the row
 * window's fast paths: sorting by numbers instead of key strings, and
 * filtering by their decimal text without the JSON decoder. 64-bit values
 * beyond 2^53 come back as bigints.
 */
const TWO_32 = 2 ** 32;

export type IntReader = (row: Uint8Array, off: number) => number | bigint;

const u32 = (r: Uint8Array, o: number): number => (r[o]! | (r[o + 1]! << 8) | (r[o + 2]! << 16) | (r[o + 3]! << 24)) >>> 0;

/** A reader for an integer type tag up to 64 bits, or undefined for any other type. */
export function intReader(tag: string): IntReader | undefined {
  switch (tag) {
    case 'U8':
      return (r, o) => r[o]!;
    case 'I8':
      return (r, o) => (r[o]! << 24) >> 24;
    case 'U16':
      return (r, o) => r[o]! | (r[o + 1]! << 8);
    case 'I16':
      return (r, o) => ((r[o]! | (r[o + 1]! << 8)) << 16) >> 16;
    case 'U32':
      return u32;
    case 'I32':
      return (r, o) => u32(r, o) | 0;
    case 'U64':
      return (r, o) => {
        const hi = u32(r, o + 4);
        return hi < 0x200000 ? hi * TWO_32 + u32(r, o) : (BigInt(hi) << 32n) | BigInt(u32(r, o));
      };
    case 'I64':
      return (r, o) => {
        const hi = u32(r, o + 4) | 0;
        if (hi >= -0x200000 && hi < 0x200000) return hi * TWO_32 + u32(r, o);
        return BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(u32(r, o)));
      };
    default:
      return undefined;
  }
}

/** The BSATN string length at `off` (its UTF-8 bytes follow). */
export const stringLength = u32;
