/**
 * The in-memory transactional datastore. Rows are BSATN bytes (copied on
 * write; returned arrays share the stored bytes, so callers must not mutate
 * them). One transaction at a time, with an undo log; reads work in and out
 * of a transaction.
 */
import type { ModuleSchema } from '../module/schema-types.ts';
import { LayoutCompiler } from './bsatn-layout.ts';
import { ERRNO, HostError, type Datastore, type TxDelta, type WriteResult } from './datastore-types.ts';
import type { IndexKey, IndexStore } from './index-store.ts';
import { KeyCompiler } from './key-encoding.ts';
import { bytesEqual, type RowEntry } from './row-entry.ts';
import { Table } from './table.ts';
import { UndoLog } from './transaction.ts';

const EMPTY = new Uint8Array(0);

function bytesOf(rows: RowEntry[]): Uint8Array[] {
  const out = new Array<Uint8Array>(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = rows[i]!.bytes;
  return out;
}

export class MemDatastore implements Datastore {
  readonly schema: ModuleSchema;
  /** Indexed by table id. */
  readonly tables: Table[] = [];
  /** Tables in id order. */
  readonly tableList: Table[];
  private readonly indexById = new Map<number, IndexStore>();
  private readonly log = new UndoLog();
  private open = false;

  constructor(schema: ModuleSchema) {
    this.schema = schema;
    const layouts = new LayoutCompiler(schema.typespace);
    const keys = new KeyCompiler(schema.typespace);
    for (const ts of schema.tables) {
      const t = new Table(ts, schema.typespace, layouts, keys);
      this.tables[ts.id] = t;
      for (const ix of t.indexes) this.indexById.set(ix.id, ix);
    }
    this.tableList = this.tables.filter(t => t !== undefined);
  }

  get inTx(): boolean {
    return this.open;
  }

  begin(): void {
    if (this.open) throw new Error('begin: a transaction is already open');
    this.open = true;
  }

  commit(): TxDelta {
    if (!this.open) throw new Error('commit: no open transaction');
    this.open = false;
    return this.log.commit(this.tables);
  }

  rollback(): void {
    if (!this.open) throw new Error('rollback: no open transaction');
    this.open = false;
    this.log.rollback(this.tables);
  }

  table(tableId: number): Table {
    const t = this.tables[tableId];
    if (t === undefined) throw new HostError(ERRNO.NO_SUCH_TABLE);
    return t;
  }

  index(indexId: number): IndexStore {
    const ix = this.indexById.get(indexId);
    if (ix === undefined) throw new HostError(ERRNO.NO_SUCH_INDEX);
    return ix;
  }

  private writable(): void {
    if (!this.open) throw new HostError(ERRNO.NOT_IN_TRANSACTION);
  }

  rowCount(tableId: number): bigint {
    return BigInt(this.table(tableId).live);
  }

  scanTable(tableId: number): Uint8Array[] {
    return this.table(tableId).scan();
  }

  scanPoint(indexId: number, key: Uint8Array): Uint8Array[] {
    const ix = this.index(indexId);
    return bytesOf(ix.point(ix.codec.fromKey(key)));
  }

  scanRange(indexId: number, buf: Uint8Array, prefixLen: number, prefixElems: number, rstartLen: number, rendLen: number): Uint8Array[] {
    return bytesOf(this.rangeRows(indexId, buf, prefixLen, prefixElems, rstartLen, rendLen));
  }

  private rangeRows(indexId: number, buf: Uint8Array, prefixLen: number, prefixElems: number, rstartLen: number, rendLen: number): RowEntry[] {
    const ix = this.index(indexId);
    ix.checkRangeable();
    const codec = ix.codec;
    if (!codec.range(buf, prefixLen, prefixElems, rstartLen, rendLen)) return [];
    return ix.range(codec.lo, codec.hi);
  }

  insert(tableId: number, row: Uint8Array): WriteResult {
    const t = this.table(tableId);
    this.writable();
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
    this.attach(t, bytes, hash, keys, same);
    return { row: bytes, generated };
  }

  /** Adds a row known to be absent: revives `dead` (same bytes, deleted in this tx) or creates an entry. */
  private attach(t: Table, bytes: Uint8Array, hash: number, keys: IndexKey[], dead: RowEntry | undefined): void {
    if (dead !== undefined) {
      t.revive(dead);
      this.log.insert(dead);
    } else {
      this.log.insert(t.create(bytes, hash, keys, true));
    }
  }

  update(tableId: number, indexId: number, row: Uint8Array): WriteResult {
    const t = this.table(tableId);
    const ix = this.index(indexId);
    if (ix.tableId !== tableId) throw new HostError(ERRNO.NO_SUCH_INDEX);
    this.writable();
    if (!ix.unique) throw new HostError(ERRNO.INDEX_NOT_UNIQUE);
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
    t.kill(old);
    this.log.delete(old);
    const hash = t.hashOf(bytes);
    // A live twin would share the key of `old` in `ix`, so only a dead one (deleted in this tx) can exist.
    this.attach(t, bytes, hash, keys, t.findIdentical(bytes, hash, keys));
    return { row: bytes, generated };
  }

  private deleteEntries(rows: RowEntry[]): number {
    for (let i = 0; i < rows.length; i++) {
      const e = rows[i]!;
      this.tables[e.tableId]!.kill(e);
      this.log.delete(e);
    }
    return rows.length;
  }

  deleteByPoint(indexId: number, key: Uint8Array): number {
    const ix = this.index(indexId);
    this.writable();
    return this.deleteEntries(ix.point(ix.codec.fromKey(key)));
  }

  deleteByRange(indexId: number, buf: Uint8Array, prefixLen: number, prefixElems: number, rstartLen: number, rendLen: number): number {
    this.index(indexId);
    this.writable();
    return this.deleteEntries(this.rangeRows(indexId, buf, prefixLen, prefixElems, rstartLen, rendLen));
  }

  deleteAllByEq(tableId: number, rows: Uint8Array[]): number {
    const t = this.table(tableId);
    this.writable();
    // Look every row up first, so a malformed one fails the call before any delete.
    const found: RowEntry[] = [];
    for (const row of rows) {
      const e = t.findRow(row);
      if (e !== undefined && !e.dead) found.push(e);
    }
    let count = 0;
    for (const e of found) {
      if (e.dead) continue;
      t.kill(e);
      this.log.delete(e);
      count++;
    }
    return count;
  }

  clear(tableId: number): bigint {
    const t = this.table(tableId);
    this.writable();
    const rows = t.rows;
    let count = 0;
    for (let i = 0; i < rows.length; i++) {
      const e = rows[i]!;
      if (e.dead) continue;
      t.kill(e);
      this.log.delete(e);
      count++;
    }
    return BigInt(count);
  }
}

/** The store behind a `Datastore` made by `createDatastore`. */
export function asMem(ds: Datastore): MemDatastore {
  if (!(ds instanceof MemDatastore)) throw new Error('not a datastore made by createDatastore');
  return ds;
}
