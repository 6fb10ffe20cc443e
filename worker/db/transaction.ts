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
  private rows: RowEntry[] = [];
  /** Parallel to `rows`: true for an insert, false for a delete. */
  private ops: boolean[] = [];

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
    // Per table: entry → true (net insert) / false (net delete), in first-net-change order.
    const net = new Map<number, Map<RowEntry, boolean>>();
    for (let i = 0; i < rows.length; i++) {
      const e = rows[i]!;
      const ins = ops[i]!;
      let m = net.get(e.tableId);
      if (m === undefined) net.set(e.tableId, (m = new Map()));
      if (m.get(e) === !ins) m.delete(e);
      else m.set(e, ins);
    }
    const delta: TxDelta = [];
    for (const [tableId, m] of net) {
      if (m.size === 0) continue;
      const d: TableDelta = { tableId, inserts: [], deletes: [] };
      for (const [e, ins] of m) (ins ? d.inserts : d.deletes).push(e.bytes);
      delta.push(d);
    }
    delta.sort((a, b) => a.tableId - b.tableId);
    for (let i = 0; i < rows.length; i++) {
      const e = rows[i]!;
      if (!ops[i]) tables[e.tableId]!.purge(e);
    }
    this.finish(tables);
    return delta;
  }

  private finish(tables: readonly Table[]): void {
    if (this.rows.length > 0) for (const t of tables) t.compact();
    this.rows = [];
    this.ops = [];
  }
}
