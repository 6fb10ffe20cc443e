/**
 * Runs a typed SELECT: whole rows, chosen columns, or COUNT(*); LIMIT takes
 * the first n results in scan order (no ordering is implied). Values come
 * out in the CLI's JSON format (`worker/values`).
 */
import type { AlgebraicType } from 'spacetimedb';
import { decodeRowJson, type Json } from '../values/json-codec.ts';
import { evaluate, type EvalContext, type Row } from './eval.ts';
import { relvars, type SelectPlan } from './plan.ts';
import { U64 } from './sats.ts';

export type SqlColumn = { name: string; type: AlgebraicType };
export type SelectResult = { columns: SqlColumn[]; rows: Json[][] };

const jsonCache = new WeakMap<Row, Json[]>();

/** A row's columns as JSON, in column order. */
function rowJson(row: Row, ctx: EvalContext): Json[] {
  let out = jsonCache.get(row);
  if (out === undefined) {
    const obj = decodeRowJson(row.table.rowType, ctx.ts, row.bytes);
    out = row.table.rowType.elements.map((e, i) => obj[e.name ?? String(i)] ?? null);
    jsonCache.set(row, out);
  }
  return out;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function runSelect(plan: SelectPlan, ctx: EvalContext): SelectResult {
  const { project, limit } = plan;
  const max = limit === undefined ? Infinity : limit > MAX_SAFE ? Infinity : Number(limit);
  if (project.kind === 'count') {
    let n = 0n;
    for (const _ of evaluate(project.input, ctx)) n++;
    const rows: Json[][] = max >= 1 ? [[n <= MAX_SAFE ? Number(n) : n.toString()]] : [];
    return { columns: [{ name: project.alias, type: U64 }], rows };
  }
  const rows: Json[][] = [];
  if (project.kind === 'rows') {
    const table = relvars(project.input).find(r => r.alias === project.alias)!.table;
    const columns = table.columns.map(c => ({ name: c.name, type: c.type }));
    if (max === 0) return { columns, rows };
    for (const t of evaluate(project.input, ctx)) {
      rows.push(rowJson(t[project.alias]!, ctx));
      if (rows.length >= max) break;
    }
    return { columns, rows };
  }
  const columns = project.columns.map(c => ({ name: c.name, type: c.field.type }));
  if (max === 0) return { columns, rows };
  for (const t of evaluate(project.input, ctx)) {
    rows.push(project.columns.map(c => rowJson(t[c.field.alias]!, ctx)[c.field.column] ?? null));
    if (rows.length >= max) break;
  }
  return { columns, rows };
}
