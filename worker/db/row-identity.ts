/**
 * Finding a table's row by its bytes (set semantics). Tables with a unique
 * index go through it (same bytes ⇒ same key; then compare bytes); other
 * tables keep a map from a hash of the bytes. Entries deleted in the current
 * transaction that existed before it stay findable, so re-inserting the same
 * bytes revives the very same entry, until the transaction ends. (Rows both
 * created and deleted in the transaction need no reviving: a new entry nets
 * the same.) So a key or hash has at most one dead entry to skip.
 *
 * Collisions chain through `RowEntry.nextSame`; an entry is in at most one
 * chain (`byHash` in hash mode, `txDead` in unique mode).
 */
import type { IndexKey, IndexStore } from './index-store.ts';
import { bytesEqual, hashBytes, type RowEntry } from './row-entry.ts';

function findIn<K>(map: Map<K, RowEntry>, key: K, bytes: Uint8Array): RowEntry | undefined {
  let e: RowEntry | null = map.get(key) ?? null;
  while (e !== null) {
    if (bytesEqual(e.bytes, bytes)) return e;
    e = e.nextSame;
  }
  return undefined;
}

function link<K>(map: Map<K, RowEntry>, key: K, entry: RowEntry): void {
  entry.nextSame = map.get(key) ?? null;
  map.set(key, entry);
}

function unlink<K>(map: Map<K, RowEntry>, key: K, entry: RowEntry): void {
  let e: RowEntry | null = map.get(key) ?? null;
  let prev: RowEntry | null = null;
  while (e !== null && e !== entry) {
    prev = e;
    e = e.nextSame;
  }
  if (e === null) return;
  if (prev !== null) prev.nextSame = entry.nextSame;
  else if (entry.nextSame !== null) map.set(key, entry.nextSame);
  else map.delete(key);
  entry.nextSame = null;
}

export class RowIdentity {
  /** The unique index rows are found through (unique mode), else undefined (hash mode). */
  private readonly primary: IndexStore | undefined;
  /** Hash mode: every entry, live or dead in the current transaction. */
  private readonly byHash = new Map<number, RowEntry>();
  /** Unique mode: entries deleted in the current transaction, by primary key. */
  private readonly txDead = new Map<IndexKey, RowEntry>();

  constructor(primary: IndexStore | undefined) {
    this.primary = primary;
  }

  /** The hash `find` and `added` need (0 in unique mode, where it is unused). */
  hashOf(bytes: Uint8Array): number {
    return this.primary === undefined ? hashBytes(bytes) : 0;
  }

  /** The entry with exactly `bytes` (raw index keys `keys`): live, or dead in the current transaction. */
  find(bytes: Uint8Array, hash: number, keys: readonly IndexKey[]): RowEntry | undefined {
    const p = this.primary;
    if (p === undefined) return findIn(this.byHash, hash, bytes);
    const key = keys[p.slot]!;
    const live = p.findUnique(key);
    if (live !== undefined && bytesEqual(live.bytes, bytes)) return live;
    return this.txDead.size === 0 ? undefined : findIn(this.txDead, key, bytes);
  }

  /** A new entry was created. */
  added(entry: RowEntry): void {
    if (this.primary === undefined) link(this.byHash, entry.hash, entry);
  }

  /** A live entry was deleted. */
  killed(entry: RowEntry): void {
    const p = this.primary;
    if (p === undefined) {
      if (entry.fresh) unlink(this.byHash, entry.hash, entry);
    } else if (!entry.fresh) link(this.txDead, entry.keys[p.slot]!, entry);
  }

  /** A dead entry came back. */
  revived(entry: RowEntry): void {
    const p = this.primary;
    if (p === undefined) {
      if (entry.fresh) link(this.byHash, entry.hash, entry);
    } else if (!entry.fresh) unlink(this.txDead, entry.keys[p.slot]!, entry);
  }

  /** End of transaction: forget `entry` if it stayed dead. */
  purge(entry: RowEntry): void {
    if (this.primary === undefined && entry.dead) unlink(this.byHash, entry.hash, entry);
  }

  /** End of transaction, after every `purge`. */
  endTx(): void {
    if (this.txDead.size > 0) {
      for (let e of this.txDead.values()) {
        while (e.nextSame !== null) {
          const next: RowEntry = e.nextSame;
          e.nextSame = null;
          e = next;
        }
      }
      this.txDead.clear();
    }
  }

  reset(): void {
    this.byHash.clear();
    this.txDead.clear();
  }
}
