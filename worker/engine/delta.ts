import type { TableDelta, TxDelta } from '../db/datastore-types.ts';

const keyOf = (row: Uint8Array): string => String.fromCharCode.apply(null, row as unknown as number[]);

/** Nets several consecutive transactions' deltas into one (a row inserted then deleted vanishes). */
export function mergeDeltas(deltas: TxDelta[]): TxDelta {
  if (deltas.length <= 1) return deltas[0] ?? [];
  const byTable = new Map<number, { inserts: Map<string, Uint8Array>; deletes: Map<string, Uint8Array> }>();
  for (const delta of deltas) {
    for (const t of delta) {
      let acc = byTable.get(t.tableId);
      if (!acc) byTable.set(t.tableId, (acc = { inserts: new Map(), deletes: new Map() }));
      for (const row of t.deletes) {
        const k = keyOf(row);
        if (!acc.inserts.delete(k)) acc.deletes.set(k, row);
      }
      for (const row of t.inserts) {
        const k = keyOf(row);
        if (!acc.deletes.delete(k)) acc.inserts.set(k, row);
      }
    }
  }
  const out: TableDelta[] = [];
  for (const [tableId, acc] of [...byTable].sort((a, b) => a[0] - b[0])) {
    if (acc.inserts.size || acc.deletes.size) out.push({ tableId, inserts: [...acc.inserts.values()], deletes: [...acc.deletes.values()] });
  }
  return out;
}
