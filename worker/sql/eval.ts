/**
 * How it works: a relation expression is flattened into its tables (left to
 * right), its equi-join columns and the AND-terms of its filters. Tables are
 * bound one at a time by nested loops (bag semantics: every matching
 * combination is a result); each table's candidates come from an index point
 * scan when an equality fixes an indexed column (the join column, or a
 * literal), else from a full scan. Each term is checked as soon as every
 * table it reads is bound. Values compare as decoded scalars (`values.ts`).
 */
import type { Datastore } from '../db/datastore-types.ts';
import type { TableSchema } from '../module/schema-types.ts';
import { exprAliases, flatten, type Expr, type FieldRef, type RelExpr, type Relvar } from './plan.ts';
import type { Typespace } from './sats.ts';
import { compareScalars, encodeValue, rowCodec, rowKey, toScalar, type Scalar } from './values.ts';

/** A stored row, decoded on first use. */
export type Row = { bytes: Uint8Array; table: TableSchema; decoded?: Record<string, unknown> };
/** One result combination: a row per alias. */
export type Tuple = Record<string, Row>;

export type EvalContext = {
  store: Datastore;
  ts: Typespace;
  /** Row-level security: the visible rows of a table (by `rowKey`), or undefined when all are. */
  visible?: (table: TableSchema) => Set<string> | undefined;
};

export function columnValue(row: Row, column: number, ts: Typespace): unknown {
  const codec = rowCodec(row.table, ts);
  row.decoded ??= codec.decode(row.bytes);
  return row.decoded[codec.keys[column]!];
}

function scalarOf(e: Expr, t: Tuple, ts: Typespace): Scalar {
  if (e.kind === 'field') return toScalar(e.field.type, columnValue(t[e.field.alias]!, e.field.column, ts), ts);
  if (e.kind === 'value') return toScalar(e.type, e.value, ts);
  return evalPredicate(e, t, ts);
}

export function evalPredicate(e: Expr, t: Tuple, ts: Typespace): boolean {
  switch (e.kind) {
    case 'log':
      return e.op === 'AND' ? evalPredicate(e.left, t, ts) && evalPredicate(e.right, t, ts) : evalPredicate(e.left, t, ts) || evalPredicate(e.right, t, ts);
    case 'bin': {
      const c = compareScalars(scalarOf(e.left, t, ts), scalarOf(e.right, t, ts));
      switch (e.op) {
        case '=': return c === 0;
        case '<>': return c !== 0;
        case '<': return c < 0;
        case '>': return c > 0;
        case '<=': return c <= 0;
        case '>=': return c >= 0;
      }
      return false;
    }
    default:
      return scalarOf(e, t, ts) === true;
  }
}

/** A single-column index on `column`, if any. */
export function singleColumnIndex(table: TableSchema, column: number) {
  return table.indexes.find(ix => ix.columns.length === 1 && ix.columns[0] === column);
}

/** `alias.col = literal` terms usable for a point scan. */
function literalProbe(rv: Relvar, terms: Expr[]): { indexId: number; type: FieldRef['type']; value: unknown } | undefined {
  for (const t of terms) {
    if (t.kind !== 'bin' || t.op !== '=') continue;
    const [f, v] = t.left.kind === 'field' ? [t.left, t.right] : [t.right, t.left];
    if (f.kind !== 'field' || v.kind !== 'value' || f.field.alias !== rv.alias) continue;
    const ix = singleColumnIndex(rv.table, f.field.column);
    if (ix) return { indexId: ix.id, type: v.type, value: v.value };
  }
  return undefined;
}

export function* evaluate(rel: RelExpr, ctx: EvalContext): Generator<Tuple> {
  const { rels, joins, terms } = flatten(rel);
  const bound = new Set<string>();
  const stages = rels.map(rv => {
    bound.add(rv.alias);
    const mine = terms.filter(t => [...exprAliases(t)].every(a => bound.has(a)) && exprAliases(t).has(rv.alias));
    return { rv, terms: mine, visible: ctx.visible?.(rv.table) };
  });
  const early = terms.filter(t => exprAliases(t).size === 0);
  if (early.some(t => !evalPredicate(t, {}, ctx.ts))) return;
  const wrap = (table: TableSchema, rows: Uint8Array[], visible: Set<string> | undefined): Row[] =>
    (visible ? rows.filter(b => visible.has(rowKey(b))) : rows).map(bytes => ({ bytes, table }));
  const fixed = stages.map(s => {
    const probe = literalProbe(s.rv, s.terms);
    const rows = probe ? ctx.store.scanPoint(probe.indexId, encodeValue(probe.type, probe.value, ctx.ts)) : undefined;
    return rows && wrap(s.rv.table, rows, s.visible);
  });
  const scans = new Map<number, Row[]>();
  function* bind(i: number, t: Tuple): Generator<Tuple> {
    if (i === stages.length) return yield { ...t };
    const s = stages[i]!;
    const on = joins.get(s.rv.alias);
    const ix = on && singleColumnIndex(s.rv.table, on.rhs.column);
    let candidates: Row[];
    if (on && ix && !fixed[i]) {
      const key = encodeValue(on.lhs.type, columnValue(t[on.lhs.alias]!, on.lhs.column, ctx.ts), ctx.ts);
      candidates = wrap(s.rv.table, ctx.store.scanPoint(ix.id, key), s.visible);
    } else {
      candidates = fixed[i] ?? scans.get(i) ?? wrap(s.rv.table, ctx.store.scanTable(s.rv.table.id), s.visible);
      scans.set(i, candidates);
    }
    for (const row of candidates) {
      t[s.rv.alias] = row;
      if (s.terms.every(term => evalPredicate(term, t, ctx.ts))) yield* bind(i + 1, t);
    }
    delete t[s.rv.alias];
  }
  yield* bind(0, {});
}
