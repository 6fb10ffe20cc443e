/**
 * RLS expansion of a subscription into plan fragments, as upstream's
 * `resolve_views_for_expr` (crates/expr/src/rls.rs) does, so that the
 * fragments can face the same index-join and table-count rules: each table
 * with rules is replaced by each of its (recursively expanded) rules, one
 * fragment per combination. The rule's tables get fresh aliases (`t_1`),
 * except its return table, which takes the replaced table's alias. A table
 * that was joined on the right is re-attached by a cross join plus its old
 * join equality as a filter (`expand_leaf` + `extend_lhs`).
 */
import { flatten, type Expr, type FieldRef, type Flat, type Relvar } from './plan.ts';
import type { Rls } from './rls.ts';

function renameExpr(e: Expr, f: (alias: string) => string): Expr {
  switch (e.kind) {
    case 'field': return { kind: 'field', field: { ...e.field, alias: f(e.field.alias) } };
    case 'value': return e;
    default: return { ...e, left: renameExpr(e.left, f), right: renameExpr(e.right, f) };
  }
}

function substitute(frag: Flat, alias: string, def: Flat, defReturn: string, suffix: number): Flat {
  const name = (a: string): string => (a === defReturn ? alias : `${a}_${suffix}`);
  const field = (x: FieldRef): FieldRef => ({ ...x, alias: name(x.alias) });
  const rels: Relvar[] = def.rels.map(r => ({ table: r.table, alias: name(r.alias) }));
  const k = frag.rels.findIndex(r => r.alias === alias);
  const joins = new Map(frag.joins);
  if (k > 0) joins.delete(alias); // its equality survives in `terms` as a filter
  for (const [a, j] of def.joins) joins.set(name(a), { lhs: field(j.lhs), rhs: field(j.rhs) });
  return {
    rels: [...frag.rels.slice(0, k), ...rels, ...frag.rels.slice(k + 1)],
    joins,
    terms: [...frag.terms, ...def.terms.map(t => renameExpr(t, name))],
  };
}

export function expandRls(flat: Flat, rls: Rls): Flat[] {
  let suffix = 0;
  const expand = (f: Flat, returnTableId: number | undefined): Flat[] => {
    let fragments = [f];
    for (const rv of f.rels) {
      if (rv.table.id === returnTableId) continue;
      const rules = rls.rules(rv.table);
      if (rules === undefined) continue;
      const defs = rules.flatMap(rule => expand(flatten(rule.plan), rv.table.id).map(def => ({ def, ret: rule.alias })));
      fragments = fragments.flatMap(frag => defs.map(({ def, ret }) => substitute(frag, rv.alias, def, ret, ++suffix)));
    }
    return fragments;
  };
  return expand(flat, undefined);
}
