/**
 * The in-memory transactional datastore. Rows are BSATN bytes (copied on
 * write; returned arrays share the stored bytes, so callers must not mutate
 * them). One transaction at a time, with an undo log; reads work in and out
 * of a transaction.
 */
import type { ModuleSchema } from '../module/schema-types.ts';
import { LayoutCompiler } from './bsatn-layout.ts';
import { ERRNO, HostError, type Datastore, type TxDelta, type WriteResult } from './datastore-types.ts';
import type { IndexStore } from './index-store.ts';
import { KeyCompiler } from './key-encoding.ts';
import type { RowEntry } from './row-entry.ts';
import { Table } from './table.ts';
import { UndoLog } from './transaction.ts';
import { deleteEntries, insertRow, updateRow } from './writes.ts';

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
    return insertRow(t, this.log, row);
  }

  update(tableId: number, indexId: number, row: Uint8Array): WriteResult {
    const t = this.table(tableId);
    const ix = this.index(indexId);
    if (ix.tableId !== tableId) throw new HostError(ERRNO.NO_SUCH_INDEX);
    this.writable();
    if (!ix.unique) throw new HostError(ERRNO.INDEX_NOT_UNIQUE);
    return updateRow(t, ix, this.log, row);
  }

  deleteByPoint(indexId: number, key: Uint8Array): number {
    const ix = this.index(indexId);
    this.writable();
    return deleteEntries(this.tables[ix.tableId]!, this.log, ix.point(ix.codec.fromKey(key)));
  }

  deleteByRange(indexId: number, buf: Uint8Array, prefixLen: number, prefixElems: number, rstartLen: number, rendLen: number): number {
    const ix = this.index(indexId);
    this.writable();
    const rows = this.rangeRows(indexId, buf, prefixLen, prefixElems, rstartLen, rendLen);
    return deleteEntries(this.tables[ix.tableId]!, this.log, rows);
  }

  deleteAllByEq(tableId: number, rows: Uint8Array[]): number {
    const t = this.table(tableId);
    this.writable();
    // Look every row up first, so a malformed one fails the call before any delete.
    const found = new Set<RowEntry>();
    for (const row of rows) {
      const e = t.findRow(row);
      if (e !== undefined && !e.dead) found.add(e);
    }
    return deleteEntries(t, this.log, [...found]);
  }

  clear(tableId: number): bigint {
    const t = this.table(tableId);
    this.writable();
    return BigInt(deleteEntries(t, this.log, t.rows.filter(e => !e.dead)));
  }
}

/** The store behind a `Datastore` made by `createDatastore`. */
export function asMem(ds: Datastore): MemDatastore {
  if (!(ds instanceof MemDatastore)) throw new Error('not a datastore made by createDatastore');
  return ds;
}
