/**
 * One table: rows in insertion order (a list with tombstones, compacted only
 * between transactions so an undone delete keeps its place), the row
 * identity (set semantics, see row-identity.ts), the indexes and sequences.
 */
import type { AlgebraicType } from 'spacetimedb';
import type { TableSchema } from '../module/schema-types.ts';
import type { LayoutCompiler } from './bsatn-layout.ts';
import { IndexKeyCodec } from './index-key.ts';
import { IndexStore, type IndexKey } from './index-store.ts';
import type { KeyCompiler } from './key-encoding.ts';
import { RowEntry } from './row-entry.ts';
import { RowIdentity } from './row-identity.ts';
import { RowLayout } from './row-layout.ts';
import { SequenceSet } from './sequences.ts';

const NO_KEYS: IndexKey[] = [];

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
  private readonly identity: RowIdentity;

  constructor(schema: TableSchema, typespace: readonly AlgebraicType[], layouts: LayoutCompiler, keys: KeyCompiler) {
    this.id = schema.id;
    this.schema = schema;
    const columnTypes = schema.columns.map(c => c.type);
    this.layout = new RowLayout(columnTypes, layouts);
    this.indexes = schema.indexes.map(
      (ix, slot) =>
        new IndexStore(ix, slot, new IndexKeyCodec(columnTypes, ix.columns, keys, typespace, ix.unique && ix.algorithm === 'hash'))
    );
    this.uniques = this.indexes.filter(ix => ix.unique);
    this.identity = new RowIdentity(this.uniques[0]);
    this.sequences = schema.sequences.length > 0 ? new SequenceSet(schema, typespace) : undefined;
  }

  /** Raw index keys (one per index slot) of a validated row with column offsets `offs`. */
  keysOf(bytes: Uint8Array, offs: Int32Array): IndexKey[] {
    const n = this.indexes.length;
    if (n === 0) return NO_KEYS;
    const keys = new Array<IndexKey>(n);
    for (let i = 0; i < n; i++) keys[i] = this.indexes[i]!.codec.fromRow(bytes, offs);
    return keys;
  }

  /** What `findIdentical` and `create` need besides bytes and keys (0 when unused). */
  hashOf(bytes: Uint8Array): number {
    return this.identity.hashOf(bytes);
  }

  /** The entry with exactly these bytes (raw keys `keys`): live, or dead if deleted in the current transaction. */
  findIdentical(bytes: Uint8Array, hash: number, keys: readonly IndexKey[]): RowEntry | undefined {
    return this.identity.find(bytes, hash, keys);
  }

  /** The entry equal to `row` (validated first: BSATN_DECODE_ERROR), live or dead in the current transaction. */
  findRow(row: Uint8Array): RowEntry | undefined {
    const offs = this.layout.compute(row);
    const keys = this.uniques.length > 0 ? this.keysOf(row, offs) : NO_KEYS;
    return this.identity.find(row, this.identity.hashOf(row), keys);
  }

  /** Creates and attaches a new entry (`fresh` inside a transaction); `rawKeys` becomes its store keys. */
  create(bytes: Uint8Array, hash: number, rawKeys: IndexKey[], fresh: boolean): RowEntry {
    const seq = this.nextSeq++;
    const indexes = this.indexes;
    for (let i = 0; i < indexes.length; i++) {
      const ix = indexes[i]!;
      if (!ix.unique) rawKeys[i] = ix.storeKey(rawKeys[i]!, seq);
    }
    const entry = new RowEntry(bytes, hash, rawKeys, seq, this.id);
    entry.fresh = fresh;
    this.identity.added(entry);
    this.rows.push(entry);
    for (let i = 0; i < indexes.length; i++) indexes[i]!.add(entry);
    this.live++;
    return entry;
  }

  /**
   * Replaces live `old` by a new entry (an update): indexes where the key is
   * unchanged just repoint it. The new entry takes `old`'s sequence number,
   * so it keeps `old`'s place among equal keys of non-unique indexes (`old`
   * cannot come back while the new entry lives: they share a unique key).
   */
  replace(old: RowEntry, bytes: Uint8Array, hash: number, rawKeys: IndexKey[]): RowEntry {
    old.dead = true;
    this.dead++;
    this.identity.killed(old);
    const indexes = this.indexes;
    for (let i = 0; i < indexes.length; i++) {
      const ix = indexes[i]!;
      if (!ix.unique) rawKeys[i] = ix.storeKey(rawKeys[i]!, old.seq);
    }
    const entry = new RowEntry(bytes, hash, rawKeys, old.seq, this.id);
    entry.fresh = true;
    this.identity.added(entry);
    this.rows.push(entry);
    for (let i = 0; i < indexes.length; i++) {
      const ix = indexes[i]!;
      if (rawKeys[i] === old.keys[i]) ix.repoint(entry);
      else {
        ix.remove(old);
        ix.add(entry);
      }
    }
    return entry;
  }

  /** Re-attaches a dead entry (deleted in the current transaction, so still in the row list). */
  revive(entry: RowEntry): void {
    entry.dead = false;
    this.dead--;
    this.live++;
    this.identity.revived(entry);
    const indexes = this.indexes;
    for (let i = 0; i < indexes.length; i++) indexes[i]!.add(entry);
  }

  /** Deletes a live entry; it stays in the row list (tombstone) until `endTx` compacts. */
  kill(entry: RowEntry): void {
    entry.dead = true;
    this.dead++;
    this.live--;
    this.identity.killed(entry);
    const indexes = this.indexes;
    for (let i = 0; i < indexes.length; i++) indexes[i]!.remove(entry);
  }

  /** End of transaction: forgets `entry` if it stayed dead. */
  purge(entry: RowEntry): void {
    this.identity.purge(entry);
  }

  /** End of transaction (after every `purge`): removes tombstones once they outnumber live rows. */
  endTx(): void {
    this.identity.endTx();
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
    this.identity.reset();
    for (const ix of this.indexes) ix.clear();
  }
}
