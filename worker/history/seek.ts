/**
 * Seeking: the state (rows and sequence positions) right after any entry,
 * from the recorded deltas alone — no module code runs.
 *
 * How it works: every row a delta inserts is one row *instance* with a
 * lifetime [inserted at, deleted at). The index keeps, per table, the
 * instances in insertion order with their two positions in typed arrays.
 * The rows of a table after entry p are the instances alive at p, in
 * insertion order — which is the datastore's own scan order, since an
 * insert (or update) appends and a delete removes. A seek is one linear
 * pass over the instances inserted up to p: no snapshot to restore, no
 * deltas to re-apply, so it costs about the same at any position.
 * Sequence positions are recorded with the entries that moved them and
 * found by binary search.
 */
import type { DatastoreSnapshot, SequenceState } from '../db/datastore.ts';
import { bytesEqual, hashBytes } from '../db/row-entry.ts';
import type { LogEntry } from './entry.ts';

const ALIVE = 0x7fffffff;
const NONE = -1;

/** The row instances of one table, and which of them are alive after the last entry. */
class Lifetimes {
  inserted: Int32Array = new Int32Array(64);
  deleted: Int32Array = new Int32Array(64);
  /** Next live instance with the same hash (NONE ends the chain). */
  private chain: Int32Array = new Int32Array(64);
  rows: Uint8Array[] = [];
  /** Row hash → first live instance with that hash (set semantics: one live instance per distinct row). */
  private readonly live = new Map<number, number>();

  add(row: Uint8Array, position: number): void {
    const n = this.rows.length;
    if (n === this.inserted.length) {
      this.inserted = grow(this.inserted);
      this.deleted = grow(this.deleted);
      this.chain = grow(this.chain);
    }
    const h = hashBytes(row);
    this.inserted[n] = position;
    this.deleted[n] = ALIVE;
    this.chain[n] = this.live.get(h) ?? NONE;
    this.live.set(h, n);
    this.rows.push(row);
  }

  /** Marks the live instance equal to `row` deleted at `position`; false if there is none. */
  delete(row: Uint8Array, position: number): boolean {
    const h = hashBytes(row);
    let prev = NONE;
    for (let i = this.live.get(h) ?? NONE; i !== NONE; prev = i, i = this.chain[i]!) {
      if (!bytesEqual(this.rows[i]!, row)) continue;
      const rest = this.chain[i]!;
      if (prev !== NONE) this.chain[prev] = rest;
      else if (rest === NONE) this.live.delete(h);
      else this.live.set(h, rest);
      this.deleted[i] = position;
      return true;
    }
    return false;
  }

  /** Live rows after `position`, in insertion order. */
  at(position: number): Uint8Array[] {
    const ins = this.inserted;
    const del = this.deleted;
    // Instances are in insertion order, so `inserted` never decreases: stop at the first one after `position`.
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ins[mid]! <= position) lo = mid + 1;
      else hi = mid;
    }
    const out: Uint8Array[] = [];
    for (let i = 0; i < lo; i++) if (del[i]! > position) out.push(this.rows[i]!);
    return out;
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

export class SeekIndex {
  private readonly tables: Lifetimes[] = [];
  /** Positions where sequences changed, and the values from there on. */
  private readonly seqAt: number[] = [];
  private readonly seqValues: SequenceState[][] = [];
  private count = 0;

  /** `tableCount`: how many table ids `stateAt` lists at least (the schema's), as `snapshot` does. */
  constructor(entries: readonly LogEntry[] = [], private readonly tableCount = 0) {
    for (const e of entries) this.append(e);
  }

  /** Number of entries indexed. */
  get length(): number {
    return this.count;
  }

  /** Adds the next entry. Throws if its position is not the next one or a delete names a row that is not there. */
  append(e: LogEntry): void {
    if (e.position !== this.count) throw new Error(`seek index: entry ${e.position} appended after ${this.count} entries`);
    for (const d of e.delta) {
      const t = (this.tables[d.tableId] ??= new Lifetimes());
      for (const row of d.deletes) {
        if (!t.delete(row, e.position)) throw new Error(`seek index: entry ${e.position} deletes a row table ${d.tableId} does not hold`);
      }
      for (const row of d.inserts) t.add(row, e.position);
    }
    if (e.sequences) {
      this.seqAt.push(e.position);
      this.seqValues.push(e.sequences);
    }
    this.count++;
  }

  /** Rows of one table right after entry `position`, in table (insertion) order. */
  rowsAt(tableId: number, position: number): Uint8Array[] {
    this.check(position);
    return this.tables[tableId]?.at(position) ?? [];
  }

  /** The datastore state right after entry `position`, as `snapshot` returns it (`restore` loads it into a datastore). */
  stateAt(position: number): DatastoreSnapshot {
    this.check(position);
    const rows = Array.from({ length: Math.max(this.tableCount, this.tables.length) }, (_, id) => this.tables[id]?.at(position) ?? []);
    let lo = 0;
    let hi = this.seqAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqAt[mid]! <= position) lo = mid + 1;
      else hi = mid;
    }
    return { rows, sequences: lo === 0 ? [] : this.seqValues[lo - 1]!.map(s => ({ ...s })) };
  }

  private check(position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.count) throw new RangeError(`seek: position ${position} is outside the history (0..${this.count - 1})`);
  }
}
