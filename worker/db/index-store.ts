/**
 * One index of a table. Unique hash indexes are a Map (key → row); every
 * other index is a B-tree over key strings. Non-unique indexes store
 * `key + seqSuffix(seq)` so equal keys list rows in insertion order and an
 * undone delete goes back exactly where it was.
 */
import type { IndexAlgorithm, IndexSchema } from '../module/schema-types.ts';
import { BTree, compareStrings } from './btree.ts';
import { ERRNO, HostError } from './datastore-types.ts';
import { KEY_MAX, type IndexKeyCodec } from './index-key.ts';
import { seqSuffix, type RowEntry } from './row-entry.ts';

export class IndexStore {
  readonly id: number;
  readonly tableId: number;
  readonly unique: boolean;
  readonly algorithm: IndexAlgorithm;
  /** Position of this index in its table (and in `RowEntry.keys`). */
  readonly slot: number;
  readonly codec: IndexKeyCodec;
  private readonly map: Map<string, RowEntry> | undefined;
  private readonly tree: BTree<string, RowEntry> | undefined;
  private out: RowEntry[] = [];
  private readonly collect = (_key: string, row: RowEntry): void => {
    this.out.push(row);
  };

  constructor(schema: IndexSchema, slot: number, codec: IndexKeyCodec) {
    this.id = schema.id;
    this.tableId = schema.tableId;
    this.unique = schema.unique;
    this.algorithm = schema.algorithm;
    this.slot = slot;
    this.codec = codec;
    if (this.unique && this.algorithm === 'hash') this.map = new Map();
    else this.tree = new BTree<string, RowEntry>(undefined, compareStrings);
  }

  /** The store key for a row with index key `key` and sequence number `seq`. */
  storeKey(key: string, seq: number): string {
    return this.unique ? key : key + seqSuffix(seq);
  }

  add(row: RowEntry): void {
    const key = row.keys[this.slot]!;
    if (this.map !== undefined) this.map.set(key, row);
    else this.tree!.set(key, row);
  }

  remove(row: RowEntry): void {
    const key = row.keys[this.slot]!;
    if (this.map !== undefined) this.map.delete(key);
    else this.tree!.delete(key);
  }

  /** The row holding `key` in a unique index. */
  findUnique(key: string): RowEntry | undefined {
    return this.map !== undefined ? this.map.get(key) : this.tree!.get(key);
  }

  /** Rows whose key equals `key`, in insertion order. */
  point(key: string): RowEntry[] {
    if (this.unique) {
      const row = this.findUnique(key);
      return row === undefined ? [] : [row];
    }
    return this.collectRange(key, key + KEY_MAX);
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

  get size(): number {
    return this.map !== undefined ? this.map.size : this.tree!.size;
  }

  private collectRange(lo: string, hi: string): RowEntry[] {
    const out: RowEntry[] = [];
    if (lo >= hi) return out;
    this.out = out;
    this.tree!.forRange(lo, hi, false, this.collect);
    this.out = [];
    return out;
  }
}
