/**
 * Which joins upstream's subscription planner turns into index joins
 * (crates/physical-plan/src/rules.rs, then `SubscriptionPlan::compile` in
 * crates/subscription/src/lib.rs refuses any hash or nested-loop join left).
 *
 * A model of its rule order, per join of a left-deep tree (`lhs ⋈ rhs`):
 * literal comparisons are pushed to their table; the rhs join column needs an
 * index (`HashToIxJoin`) whose only column it is, or whose last column it is
 * with the leading ones fixed by `rhs.col = literal`. When the rhs carries
 * pushed filters and the lhs is a bare table, the sides swap first
 * (`ReorderHashJoin`), unless the rhs column has a single-column index
 * (`PullFilterAboveHashJoin` keeps it as the lookup side). A join without an
 * equality (cross join, no `a.x = b.y` in WHERE) is a nested loop: refused.
 */
import type { IndexSchema, TableSchema } from '../module/schema-types.ts';
import { err } from './errors.ts';
import { exprAliases, type Expr, type FieldRef, type Flat } from './plan.ts';

export type JoinChoice = {
  lhs: FieldRef;
  rhs: FieldRef;
  /** The side probed through `index` for each row of the other. */
  lookup: 'lhs' | 'rhs';
  index: IndexSchema;
};

/** Terms `alias.col <op> literal` (what the planner pushes down to the table scan). */
function pushed(alias: string, terms: Expr[]): Expr[] {
  return terms.filter(t => t.kind === 'bin' && [...exprAliases(t)].join() === alias && (t.left.kind === 'value' || t.right.kind === 'value'));
}

function eqConstColumns(alias: string, terms: Expr[]): Set<number> {
  const out = new Set<number>();
  for (const t of pushed(alias, terms)) {
    if (t.kind !== 'bin' || t.op !== '=') continue;
    const f = t.left.kind === 'field' ? t.left : t.right;
    if (f.kind === 'field') out.add(f.field.column);
  }
  return out;
}

export function lookupIndex(table: TableSchema, column: number, fixed: Set<number>): IndexSchema | undefined {
  return (
    table.indexes.find(ix => ix.columns.length === 1 && ix.columns[0] === column) ??
    table.indexes.find(ix => ix.columns[ix.columns.length - 1] === column && ix.columns.slice(0, -1).every(c => fixed.has(c)))
  );
}

/** The equality joining `rv` to the tables before it: its ON, or a `WHERE a.x = b.y` over a cross join. */
function joinCondition(flat: Flat, i: number): { lhs: FieldRef; rhs: FieldRef } | undefined {
  const rv = flat.rels[i]!;
  const on = flat.joins.get(rv.alias);
  if (on) return on;
  const before = new Set(flat.rels.slice(0, i).map(r => r.alias));
  for (const t of flat.terms) {
    if (t.kind !== 'bin' || t.op !== '=' || t.left.kind !== 'field' || t.right.kind !== 'field') continue;
    const [a, b] = [t.left.field, t.right.field];
    if (b.alias === rv.alias && before.has(a.alias)) return { lhs: a, rhs: b };
    if (a.alias === rv.alias && before.has(b.alias)) return { lhs: b, rhs: a };
  }
  return undefined;
}

/** Index joins for every join of the fragment, or upstream's refusal. */
export function chooseIndexJoins(flat: Flat): JoinChoice[] {
  const out: JoinChoice[] = [];
  for (let i = 1; i < flat.rels.length; i++) {
    const cond = joinCondition(flat, i);
    if (cond === undefined) throw err.indexJoin();
    const rhs = flat.rels[i]!;
    const lhs = flat.rels.find(r => r.alias === cond.lhs.alias)!;
    const single = lookupIndex(rhs.table, cond.rhs.column, new Set());
    const swap = !single && pushed(rhs.alias, flat.terms).length > 0 && i === 1 && pushed(lhs.alias, flat.terms).length === 0;
    const [side, target, field] = swap ? (['lhs', lhs, cond.lhs] as const) : (['rhs', rhs, cond.rhs] as const);
    const index = lookupIndex(target.table, field.column, eqConstColumns(target.alias, flat.terms));
    if (index === undefined) throw err.indexJoin();
    if (target.table.isEvent) throw err.eventLookup();
    out.push({ lhs: cond.lhs, rhs: cond.rhs, lookup: side, index });
  }
  return out;
}
