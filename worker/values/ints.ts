/**
 * Integer and float helpers shared by the encoder and decoder: ranges, the
 * number-or-decimal-string JSON rule, and wide (128/256-bit) LE access.
 */
import { show, type Json } from './types.ts';

export type IntTag = 'I8' | 'U8' | 'I16' | 'U16' | 'I32' | 'U32' | 'I64' | 'U64' | 'I128' | 'U128' | 'I256' | 'U256';

export const INT_BITS: Record<IntTag, number> = {
  I8: 8, U8: 8, I16: 16, U16: 16, I32: 32, U32: 32,
  I64: 64, U64: 64, I128: 128, U128: 128, I256: 256, U256: 256,
};

export function isIntTag(tag: string): tag is IntTag {
  return Object.hasOwn(INT_BITS, tag);
}

export function intRange(tag: IntTag): [bigint, bigint] {
  const bits = BigInt(INT_BITS[tag]);
  return tag.startsWith('U') ? [0n, (1n << bits) - 1n] : [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n];
}

/** `0..255`, `-128..127`, `0..2^64-1`, `-2^63..2^63-1`. */
export function intRangeText(tag: IntTag): string {
  const bits = INT_BITS[tag];
  if (bits <= 32) {
    const [lo, hi] = intRange(tag);
    return `${lo}..${hi}`;
  }
  return tag.startsWith('U') ? `0..2^${bits}-1` : `-2^${bits - 1}..2^${bits - 1}-1`;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const DECIMAL = /^-?\d+$/;

/** A JSON number when it is exactly representable (|v| <= 2^53-1), else a decimal string. */
export function bigToJson(v: bigint): Json {
  return v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v.toString();
}

/**
 * Reads a JSON integer input: a safe-integer number or a decimal string.
 * Returns an error detail string when the input is not an integer of the type.
 */
export function parseBigInt(tag: IntTag, v: unknown): bigint | string {
  const [lo, hi] = intRange(tag);
  let n: bigint | undefined;
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) n = BigInt(v);
    else if (Number.isInteger(v)) {
      return `expected ${tag} (${intRangeText(tag)}), got ${v}: numbers beyond 2^53-1 lose precision, pass a decimal string`;
    }
  } else if (typeof v === 'string' && DECIMAL.test(v)) n = BigInt(v);
  else if (typeof v === 'bigint') n = v;
  if (n === undefined || n < lo || n > hi) return `expected ${tag} (${intRangeText(tag)}), got ${show(v)}`;
  return n;
}

/** Same rule for the <= 32-bit types, as a plain number. */
export function parseSmallInt(tag: IntTag, lo: number, hi: number, v: unknown): number | string {
  let n: number | undefined;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && DECIMAL.test(v) && v.length < 16) n = Number(v);
  if (n === undefined || !Number.isInteger(n) || n < lo || n > hi) {
    return `expected ${tag} (${intRangeText(tag)}), got ${show(v)}`;
  }
  return n;
}

/** Reads an unsigned little-endian integer of `bits` (multiple of 64) at `pos`. */
export function readWide(view: DataView, pos: number, bits: number, signed: boolean): bigint {
  let v = 0n;
  for (let i = bits / 64 - 1; i >= 0; i--) v = (v << 64n) | view.getBigUint64(pos + i * 8, true);
  return signed ? BigInt.asIntN(bits, v) : v;
}

/** Writes `v` (already range checked) as a little-endian integer of `bits` (multiple of 64). */
export function writeWide(view: DataView, pos: number, bits: number, v: bigint): void {
  let u = BigInt.asUintN(bits, v);
  for (let i = 0; i < bits / 64; i++) {
    view.setBigUint64(pos + i * 8, BigInt.asUintN(64, u), true);
    u >>= 64n;
  }
}

/** Floats: numbers, with NaN and the infinities as strings. */
export function floatToJson(f: number): Json {
  if (Number.isFinite(f)) return f;
  return Number.isNaN(f) ? 'NaN' : f > 0 ? 'Infinity' : '-Infinity';
}

const FLOAT_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Float input: a number, "NaN", "Infinity", "-Infinity" or a numeric string. */
export function parseFloatInput(tag: 'F32' | 'F64', v: unknown): number | string {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (v === 'NaN') return NaN;
    if (v === 'Infinity' || v === '+Infinity') return Infinity;
    if (v === '-Infinity') return -Infinity;
    if (FLOAT_TEXT.test(v)) return Number(v);
  }
  return `expected ${tag} (a number, "NaN", "Infinity" or "-Infinity"), got ${show(v)}`;
}
