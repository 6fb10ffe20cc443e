/**
 * How it works: a subscription fragment is a flat join (tables, AND-terms).
 * Its change after a transaction is computed from the transaction's delta
 * alone, by the telescoping sum over table positions
 *   ΔR = Σᵢ R(T₁ⁿᵉʷ … Tᵢ₋₁ⁿᵉʷ, ΔTᵢ, Tᵢ₊₁ᵒˡᵈ … Tₖᵒˡᵈ)
 * with ΔTᵢ signed (+1 inserted, −1 deleted). Each term starts from the
 * changed rows of one position and reaches the others through index point
 * lookups on join columns, so its cost follows the delta, not the tables.
 * The old state of a table is the new one minus its inserts plus its
 * deletes. Bag semantics: a row is emitted once per matching combination.
 */
import type { Datastore } from '../db/datastore-types.ts';
import type { TableSchema } from '../module/schema-types.ts';
import { columnValue, evalPredicate, type Row, type Tuple } from '../sql/eval.ts';
import { exprAliases, type Expr, type Flat, type Relvar } from '../sql/plan.ts';
import { encodeValue, rowKey } from '../sql/values.ts';
import type { Typespace } from '../sql/sats.ts';

/** A transaction's changes to one table, wrapped once per transaction and shared by every query. */
export type TableChange = { inserts: Row[]; deletes: Row[]; inserted: Set<string> };
export type ChangeSet = Map<number, TableChange>;

type State = 'new' | 'old';
type Ctx = { store: Datastore; ts: Typespace; changes: ChangeSet };

const rowsOf = (table: TableSchema, bytes: Uint8Array[]): Row[] => bytes.map(b => ({ bytes: b, table }));

/** Rows of `rv` in the given state whose `column` equals the key (or all rows when no key). */
function candidates(ctx: Ctx, rv: Relvar, state: State, probe: { indexId: number; key: Uint8Array; column: number; value: () => unknown } | undefined): Row[] {
  const rows = rowsOf(rv.table, probe ? ctx.store.scanPoint(probe.indexId, probe.key) : ctx.store.scanTable(rv.table.id));
  const change = ctx.changes.get(rv.table.id);
  if (state === 'new' || !change) return rows;
  const old = rows.filter(r => !change.inserted.has(rowKey(r.bytes)));
  for (const d of change.deletes) {
    if (!probe || sameValue(columnValue(d, probe.column, ctx.ts), probe.value())) old.push(d);
  }
  return old;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)) === JSON.stringify(b, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
}

type Step = { rv: Relvar; terms: Expr[]; probe?: { from: string; fromColumn: number; column: number; type: Expr & { kind: 'field' } } };

/** Binding order: the start position first, then tables reachable by an indexed join equality, then the rest. */
function plan(frag: Flat, start: number): Step[] {
  const order: Step[] = [];
  const bound = new Set<string>();
  const remaining = frag.rels.filter((_, i) => i !== start);
  const push = (rv: Relvar, probe?: Step['probe']) => {
    bound.add(rv.alias);
    const terms = frag.terms.filter(t => exprAliases(t).has(rv.alias) && [...exprAliases(t)].every(a => bound.has(a)));
    order.push({ rv, terms, ...(probe ? { probe } : {}) });
  };
  push(frag.rels[start]!);
  while (remaining.length) {
    let pick = -1;
    let probe: Step['probe'];
    for (let i = 0; i < remaining.length && pick < 0; i++) {
      const rv = remaining[i]!;
      for (const t of frag.terms) {
        if (t.kind !== 'bin' || t.op !== '=' || t.left.kind !== 'field' || t.right.kind !== 'field') continue;
        const [mine, other] = t.left.field.alias === rv.alias ? [t.left, t.right] : [t.right, t.left];
        if (mine.field.alias !== rv.alias || !bound.has(other.field.alias)) continue;
        if (!rv.table.indexes.some(ix => ix.columns.length === 1 && ix.columns[0] === mine.field.column)) continue;
        pick = i;
        probe = { from: other.field.alias, fromColumn: other.field.column, column: mine.field.column, type: other as Expr & { kind: 'field' } };
        break;
      }
    }
    if (pick < 0) pick = 0;
    push(remaining.splice(pick, 1)[0]!, probe);
  }
  return order;
}

