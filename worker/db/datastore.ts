/**
 * Entry point of the in-memory transactional datastore.
 *
 * `createDatastore(schema)` implements the `Datastore` contract of
 * `datastore-types.ts`; the persistence helpers export and import its state.
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
