/**
 * One table: rows in insertion order (a list with tombstones, compacted only
 * between transactions so an undone delete keeps its place), an identity map
 * from row-bytes hash to entries (set semantics), the indexes and sequences.
 *
 * Entries deleted during a transaction stay in the identity map (dead) until
 * the transaction ends, so re-inserting the same bytes revives the very same
 * entry: the delta nets to zero and the row keeps its position.
 */
import type { AlgebraicType } from 'spacetimedb';
import type { TableSchema } from '../module/schema-types.ts';
import { RowLayout, type LayoutCompiler } from './bsatn-layout.ts';
import { IndexKeyCodec } from './index-key.ts';
import { IndexStore } from './index-store.ts';
import type { KeyCompiler } from './key-encoding.ts';
import { bytesEqual, RowEntry } from './row-entry.ts';
import { SequenceSet } from './sequences.ts';

const NO_KEYS: string[] = [];

export class Table {
  readonly id: number;
  readonly schema: TableSchema;
  readonly layout: RowLayout;
  readonly indexes: IndexStore[];
  readonly uniques: IndexStore[];
  readonly sequences: SequenceSet | undefined;
  /** Rows in insertion order, including tombstones (`dead`). */
  rows: RowEntry[] = [];
  /** Number of live rows. */
  live = 0;
  private dead = 0;
  private nextSeq = 0;
  private readonly byHash = new Map<number, RowEntry>();

  constructor(schema: TableSchema, typespace: readonly AlgebraicType[], layouts: LayoutCompiler, keys: KeyCompiler) {
    this.id = schema.id;
    this.schema = schema;
    const columnTypes = schema.columns.map(c => c.type);
    this.layout = new RowLayout(columnTypes, layouts);
    this.indexes = schema.indexes.map(
      (ix, slot) => new IndexStore(ix, slot, new IndexKeyCodec(columnTypes, ix.columns, keys, typespace))
    );
    this.uniques = this.indexes.filter(ix => ix.unique);
    this.sequences = schema.sequences.length > 0 ? new SequenceSet(schema, typespace) : undefined;
  }

  /** Raw index keys (one per index slot) of a validated row with column offsets `offs`. */
  keysOf(bytes: Uint8Array, offs: Int32Array): string[] {
    const n = this.indexes.length;
    if (n === 0) return NO_KEYS;
    const keys = new Array<string>(n);
    for (let i = 0; i < n; i++) keys[i] = this.indexes[i]!.codec.fromRow(bytes, offs);
    return keys;
  }

  /** The entry with exactly these bytes: live, or dead if deleted in the current transaction. */
  findIdentical(bytes: Uint8Array, hash: number): RowEntry | undefined {
    let e = this.byHash.get(hash);
    while (e !== undefined && e !== null) {
      if (bytesEqual(e.bytes, bytes)) return e;
      e = e.nextSame;
    }
    return undefined;
  }

  /** Creates and attaches a new entry; `rawKeys` becomes its store keys. */
  create(bytes: Uint8Array, hash: number, rawKeys: string[]): RowEntry {
    const seq = this.nextSeq++;
    const indexes = this.indexes;
    for (let i = 0; i < indexes.length; i++) {
      const ix = indexes[i]!;
      if (!ix.unique) rawKeys[i] = ix.storeKey(rawKeys[i]!, seq);
    }
    const entry = new RowEntry(bytes, hash, rawKeys, seq, this.id);
    entry.nextSame = this.byHash.get(hash) ?? null;
    this.byHash.set(hash, entry);
    this.rows.push(entry);
    for (let i = 0; i < indexes.length; i++) indexes[i]!.add(entry);
    this.live++;
    return entry;
  }

  /** Re-attaches a dead entry that is still in the row list and the identity map. */
  revive(entry: RowEntry): void {
    entry.dead = false;
    this.dead--;
    this.live++;
    const indexes = this.indexes;
    for (let i = 0; i < indexes.length; i++) indexes[i]!.add(entry);
  }

  /** Deletes a live entry, leaving it in the row list and identity map until `purge`/`compact`. */
  kill(entry: RowEntry): void {
    entry.dead = true;
    this.dead++;
    this.live--;
    const indexes = this.indexes;
    for (let i = 0; i < indexes.length; i++) indexes[i]!.remove(entry);
  }

  /** Drops a still-dead entry from the identity map (end of transaction). */
  purge(entry: RowEntry): void {
    if (!entry.dead) return;
    let e = this.byHash.get(entry.hash);
    let prev: RowEntry | null = null;
    while (e !== undefined && e !== null && e !== entry) {
      prev = e;
      e = e.nextSame;
    }
    if (e !== entry) return;
    if (prev === null) {
      if (entry.nextSame === null) this.byHash.delete(entry.hash);
      else this.byHash.set(entry.hash, entry.nextSame);
    } else prev.nextSame = entry.nextSame;
    entry.nextSame = null;
  }

  /** Removes tombstones once they outnumber live rows (between transactions only). */
  compact(): void {
    if (this.dead < 32 || this.dead * 2 < this.rows.length) return;
    this.rows = this.rows.filter(e => !e.dead);
    this.dead = 0;
  }

  /** Bytes of the live rows, in insertion order. */
  scan(): Uint8Array[] {
    const out: Uint8Array[] = [];
    const rows = this.rows;
    for (let i = 0; i < rows.length; i++) {
      const e = rows[i]!;
      if (!e.dead) out.push(e.bytes);
    }
    return out;
  }

  /** Drops every row without logging (restore). */
  reset(): void {
    this.rows = [];
    this.live = 0;
    this.dead = 0;
    this.byHash.clear();
    for (const ix of this.indexes) ix.clear();
  }
}
