/**
 * Publishing a new module version over a running session without losing
 * its data: the old database's rows, sequence positions and open
 * connections are taken in the new schema's layout (`takeBase`, following
 * the migration plan) and stored in the new session's publish input, so the
 * journal that rebuilds the session starts from them (`carryOf`). Tables and
 * clients are named, not numbered: a base reads the same whatever ids the
 * next schema assigns.
 */
import type { Carry, Database } from '../engine/database.ts';
import { snapshotRows, snapshotSequences } from '../db/datastore.ts';
import type { MigrationPlan } from '../module/migrate.ts';
import type { ModuleSchema } from '../module/schema-types.ts';
import type { CarriedClient, Clients } from './clients.ts';

export type DataBase = {
  /** Rows per table, BSATN in the new schema's layout. */
  tables: { name: string; rows: Uint8Array[] }[];
  sequences: { table: string; column: number; next: number }[];
  /** Clients whose connections stay open across the publish (none when the plan disconnects everyone). */
  clients: CarriedClient[];
};

export type TakenBase = { ok: true; base: DataBase; rows: number } | { ok: false; error: string };

function appendTo(row: Uint8Array, tail: Uint8Array): Uint8Array {
  if (tail.length === 0) return row;
  const out = new Uint8Array(row.length + tail.length);
  out.set(row, 0);
  out.set(tail, row.length);
  return out;
}

/** The old database's data as `next` will hold it, or why it can't be kept (a removed table still has rows). */
export function takeBase(db: Database, clients: Clients, next: ModuleSchema, plan: MigrationPlan): TakenBase {
  const all = snapshotRows(db.store);
  const full = plan.removed.filter(t => (all[t.id]?.length ?? 0) > 0);
  if (full.length) {
    const t = full[0]!;
    const n = all[t.id]!.length;
    return { ok: false, error: `Removing table ${t.name} requires a manual migration: it still holds ${n} row${n === 1 ? '' : 's'}` };
  }
  let count = 0;
  const tables = plan.tables.flatMap(({ from, to, append }) => {
    const rows = (all[from] ?? []).map(r => appendTo(r, append));
    count += rows.length;
    return rows.length ? [{ name: next.tables[to]!.name, rows }] : [];
  });
  const toOf = new Map(plan.tables.map(t => [t.from, t.to]));
  const sequences = snapshotSequences(db.store).flatMap(s => {
    const to = toOf.get(s.tableId);
    return to !== undefined && next.tables[to]!.sequences.includes(s.column) ? [{ table: next.tables[to]!.name, column: s.column, next: s.next }] : [];
  });
  return { ok: true, base: { tables, sequences, clients: plan.disconnectAll ? [] : clients.export() }, rows: count };
}

/** What `db.publish` loads for `base`; registers its clients' connections in `clients`. */
export function carryOf(db: Database, clients: Clients, base: DataBase): Carry {
  const rows: Uint8Array[][] = db.schema.tables.map(() => []);
  const idOf = (name: string): number => {
    const t = db.findTable(name);
    if (!t) throw new Error(`the stored data names table ${name}, which this module lacks`);
    return t.id;
  };
  for (const t of base.tables) rows[idOf(t.name)] = t.rows;
  const sequences = base.sequences.map(s => ({ tableId: idOf(s.table), column: s.column, next: s.next }));
  return { rows, sequences, connections: clients.import(base.clients) };
}
