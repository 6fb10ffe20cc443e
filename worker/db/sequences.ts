/**
 * Autoinc sequences of one table. A column value of 0 triggers the sequence:
 * the stored row gets the next value (start 1, step 1, wrapping to 1 past the
 * type's maximum) and the generated values are reported as BSATN in column
 * order. Sequences are never rolled back. Values are JS numbers, so 64- to
 * 256-bit sequences top out at 2^53 − 1 (then wrap), far beyond any real use.
 */
import type { AlgebraicType } from 'spacetimedb';
import type { TableSchema } from '../module/schema-types.ts';
import { PRIMITIVE_SIZE, resolveType } from './bsatn-layout.ts';

/** Structured-clone-safe sequence state: the next value per autoinc column. */
export type SequenceState = { tableId: number; column: number; next: number };

const EMPTY = new Uint8Array(0);

export class SequenceSet {
  readonly tableId: number;
  readonly cols: number[];
  private readonly widths: number[];
  private readonly max: number[];
  readonly next: number[];

  constructor(table: TableSchema, typespace: readonly AlgebraicType[]) {
    this.tableId = table.id;
    this.cols = table.sequences.slice();
    this.widths = [];
    this.max = [];
    this.next = [];
    for (const col of this.cols) {
      const column = table.columns[col];
      if (column === undefined) throw new Error(`table ${table.name}: sequence column ${col} out of range`);
      const ty = resolveType(column.type, typespace);
      const width = PRIMITIVE_SIZE[ty.tag];
      if (width === undefined || !/^[IU]\d+$/.test(ty.tag)) {
        throw new Error(`table ${table.name}: sequence on non-integer column ${column.name}`);
      }
      const bits = ty.tag.startsWith('I') ? width * 8 - 1 : width * 8;
      this.widths.push(width);
      this.max.push(bits >= 53 ? Number.MAX_SAFE_INTEGER : 2 ** bits - 1);
      this.next.push(1);
    }
  }

  /**
   * Fills every zero-valued sequence column of `row` (the store's private
   * copy, column offsets `offs`) and returns the BSATN of the generated values.
   */
  apply(row: Uint8Array, offs: Int32Array): Uint8Array {
    let generated: Uint8Array = EMPTY;
    const cols = this.cols;
    for (let s = 0; s < cols.length; s++) {
      const start = offs[cols[s]!]!;
      const width = this.widths[s]!;
      const end = start + width;
      let zero = true;
      for (let i = start; i < end; i++) {
        if (row[i] !== 0) {
          zero = false;
          break;
        }
      }
      if (!zero) continue;
      const value = this.next[s]!;
      this.next[s] = value >= this.max[s]! ? 1 : value + 1;
      let x = value;
      for (let i = start; x > 0 && i < end; i++) {
        row[i] = x % 256;
        x = Math.floor(x / 256);
      }
      generated = generated === EMPTY ? row.slice(start, end) : concat(generated, row.subarray(start, end));
    }
    return generated;
  }

  snapshot(): SequenceState[] {
    return this.cols.map((column, s) => ({ tableId: this.tableId, column, next: this.next[s]! }));
  }

  restore(state: SequenceState): void {
    const s = this.cols.indexOf(state.column);
    if (s >= 0) this.next[s] = state.next;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
