import type { IndexKey } from './index-store.ts';

/**
 * A stored row: its BSATN bytes (row identity), a hash of them for set
 * semantics, its key in every index of the table, and an insertion sequence
 * number that orders rows in the table and within equal index keys.
 */
export class RowEntry {
  /** True while deleted (tombstone in the table's row list). */
  dead = false;
  /** Next entry with the same hash (collision chain of the identity map). */
  nextSame: RowEntry | null = null;
  /** True from creation inside a transaction until that transaction commits. */
  fresh = false;
  /** Scratch for netting a commit's log: inserts minus deletes (0 outside `commit`). */
  net = 0;
  constructor(
    readonly bytes: Uint8Array,
    readonly hash: number,
    /** Store key per index slot (non-unique indexes carry a sequence suffix). */
    readonly keys: IndexKey[],
    readonly seq: number,
    readonly tableId: number
  ) {}
}

/** murmur3-style 32-bit hash of the bytes. */
export function hashBytes(b: Uint8Array): number {
  const n = b.length;
  let h = 0x9747b28c ^ n;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    let k = b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  for (; i < n; i++) {
    h ^= Math.imul(b[i]!, 0xcc9e2d51);
    h = (h << 15) | (h >>> 17);
    h = Math.imul(h, 0x1b873593);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  const n = a.length;
  if (n !== b.length) return false;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Fixed-width suffix making a non-unique index key unique while ordering
 * equal keys by insertion: three 15-bit chars (seq < 2^45), each below KEY_MAX.
 */
export function seqSuffix(seq: number): string {
  return String.fromCharCode(Math.floor(seq / 0x40000000) & 0x7fff, (seq >>> 15) & 0x7fff, seq & 0x7fff);
}
