/**
 * One index of a table.
 *
 * - Unique indexes keep a Map (key → row) for point lookups and constraint
 *   checks; unique hash indexes on one integer column key it by numbers.
 * - Btree/direct indexes (and non-unique hash ones) keep a B-tree over the
 *   order-preserving key strings. Non-unique indexes store
 *   `key + seqSuffix(seq)`, so equal keys list rows in insertion order and an
 *   undone delete goes back exactly where it was.
 */
import type { IndexAlgorithm, IndexSchema } from '../module/schema-types.ts';
import { ERRNO, HostError } from './datastore-types.ts';
import { KEY_MAX, type IndexKeyCodec } from './index-key.ts';
import { seqSuffix, type RowEntry } from './row-entry.ts';
import { StringBTree } from './string-btree.ts';

/** A key as stored: the order-preserving string, or a number (unique hash indexes on integers). */
export type IndexKey = string | number;

export class IndexStore {
  readonly id: number;
  readonly tableId: number;
  readonly unique: boolean;
  readonly algorithm: IndexAlgorithm;
  /** Position of this index in its table (and in `RowEntry.keys`). */
  readonly slot: number;
  readonly codec: IndexKeyCodec;
  private readonly map: Map<IndexKey, RowEntry> | undefined;
  private readonly tree: StringBTree<RowEntry> | undefined;

  constructor(schema: IndexSchema, slot: number, codec: IndexKeyCodec) {
    this.id = schema.id;
    this.tableId = schema.tableId;
    this.unique = schema.unique;
    this.algorithm = schema.algorithm;
    this.slot = slot;
    this.codec = codec;
    if (this.unique) this.map = new Map();
    if (!this.unique || this.algorithm !== 'hash') this.tree = new StringBTree<RowEntry>();
  }

  /** The store key for a row with index key `key` and sequence number `seq`. */
  storeKey(key: IndexKey, seq: number): IndexKey {
    return this.unique ? key : (key as string) + seqSuffix(seq);
  }

  add(row: RowEntry): void {
    const key = row.keys[this.slot]!;
    this.map?.set(key, row);
    this.tree?.set(key as string, row);
  }

  /** Points the key `row` shares with the entry it replaces at `row`. */
  repoint(row: RowEntry): void {
    const key = row.keys[this.slot]!;
    this.map?.set(key, row);
    this.tree?.set(key as string, row);
  }

  remove(row: RowEntry): void {
    const key = row.keys[this.slot]!;
    this.map?.delete(key);
    this.tree?.delete(key as string);
  }

  /** The row holding `key` in a unique index. */
  findUnique(key: IndexKey): RowEntry | undefined {
    return this.map!.get(key);
  }

  /** Rows whose key equals `key`, in insertion order. */
  point(key: IndexKey): RowEntry[] {
    if (this.map !== undefined) {
      const row = this.map.get(key);
      return row === undefined ? [] : [row];
    }
    return this.collectRange(key as string, key + KEY_MAX);
  }

  /** Rows with keys in [lo, hi), in key order. Hash indexes refuse (WRONG_INDEX_ALGO). */
  range(lo: string, hi: string): RowEntry[] {
    this.checkRangeable();
    return this.collectRange(lo, hi);
  }

  checkRangeable(): void {
    if (this.algorithm === 'hash') throw new HostError(ERRNO.WRONG_INDEX_ALGO);
  }

  clear(): void {
    this.map?.clear();
    this.tree?.clear();
  }

  private collectRange(lo: string, hi: string): RowEntry[] {
    const out: RowEntry[] = [];
    this.tree!.range(lo, hi, out);
    return out;
  }
}
