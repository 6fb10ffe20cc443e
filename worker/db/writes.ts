/**
 * The write verbs on one table, logged for undo. Callers have checked the
 * table/index ids and that a transaction is open. Every check that can fail
 * runs before the first change, so a failed call changes nothing.
 */
import { ERRNO, HostError, type WriteResult } from './datastore-types.ts';
import type { IndexKey, IndexStore } from './index-store.ts';
import { bytesEqual, type RowEntry } from './row-entry.ts';
import type { Table } from './table.ts';
import type { UndoLog } from './transaction.ts';

const EMPTY = new Uint8Array(0);

/** Inserts a copy of `row` (autoinc columns filled); an identical row is a silent no-op. */
export function insertRow(t: Table, log: UndoLog, row: Uint8Array): WriteResult {
  const offs = t.layout.compute(row);
  const bytes = row.slice();
  const generated = t.sequences === undefined ? EMPTY : t.sequences.apply(bytes, offs);
  const keys = t.keysOf(bytes, offs);
  const hash = t.hashOf(bytes);
  const same = t.findIdentical(bytes, hash, keys);
  if (same !== undefined && !same.dead) return { row: same.bytes, generated };
  const uniques = t.uniques;
  for (let i = 0; i < uniques.length; i++) {
    const u = uniques[i]!;
    if (u.findUnique(keys[u.slot]!) !== undefined) throw new HostError(ERRNO.UNIQUE_ALREADY_EXISTS);
  }
  attach(t, log, bytes, hash, keys, same);
  return { row: bytes, generated };
}

/** Replaces the row `ix` (unique) finds by the new row's key; identical rows change nothing. */
export function updateRow(t: Table, ix: IndexStore, log: UndoLog, row: Uint8Array): WriteResult {
  const offs = t.layout.compute(row);
  const bytes = row.slice();
  const generated = t.sequences === undefined ? EMPTY : t.sequences.apply(bytes, offs);
  const keys = t.keysOf(bytes, offs);
  const old = ix.findUnique(keys[ix.slot]!);
  if (old === undefined) throw new HostError(ERRNO.NO_SUCH_ROW);
  if (bytesEqual(old.bytes, bytes)) return { row: old.bytes, generated };
  const uniques = t.uniques;
  for (let i = 0; i < uniques.length; i++) {
    const u = uniques[i]!;
    if (u === ix) continue;
    const other = u.findUnique(keys[u.slot]!);
    if (other !== undefined && other !== old) throw new HostError(ERRNO.UNIQUE_ALREADY_EXISTS);
  }
  const hash = t.hashOf(bytes);
  // A live twin would share the key of `old` in `ix`, so only a dead one (deleted in this tx) can exist.
  const twin = t.findIdentical(bytes, hash, keys);
  if (twin === undefined) {
    const entry = t.replace(old, bytes, hash, keys);
    log.delete(old);
    log.insert(entry);
  } else {
    t.kill(old);
    log.delete(old);
    attach(t, log, bytes, hash, keys, twin);
  }
  return { row: bytes, generated };
}

/** Adds a row known to be absent: revives `dead` (same bytes, deleted in this tx) or creates an entry. */
function attach(t: Table, log: UndoLog, bytes: Uint8Array, hash: number, keys: IndexKey[], dead: RowEntry | undefined): void {
  if (dead !== undefined) {
    t.revive(dead);
    log.insert(dead);
  } else {
    log.insert(t.create(bytes, hash, keys, true));
  }
}

/** Deletes live, distinct entries of `t`; returns how many. */
export function deleteEntries(t: Table, log: UndoLog, rows: readonly RowEntry[]): number {
  for (let i = 0; i < rows.length; i++) {
    const e = rows[i]!;
    t.kill(e);
    log.delete(e);
  }
  return rows.length;
}
