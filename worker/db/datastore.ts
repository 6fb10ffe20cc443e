/**
 * Entry point of the in-memory transactional datastore.
 *
 * `createDatastore(schema)` implements the `Datastore` contract of
 * `datastore-types.ts`; the persistence helpers export and import its state.
 *
 * Layout of the implementation:
 * - mem-datastore.ts  the `Datastore` object: id lookups, transactions, reads
 * - writes.ts         insert / update / delete on one table, logged for undo
 * - transaction.ts    the undo log: rollback, and the net delta on commit
 * - table.ts          rows (insertion order, tombstones), indexes, sequences
 * - row-identity.ts   set semantics: find a row by its bytes
 * - index-store.ts    one index (Map for unique keys, B-tree for order)
 * - string-btree.ts   the B+ tree over key strings
 * - index-key.ts      key of a row / point key / range bounds of an index
 * - key-encoding.ts   order-preserving key encoding per type (+ key-buf.ts, int-keys.ts)
 * - bsatn-layout.ts   where a BSATN value ends, per type (+ row-layout.ts: column spans)
 * - sequences.ts      autoinc sequences
 * - persistence.ts    snapshot / restore
 */
import type { ModuleSchema } from '../module/schema-types.ts';
import type { Datastore } from './datastore-types.ts';
import { asMem, MemDatastore } from './mem-datastore.ts';

export {
  loadRows,
  restore,
  restoreSequences,
  snapshot,
  snapshotRows,
  snapshotSequences,
  type DatastoreSnapshot,
  type SequenceState,
} from './persistence.ts';

export function createDatastore(schema: ModuleSchema): Datastore {
  return new MemDatastore(schema);
}

/** Splits concatenated BSATN rows of a table (e.g. a syscall's row list); BSATN_DECODE_ERROR if malformed. */
export function splitRows(ds: Datastore, tableId: number, buf: Uint8Array): Uint8Array[] {
  const layout = asMem(ds).table(tableId).layout;
  const out: Uint8Array[] = [];
  for (let off = 0; off < buf.length; ) {
    const end = layout.rowEnd(buf, off);
    out.push(buf.subarray(off, end));
    off = end;
  }
  return out;
}
