/**
 * Publishing over a running database: can the new schema take the old data
 * without a manual migration? Follows upstream's automatic migration rules
 * (crates/schema/src/auto_migrate.rs `ponder_auto_migrate`) with its error
 * texts: tables may be added (and removed while empty), columns appended
 * with a `.default(v)`, indexes, sequences, constraints, schedules, access,
 * primary keys, views and RLS rules may change; columns may not be removed,
 * reordered or change type (a sum type may gain variants at its end). The
 * plan says, per new table, which old table feeds it and what bytes to
 * append to each old row (the added columns' defaults).
 */
import type { AlgebraicType } from 'spacetimedb';
import { formatType } from '../values/json-codec.ts';
import { resolveType } from './schema.ts';
import type { ModuleSchema, TableSchema } from './schema-types.ts';

export type TableCarry = {
  /** Old table id the rows come from. */
  from: number;
  /** New table id. */
  to: number;
  /** Appended to every old row: the BSATN defaults of the added columns, in order. */
  append: Uint8Array;
};

export type MigrationPlan = {
  tables: TableCarry[];
  /** Old tables the new schema drops: they must be empty (upstream checks at execution). */
  removed: { id: number; name: string }[];
  /** Upstream's `DisconnectAllUsers` step: clients must reconnect (added columns, removed tables or views, RLS changes). */
  disconnectAll: boolean;
  /** What changes, in words, for the publish message. */
  steps: string[];
};

export type PlanResult = { ok: true; plan: MigrationPlan } | { ok: false; errors: string[] };

type Ctx = { oldTs: AlgebraicType[]; newTs: AlgebraicType[]; table: string; column: string };

/** Upstream's `ensure_old_ty_upgradable_to_new`: undefined when compatible, else the error. */
function upgradeError(a: AlgebraicType, b: AlgebraicType, ctx: Ctx, within = false): string | undefined {
  const x = resolveType(a, ctx.oldTs);
  const y = resolveType(b, ctx.newTs);
  const what = within ? 'Changing a type within column' : 'Changing the type of column';
  const err = (why = '') =>
    `${what} ${ctx.column} in table ${ctx.table} from ${formatType(x, ctx.oldTs)} to ${formatType(y, ctx.newTs)}${why} requires a manual migration`;
  if (x.tag === 'Sum' && y.tag === 'Sum') {
    const ov = x.value.variants;
    const nv = y.value.variants;
    if (ov.length > nv.length) return err(', with fewer variants,');
    for (let i = 0; i < ov.length; i++) {
      if (ov[i]!.name !== nv[i]!.name) return err(', with a renamed variant,');
      const inner = upgradeError(ov[i]!.algebraicType, nv[i]!.algebraicType, ctx, true);
      if (inner) return inner;
    }
    return undefined;
  }
  if (x.tag === 'Product' && y.tag === 'Product') {
    const of = x.value.elements;
    const nf = y.value.elements;
    if (of.length !== nf.length) return err(', with fewer fields,');
    for (let i = 0; i < of.length; i++) {
      if (of[i]!.name !== nf[i]!.name) return err(', with a renamed field,');
      const inner = upgradeError(of[i]!.algebraicType, nf[i]!.algebraicType, ctx, true);
      if (inner) return inner;
    }
    return undefined;
  }
  if (x.tag === 'Array' && y.tag === 'Array') return upgradeError(x.value, y.value, ctx, true);
  return x.tag === y.tag && (x.tag !== 'Array' && x.tag !== 'Sum' && x.tag !== 'Product') ? undefined : err();
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const indexKey = (t: TableSchema) => new Set(t.indexes.map(ix => `${ix.name}:${ix.algorithm}:${ix.columns.join(',')}`));

function planTable(old: TableSchema, next: TableSchema, oldS: ModuleSchema, newS: ModuleSchema, plan: MigrationPlan, errors: string[]): void {
  const table = old.name;
  if (old.isEvent !== next.isEvent) errors.push(`Changing the event flag of table ${table} requires a manual migration`);
  const byName = new Map(next.columns.map((c, i) => [c.name, i]));
  let broken = false;
  old.columns.forEach((c, i) => {
    const j = byName.get(c.name);
    if (j === undefined) {
      if (!old.isEvent) errors.push(`Removing a column ${c.name} from table ${table} requires a manual migration`);
      broken = true;
      return;
    }
    if (j !== i && !old.isEvent) {
      if (!errors.includes(`Reordering table ${table} requires a manual migration`)) errors.push(`Reordering table ${table} requires a manual migration`);
      broken = true;
    }
    const e = upgradeError(c.type, next.columns[j]!.type, { oldTs: oldS.typespace, newTs: newS.typespace, table, column: c.name });
    if (e && !old.isEvent) {
      errors.push(e);
      broken = true;
    }
  });
  const added = next.columns.slice(old.columns.length).filter(c => !old.columns.some(o => o.name === c.name));
  for (const c of added) {
    if (!c.default && !old.isEvent) {
      errors.push(`Adding a column ${c.name} to table ${table} requires a default value annotation`);
      broken = true;
    }
  }
  if (broken) return;
  if (added.length && !old.isEvent) {
    plan.disconnectAll = true;
    plan.steps.push(`add column${added.length === 1 ? '' : 's'} ${added.map(c => c.name).join(', ')} to ${table} (existing rows get the default${added.length === 1 ? '' : 's'})`);
  }
  if (old.isPublic !== next.isPublic) plan.steps.push(`make ${table} ${next.isPublic ? 'public' : 'private'}`);
  if (old.primaryKey.join() !== next.primaryKey.join()) plan.steps.push(`change the primary key of ${table}`);
  const [before, after] = [indexKey(old), indexKey(next)];
  if ([...before].some(k => !after.has(k)) || [...after].some(k => !before.has(k))) plan.steps.push(`change the indexes of ${table}`);
  if ((old.schedule?.reducer ?? '') !== (next.schedule?.reducer ?? '')) plan.steps.push(`change the schedule of ${table}`);
  plan.tables.push({ from: old.id, to: next.id, append: old.isEvent ? new Uint8Array(0) : concat(added.map(c => c.default!)) });
}

/** Plans publishing `next` over a database created by `old`; the errors are upstream's, all of them at once. */
export function planMigration(old: ModuleSchema, next: ModuleSchema): PlanResult {
  const plan: MigrationPlan = { tables: [], removed: [], disconnectAll: false, steps: [] };
  const errors: string[] = [];
  const stored = (s: ModuleSchema) => s.tables.filter(t => !t.view);
  const now = new Map(stored(next).map(t => [t.name, t]));
  for (const t of stored(old)) {
    const n = now.get(t.name);
    if (n) planTable(t, n, old, next, plan, errors);
    else {
      plan.removed.push({ id: t.id, name: t.name });
      plan.disconnectAll = true;
      plan.steps.push(`remove table ${t.name}`);
    }
  }
  const before = new Set(stored(old).map(t => t.name));
  for (const t of stored(next)) if (!before.has(t.name)) plan.steps.push(`add table ${t.name}`);
  const views = (s: ModuleSchema) => new Set(s.views.map(v => v.name));
  if ([...views(old)].some(v => !views(next).has(v))) plan.disconnectAll = true;
  const rls = (s: ModuleSchema) => [...new Set(s.rowLevelSecurity)].sort().join('\n');
  if (rls(old) !== rls(next)) {
    plan.disconnectAll = true;
    plan.steps.push('change row-level security rules');
  }
  return errors.length ? { ok: false, errors } : { ok: true, plan };
}
