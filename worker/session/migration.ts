/**
 * The host's side of publishing over a running session: plan the migration
 * from the running schema to the next one (upstream's automatic rules) and
 * take the data it keeps, or say why it can't be kept.
 */
import { planMigration } from '../module/migrate.ts';
import type { ModuleSchema } from '../module/schema-types.ts';
import { takeBase, type DataBase } from './carry.ts';
import type { Failure } from './results.ts';
import type { Session } from './session.ts';

export type Migration = { ok: true; base: DataBase; rows: number; steps: string[]; reconnect: boolean } | Failure;

const failure = (message: string, reasons: string[]): Failure => ({ ok: false, error: { code: 'migration', message, reasons } });

export function migrationBase(running: Session, next: ModuleSchema): Migration {
  const planned = planMigration(running.db.schema, next);
  if (!planned.ok) {
    const n = planned.errors.length;
    return failure(`This schema change needs a manual migration (${n} reason${n === 1 ? '' : 's'}): publish on a fresh database to clear the data.`, planned.errors);
  }
  const { plan } = planned;
  const taken = takeBase(running.db, running.clients, next, plan);
  if (!taken.ok) return failure(`${taken.error}: publish on a fresh database to clear the data.`, [taken.error]);
  return { ok: true, base: taken.base, rows: taken.rows, steps: plan.steps, reconnect: plan.disconnectAll };
}
