/**
 * Per table: the byte spans of a row's columns, found with the precompiled
 * skips of bsatn-layout.ts (constant offsets when every column is fixed-size).
 */
import type { AlgebraicType } from 'spacetimedb';
import { decodeError, type LayoutCompiler, type Skip } from './bsatn-layout.ts';

/** Column byte spans of a table's rows. */
export class RowLayout {
  readonly ncols: number;
  /** Row size when every column is fixed-size, else -1. */
  readonly fixedSize: number;
  /** Scratch filled by `compute`: `offsets[c]` is where column c starts, `offsets[ncols]` the row end. */
  readonly offsets: Int32Array;
  private readonly skips: Skip[];

  constructor(columnTypes: readonly AlgebraicType[], compiler: LayoutCompiler) {
    this.ncols = columnTypes.length;
    this.skips = columnTypes.map(t => compiler.skip(t));
    this.offsets = new Int32Array(this.ncols + 1);
    let off = 0;
    for (let i = 0; i < this.ncols; i++) {
      const s = this.skips[i]!;
      this.offsets[i] = off;
      if (typeof s !== 'number' || off < 0) off = -1;
      else off += s;
    }
    this.fixedSize = off;
    this.offsets[this.ncols] = off;
  }

  /** Fills `offsets` for `row`; throws BSATN_DECODE_ERROR unless `row` is exactly one row. */
  compute(row: Uint8Array): Int32Array {
    const offs = this.offsets;
    if (this.fixedSize >= 0) {
      if (row.length !== this.fixedSize) throw decodeError();
      return offs;
    }
    this.walk(row, 0);
    if (offs[this.ncols] !== row.length) throw decodeError();
    return offs;
  }

  /** Offset just past the row starting at `off` in `buf` (leaves `offsets` alone). */
  rowEnd(buf: Uint8Array, off: number): number {
    if (this.fixedSize >= 0) {
      const end = off + this.fixedSize;
      if (end > buf.length) throw decodeError();
      return end;
    }
    const skips = this.skips;
    let o = off;
    for (let i = 0; i < skips.length; i++) {
      const s = skips[i]!;
      o = typeof s === 'number' ? o + s : s(buf, o);
    }
    if (o > buf.length) throw decodeError();
    return o;
  }

  private walk(buf: Uint8Array, off: number): void {
    const offs = this.offsets;
    const skips = this.skips;
    let o = off;
    for (let i = 0; i < skips.length; i++) {
      offs[i] = o;
      const s = skips[i]!;
      o = typeof s === 'number' ? o + s : s(buf, o);
    }
    offs[skips.length] = o;
  }
}