const plans = new WeakMap<Flat, Step[][]>();
/** Binding orders are fixed per fragment and start position: computed once. */
function planFor(frag: Flat, start: number): Step[] {
  let byStart = plans.get(frag);
  if (!byStart) plans.set(frag, (byStart = []));
  return (byStart[start] ??= plan(frag, start));
}

/**
 * Evaluates `frag` with position `start` bound to `startRows` and every other
 * position in `stateOf(i)`, calling `emit` for each result's `returnAlias` row.
 */
export function evalFragment(ctx: Ctx, frag: Flat, returnAlias: string, start: number, startRows: Row[], stateOf: (alias: string) => State, emit: (row: Row) => void): void {
  const steps = planFor(frag, start);
  const t: Tuple = {};
  const bind = (i: number): void => {
    if (i === steps.length) return emit(t[returnAlias]!);
    const s = steps[i]!;
    let rows: Row[];
    if (i === 0) rows = startRows;
    else if (s.probe) {
      const p = s.probe;
      const from = t[p.from]!;
      const index = s.rv.table.indexes.find(ix => ix.columns.length === 1 && ix.columns[0] === p.column)!;
      const value = () => columnValue(from, p.fromColumn, ctx.ts);
      rows = candidates(ctx, s.rv, stateOf(s.rv.alias), { indexId: index.id, key: encodeValue(p.type.field.type, value(), ctx.ts), column: p.column, value });
    } else rows = candidates(ctx, s.rv, stateOf(s.rv.alias), undefined);
    for (const row of rows) {
      t[s.rv.alias] = row;
      if (s.terms.every(term => evalPredicate(term, t, ctx.ts))) bind(i + 1);
    }
  };
  bind(0);
}

/**
 * All current result rows of a fragment (the initial rows of a subscription).
 * The first table's rows come from an index point scan when a `col = literal`
 * term fixes an indexed column (`:sender` included), else from a scan.
 */
export function evalFragmentFull(store: Datastore, ts: Typespace, frag: Flat, returnAlias: string, emit: (row: Row) => void): void {
  const first = frag.rels[0]!;
  const ctx = { store, ts, changes: new Map() };
  let rows: Uint8Array[] | undefined;
  for (const t of frag.terms) {
    if (t.kind !== 'bin' || t.op !== '=') continue;
    const [f, v] = t.left.kind === 'field' ? [t.left, t.right] : [t.right, t.left];
    if (f.kind !== 'field' || v.kind !== 'value' || f.field.alias !== first.alias) continue;
    const ix = first.table.indexes.find(i => i.columns.length === 1 && i.columns[0] === f.field.column);
    if (!ix) continue;
    rows = store.scanPoint(ix.id, encodeValue(f.field.type, v.value, ts));
    break;
  }
  evalFragment(ctx, frag, returnAlias, 0, rowsOf(first.table, rows ?? store.scanTable(first.table.id)), () => 'new', emit);
}

const positions = new WeakMap<Flat, Map<string, number>>();
function positionOf(frag: Flat, alias: string): number {
  let m = positions.get(frag);
  if (!m) positions.set(frag, (m = new Map(frag.rels.map((r, i) => [r.alias, i]))));
  return m.get(alias)!;
}

/** The fragment's change after a transaction: emits (row, +1|−1) per changed result combination. */
export function evalFragmentDelta(store: Datastore, ts: Typespace, changes: ChangeSet, frag: Flat, returnAlias: string, emit: (row: Row, sign: 1 | -1) => void): void {
  const ctx = { store, ts, changes };
  frag.rels.forEach((rv, i) => {
    const change = changes.get(rv.table.id);
    if (!change) return;
    const stateOf = (alias: string): State => (positionOf(frag, alias) < i ? 'new' : 'old');
    if (change.inserts.length) evalFragment(ctx, frag, returnAlias, i, change.inserts, stateOf, r => emit(r, 1));
    if (change.deletes.length) evalFragment(ctx, frag, returnAlias, i, change.deletes, stateOf, r => emit(r, -1));
  });
}
