/**
 * Which live queries a transaction can affect, without looking at the
 * others: a single-table query fragment with an equality `col = literal`
 * (including `:sender`, bound per subscriber, and RLS rules expanded into
 * it) is filed under that table, column and value; a changed row reaches it
 * only when the row's value for that column is the same. Everything else
 * (joins, range filters, no filter) is filed under its tables and always
 * evaluated when they change. So a one-row update reaches the few queries
 * that can see it, not all of them.
 */
import type { AlgebraicType } from 'spacetimedb';
import { columnValue, type Row } from '../sql/eval.ts';
import type { Flat } from '../sql/plan.ts';
import type { Typespace } from '../sql/sats.ts';
import { conjuncts } from '../sql/plan.ts';
import { encodeValue, rowKey } from '../sql/values.ts';
import type { ChangeSet } from './fragment-eval.ts';

type ByColumn = { column: number; type: AlgebraicType; values: Map<string, Set<object>> };
type TableEntry = { always: Set<object>; columns: ByColumn[] };

function equality(frag: Flat): { column: number; type: AlgebraicType; value: unknown } | undefined {
  if (frag.rels.length !== 1) return undefined;
  for (const t of frag.terms.flatMap(x => conjuncts(x))) {
    if (t.kind !== 'bin' || t.op !== '=') continue;
    const [f, v] = t.left.kind === 'field' ? [t.left, t.right] : [t.right, t.left];
    if (f.kind === 'field' && v.kind === 'value') return { column: f.field.column, type: f.field.type, value: v.value };
  }
  return undefined;
}

export function createQueryIndex<Q extends object>(ts: Typespace) {
  const tables = new Map<number, TableEntry>();
  const entry = (tableId: number): TableEntry => {
    let e = tables.get(tableId);
    if (!e) tables.set(tableId, (e = { always: new Set(), columns: [] }));
    return e;
  };
  const filed = new WeakMap<Q, (() => void)[]>();

  return {
    add(q: Q, fragments: Flat[]): void {
      const undo: (() => void)[] = [];
      for (const frag of fragments) {
        const eq = equality(frag);
        if (!eq) {
          for (const rv of frag.rels) {
            const set = entry(rv.table.id).always;
            set.add(q);
            undo.push(() => set.delete(q));
          }
          continue;
        }
        const e = entry(frag.rels[0]!.table.id);
        let col = e.columns.find(c => c.column === eq.column);
        if (!col) e.columns.push((col = { column: eq.column, type: eq.type, values: new Map() }));
        const key = rowKey(encodeValue(eq.type, eq.value, ts));
        let set = col.values.get(key);
        if (!set) col.values.set(key, (set = new Set()));
        set.add(q);
        const values = col.values;
        undo.push(() => {
          set.delete(q);
          if (set.size === 0) values.delete(key);
        });
      }
      filed.set(q, undo);
    },
    remove(q: Q): void {
      for (const f of filed.get(q) ?? []) f();
      filed.delete(q);
    },
    /** The queries a transaction's changes can reach. */
    candidates(changes: ChangeSet): Set<Q> {
      const out = new Set<Q>();
      for (const [tableId, change] of changes) {
        const e = tables.get(tableId);
        if (!e) continue;
        for (const q of e.always) out.add(q as Q);
        for (const col of e.columns) {
          const visit = (row: Row) => {
            const set = col.values.get(rowKey(encodeValue(col.type, columnValue(row, col.column, ts), ts)));
            if (set) for (const q of set) out.add(q as Q);
          };
          change.inserts.forEach(visit);
          change.deletes.forEach(visit);
        }
      }
      return out;
    },
  };
}
