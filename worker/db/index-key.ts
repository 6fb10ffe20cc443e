/**
 * Per-index key codec: builds the order-preserving key string of a row (from
 * the column byte spans, without decoding the row), of a point-scan key, and
 * the [lo, hi) key bounds of upstream's `prefix ‖ rstart ‖ rend` range encoding.
 */
import type { AlgebraicType } from 'spacetimedb';
import { decodeError, PRIMITIVE_SIZE, resolveType } from './bsatn-layout.ts';
import { fastIntKey, hashIntKey, type RowKeyFn } from './int-keys.ts';
import { KB } from './key-buf.ts';
import type { Enc, KeyCompiler } from './key-encoding.ts';

/** Above every char a stored key can contain: `p + KEY_MAX` bounds "every key starting with p". */
export const KEY_MAX = '\uffff';

const BOUND_INCLUDED = 0;
const BOUND_EXCLUDED = 1;
const BOUND_UNBOUNDED = 2;

export class IndexKeyCodec {
  private readonly encs: Enc[];
  private readonly cols: number[];
  private readonly fast: RowKeyFn | undefined;
  /** Byte size of the single fixed-size key column when `fast` is set. */
  private readonly fastSize: number;
  private readonly col0: number;
  /** Results of `range`: inclusive low and exclusive high key. */
  lo = '';
  hi = '';

  constructor(
    columnTypes: readonly AlgebraicType[],
    cols: readonly number[],
    compiler: KeyCompiler,
    typespace: readonly AlgebraicType[],
    /** Equality-only index (unique hash): integer keys may be numbers. */
    equalityOnly: boolean
  ) {
    this.cols = cols.slice();
    this.col0 = cols[0] ?? 0;
    this.encs = cols.map(c => {
      const ty = columnTypes[c];
      if (ty === undefined) throw new Error(`index column ${c} out of range`);
      return compiler.enc(ty);
    });
    const first = columnTypes[this.col0];
    const t = cols.length === 1 && first ? resolveType(first, typespace) : undefined;
    const size = t ? PRIMITIVE_SIZE[t.tag] : undefined;
    const isInt = t !== undefined && /^[IU]\d+$/.test(t.tag);
    const signed = t !== undefined && t.tag.startsWith('I');
    const make = equalityOnly ? hashIntKey : fastIntKey;
    this.fast = isInt && size !== undefined ? make(size, signed) : undefined;
    this.fastSize = size ?? 0;
  }

  /** Key of a validated row whose column offsets are `offs`. */
  fromRow(row: Uint8Array, offs: Int32Array): string | number {
    if (this.fast !== undefined) return this.fast(row, offs[this.col0]!);
    KB.n = 0;
    const encs = this.encs;
    for (let i = 0; i < encs.length; i++) encs[i]!(row, offs[this.cols[i]!]!, KB);
    return KB.take();
  }

  /** Key from the BSATN of all key columns, concatenated (point scans). */
  fromKey(key: Uint8Array): string | number {
    if (this.fast !== undefined) {
      if (key.length !== this.fastSize) throw decodeError();
      return this.fast(key, 0);
    }
    KB.n = 0;
    let o = 0;
    const encs = this.encs;
    for (let i = 0; i < encs.length; i++) o = encs[i]!(key, o, KB);
    if (o !== key.length) throw decodeError();
    return KB.take();
  }

  /** Decodes a range scan into `lo`/`hi`; returns false when the range is empty. */
  range(buf: Uint8Array, prefixLen: number, prefixElems: number, rstartLen: number, rendLen: number): boolean {
    const encs = this.encs;
    if (prefixElems < 0 || prefixElems >= encs.length || prefixLen < 0 || rstartLen < 0 || rendLen < 0) {
      throw decodeError();
    }
    if (prefixLen + rstartLen + rendLen > buf.length) throw decodeError();
    let prefix = '';
    if (prefixElems > 0) {
      KB.n = 0;
      const pre = buf.subarray(0, prefixLen);
      let o = 0;
      for (let i = 0; i < prefixElems; i++) o = encs[i]!(pre, o, KB);
      if (o !== prefixLen) throw decodeError();
      prefix = KB.take();
    }
    const enc = encs[prefixElems]!;
    const start = buf.subarray(prefixLen, prefixLen + rstartLen);
    const end = rendLen === 0 ? start : buf.subarray(prefixLen + rstartLen, prefixLen + rstartLen + rendLen);
    this.lo = lowKey(start, prefix, enc);
    this.hi = highKey(end, prefix, enc);
    return this.lo < this.hi;
  }
}

/** Inclusive low key of a BSATN `Bound` start. */
function lowKey(bound: Uint8Array, prefix: string, enc: Enc): string {
  const tag = boundTag(bound);
  if (tag === BOUND_UNBOUNDED) return prefix;
  const v = prefix + boundValue(bound, enc);
  return tag === BOUND_EXCLUDED ? v + KEY_MAX : v;
}

/** Exclusive high key of a BSATN `Bound` end. */
function highKey(bound: Uint8Array, prefix: string, enc: Enc): string {
  const tag = boundTag(bound);
  if (tag === BOUND_UNBOUNDED) return prefix + KEY_MAX;
  const v = prefix + boundValue(bound, enc);
  return tag === BOUND_INCLUDED ? v + KEY_MAX : v;
}

function boundTag(bound: Uint8Array): number {
  const tag = bound[0];
  if (tag === undefined || tag > BOUND_UNBOUNDED) throw decodeError();
  if (tag === BOUND_UNBOUNDED && bound.length !== 1) throw decodeError();
  return tag;
}

function boundValue(bound: Uint8Array, enc: Enc): string {
  KB.n = 0;
  if (enc(bound, 1, KB) !== bound.length) throw decodeError();
  return KB.take();
}
