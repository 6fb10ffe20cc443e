/**
 * The undo log of the open transaction: every insert and delete, in order.
 * Rollback replays it backwards (cost proportional to the writes); commit
 * nets it into the transaction's delta. Either way, entries left dead are
 * then dropped from their table's identity map.
 */
import type { TableDelta, TxDelta } from './datastore-types.ts';
import type { RowEntry } from './row-entry.ts';
import type { Table } from './table.ts';

export class UndoLog {
  private readonly rows: RowEntry[] = [];
  /** Parallel to `rows`: true for an insert, false for a delete. */
  private readonly ops: boolean[] = [];

  get length(): number {
    return this.rows.length;
  }

  insert(entry: RowEntry): void {
    this.rows.push(entry);
    this.ops.push(true);
  }

  delete(entry: RowEntry): void {
    this.rows.push(entry);
    this.ops.push(false);
  }

  /** Undoes every logged write, newest first. */
  rollback(tables: readonly Table[]): void {
    const rows = this.rows;
    const ops = this.ops;
    for (let i = rows.length - 1; i >= 0; i--) {
      const e = rows[i]!;
      const t = tables[e.tableId]!;
      if (ops[i]) t.kill(e);
      else t.revive(e);
    }
    for (let i = 0; i < rows.length; i++) {
      const e = rows[i]!;
      if (ops[i]) tables[e.tableId]!.purge(e);
    }
    this.finish(tables);
  }

  /** Ends the transaction, keeping its writes; returns the net delta. */
  commit(tables: readonly Table[]): TxDelta {
    const rows = this.rows;
    const ops = this.ops;
    const n = rows.length;
    // Net effect per entry: +1 inserted, -1 deleted, 0 cancelled out.
    for (let i = 0; i < n; i++) rows[i]!.net += ops[i] ? 1 : -1;
    const byTable: TableDelta[] = [];
    const delta: TxDelta = [];
    for (let i = 0; i < n; i++) {
      const e = rows[i]!;
      const net = e.net;
      if (net === 0) continue;
      e.net = 0;
      let d = byTable[e.tableId];
      if (d === undefined) {
        d = byTable[e.tableId] = { tableId: e.tableId, inserts: [], deletes: [] };
        delta.push(d);
      }
      (net > 0 ? d.inserts : d.deletes).push(e.bytes);
    }
    if (delta.length > 1) delta.sort((a, b) => a.tableId - b.tableId);
    for (let i = 0; i < n; i++) {
      const e = rows[i]!;
      if (ops[i]) e.fresh = false;
      else tables[e.tableId]!.purge(e);
    }
    this.finish(tables);
    return delta;
  }

  private finish(tables: readonly Table[]): void {
    if (this.rows.length === 0) return;
    for (const t of tables) if (t !== undefined) t.endTx();
    this.rows.length = 0;
    this.ops.length = 0;
  }
}
