/**
 * Export and import of a datastore's state (for persistence): rows per table
 * and sequence positions, as plain structured-clone-safe values. Loading
 * rebuilds every index from the rows.
 */
import { HostError, ERRNO, type Datastore } from './datastore-types.ts';
import { asMem } from './mem-datastore.ts';
import type { SequenceState } from './sequences.ts';
import type { Table } from './table.ts';

export type { SequenceState } from './sequences.ts';

export type DatastoreSnapshot = {
  /** Rows per table id, in insertion order (missing ids: empty). */
  rows: Uint8Array[][];
  sequences: SequenceState[];
};

/** Rows per table id, in insertion order. The arrays share the stored bytes. */
export function snapshotRows(ds: Datastore): Uint8Array[][] {
  const mem = asMem(ds);
  const out: Uint8Array[][] = [];
  for (let id = 0; id < mem.tables.length; id++) out.push(mem.tables[id]?.scan() ?? []);
  return out;
}

/**
 * Replaces every table's contents with `rows` (indexed by table id), outside
 * any transaction, without touching sequences or producing a delta. Rows are
 * copied and validated; duplicates are skipped (set semantics) and a unique
 * collision throws UNIQUE_ALREADY_EXISTS.
 */
export function loadRows(ds: Datastore, rows: readonly (readonly Uint8Array[])[]): void {
  const mem = asMem(ds);
  if (mem.inTx) throw new Error('loadRows: a transaction is open');
  for (const t of mem.tableList) t.reset();
  rows.forEach((tableRows, tableId) => {
    if (tableRows.length === 0) return;
    const t = mem.table(tableId);
    for (const row of tableRows) loadRow(t, row);
  });
}

function loadRow(t: Table, row: Uint8Array): void {
  const offs = t.layout.compute(row);
  const bytes = row.slice();
  const keys = t.keysOf(bytes, offs);
  const hash = t.hashOf(bytes);
  if (t.findIdentical(bytes, hash, keys) !== undefined) return;
  for (const u of t.uniques) {
    if (u.findUnique(keys[u.slot]!) !== undefined) throw new HostError(ERRNO.UNIQUE_ALREADY_EXISTS);
  }
  t.create(bytes, hash, keys, false);
}

/** The next value of every autoinc sequence. */
export function snapshotSequences(ds: Datastore): SequenceState[] {
  return asMem(ds).tableList.flatMap(t => t.sequences?.snapshot() ?? []);
}

/** Sets sequence positions; entries for unknown tables or columns are ignored. */
export function restoreSequences(ds: Datastore, states: readonly SequenceState[]): void {
  const mem = asMem(ds);
  for (const s of states) mem.tables[s.tableId]?.sequences?.restore(s);
}

/** Rows and sequences, structured-clone-safe. */
export function snapshot(ds: Datastore): DatastoreSnapshot {
  return { rows: snapshotRows(ds), sequences: snapshotSequences(ds) };
}

/** Restores what `snapshot` returned (rebuilding indexes). */
export function restore(ds: Datastore, snap: DatastoreSnapshot): void {
  loadRows(ds, snap.rows);
  restoreSequences(ds, snap.sequences);
}
