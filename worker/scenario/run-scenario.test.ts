import { describe, expect, it } from 'vitest';
import { compile } from '../testing/test-db.ts';
import { runScenario, type Line } from './run-scenario.ts';

// A small module exercising what scenarios reach into: views (no stored rows)
// and identities nested inside structs, enums and arrays in reducer arguments.
const MODULE = `
import { schema, table, t } from 'spacetimedb/server';
const Grant = t.object('Grant', { who: t.identity(), level: t.u8() });
const Target = t.enum('Target', { Everyone: t.unit(), One: t.identity(), Pair: t.object('Pair', { a: t.identity(), b: t.identity() }) });
const grant = table({ name: 'grant', public: true }, { id: t.u32().primaryKey().autoInc(), who: t.identity(), level: t.u8() });
const target = table({ name: 'target', public: true }, { id: t.u32().primaryKey().autoInc(), target: Target });
const spacetimedb = schema({ grant, target });
export default spacetimedb;
export const give = spacetimedb.reducer({ grants: t.array(Grant) }, (ctx, { grants }) => {
  for (const g of grants) ctx.db.grant.insert({ id: 0, who: g.who, level: g.level });
});
export const aim = spacetimedb.reducer({ target: Target }, (ctx, { target }) => { ctx.db.target.insert({ id: 0, target }); });
export const high_grants = spacetimedb.anonymousView({ name: 'high_grants', public: true }, t.array(grant.rowType), ctx => [...ctx.db.grant.iter()].filter(g => g.level >= 5));
export const broken = spacetimedb.anonymousView({ name: 'broken', public: true }, t.array(grant.rowType), () => { throw new Error('nope'); });
`;

async function run(steps: unknown[]): Promise<Line[]> {
  const lines: Line[] = [];
  const status = runScenario(await compile(MODULE), { steps }, l => lines.push(l));
  expect(status).toBe(0);
  return lines.filter(l => 'step' in l);
}

describe('scenario steps', () => {
  it('"@name" stands for an identity inside struct fields, arrays and enum payloads', async () => {
    const lines = await run([
      { connect: 'ann' },
      { connect: 'bo' },
      { call: 'give', as: 'ann', args: [[{ who: '@bo', level: 7 }, ['@ann', 1]]] },
      { call: 'aim', args: [{ One: '@ann' }] },
      { call: 'aim', args: { target: { Pair: { a: '@ann', b: '@bo' } } } },
      { rows: 'grant' },
      { rows: 'target' },
    ]);
    const ann = lines[0]!.identity;
    const bo = lines[1]!.identity;
    expect(lines.slice(2, 5).map(l => l.ok)).toEqual([true, true, true]);
    expect(lines[5]!.rows).toEqual([{ id: 1, who: bo, level: 7 }, { id: 2, who: ann, level: 1 }]);
    expect(lines[6]!.rows).toEqual([{ id: 1, target: { One: ann } }, { id: 2, target: { Pair: { a: ann, b: bo } } }]);
  });

  it('"rows" of a view computes its rows; a failing view is a failed step', async () => {
    const lines = await run([
      { connect: 'ann' },
      { call: 'give', as: 'ann', args: [[{ who: '@ann', level: 9 }, { who: '@ann', level: 2 }]] },
      { rows: 'high_grants' },
      { rows: 'broken' },
    ]);
    expect(lines[2]).toEqual({ step: 2, ok: true, rows: [{ id: 1, who: lines[0]!.identity, level: 9 }] });
    expect(lines[3]).toMatchObject({ step: 3, ok: false });
    expect(lines[3]!.error).toContain('nope');
  });
});
