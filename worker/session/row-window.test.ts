import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuild } from '../node/esbuild.ts';
import { openTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { readWindow, type RowWindow } from './row-window.ts';

const MODULE = `import { schema, table, t } from 'spacetimedb/server';
const item = table({ name: 'item', public: true }, {
  id: t.u32().primaryKey(),
  rank: t.i32().index('btree'),
  name: t.string(),
  grp: t.u8(),
});
const spacetimedb = schema({ item });
export default spacetimedb;
export const fill = spacetimedb.reducer({ n: t.u32() }, (ctx, { n }) => {
  for (let i = 0; i < n; i++) ctx.db.item.insert({ id: i, rank: ((i * 7) % 10) - 5, name: 'n' + ((i * 3) % 10), grp: i % 3 });
});
export const add = spacetimedb.reducer({ id: t.u32(), rank: t.i32(), name: t.string(), grp: t.u8() }, (ctx, row) => {
  ctx.db.item.insert(row);
});
export const rename = spacetimedb.reducer({ id: t.u32(), name: t.string() }, (ctx, { id, name }) => {
  const row = ctx.db.item.id.find(id);
  if (!row) throw new Error('no item ' + id);
  ctx.db.item.id.update({ ...row, name });
});
`;

type Item = { id: number; rank: number; name: string; grp: number };
const N = 30;

describe('row windows', () => {
  let t: TestDatabase;
  const win = (w: Partial<RowWindow>) => {
    const r = readWindow(t.db, 'item', { offset: 0, limit: 1000, ...w });
    if (!r.ok) throw new Error(r.error.message);
    return { ...r, items: r.rows as Item[] };
  };
  const ids = (w: Partial<RowWindow>) => win(w).items.map(r => r.id);
  /** What a stable sort of all rows by `key` gives (ties in insertion order, i.e. by id here). */
  const expected = (key: (r: Item) => number | string) =>
    (t.rows('item') as Item[]).slice().sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id)).map(r => r.id);

  beforeAll(async () => {
    t = await openTestDatabase(MODULE);
    expect(t.call('fill', [N]).outcome.status).toBe('committed');
  });
  afterAll(() => esbuild.stop());

  it('slices the table in insertion order by offset and limit, with total and matched', () => {
    const r = win({ offset: 5, limit: 3 });
    expect(r.items.map(i => i.id)).toEqual([5, 6, 7]);
    expect(r).toMatchObject({ total: N, matched: N, offset: 5 });
    expect(win({ offset: N - 1, limit: 10 }).items.map(i => i.id)).toEqual([N - 1]);
    expect(win({ offset: N + 5, limit: 10 }).rows).toEqual([]);
  });

  it('sorts by an indexed column in index order, ties in insertion order, desc exactly reversed', () => {
    const asc = expected(r => r.rank);
    expect(ids({ sort: { column: 'rank', dir: 'asc' } })).toEqual(asc);
    expect(ids({ sort: { column: 'rank', dir: 'desc' } })).toEqual(asc.slice().reverse());
    expect(ids({ sort: { column: 'rank', dir: 'desc' }, offset: 2, limit: 4 })).toEqual(asc.slice().reverse().slice(2, 6));
  });

  it('sorts by columns without an index the same way, strings and numbers in value order', () => {
    const byName = expected(r => r.name);
    expect(ids({ sort: { column: 'name', dir: 'asc' } })).toEqual(byName);
    expect(ids({ sort: { column: 'name', dir: 'desc' } })).toEqual(byName.slice().reverse());
    expect(ids({ sort: { column: 'grp', dir: 'asc' }, limit: 12 })).toEqual(expected(r => r.grp).slice(0, 12));
  });

  it('filters by text in any column, by column substring, and by column value', () => {
    const all = t.rows('item') as Item[];
    expect(win({ filter: 'N7' })).toMatchObject({ matched: all.filter(r => r.name === 'n7').length, total: N });
    expect(win({ filter: '-5' }).items.every(r => r.rank === -5)).toBe(true);
    expect(win({ filter: 'grp = 2' }).matched).toBe(all.filter(r => r.grp === 2).length);
    expect(win({ filter: "name = 'n1'" }).items.map(r => r.id)).toEqual(all.filter(r => r.name === 'n1').map(r => r.id));
    expect(win({ filter: 'id:2' }).items.map(r => r.id)).toEqual(all.filter(r => String(r.id).includes('2')).map(r => r.id));
    const sorted = win({ filter: 'grp = 1', sort: { column: 'rank', dir: 'asc' } }).items;
    expect(sorted.map(r => r.id)).toEqual(expected(r => r.rank).filter(id => all[id]!.grp === 1));
  });

  it('narrows a cached filter as the user types on, with the same answer as from scratch', () => {
    expect(win({ filter: 'n' }).matched).toBe(N);
    const typedOn = win({ filter: 'n3' }).items.map(r => r.id);
    expect(typedOn).toEqual((t.rows('item') as Item[]).filter(r => r.name.includes('n3')).map(r => r.id));
  });

  it('rebuilds cached orders after a write and marks the rows the latest transaction inserted or updated', () => {
    const sort = { column: 'name', dir: 'asc' } as const;
    expect(win({ sort, limit: 1 }).items[0]?.name).toBe('n0');
    const added = t.call('add', { id: 100, rank: 0, name: 'a-first', grp: 0 });
    const first = win({ sort, limit: 3 });
    expect(first.items.map(r => r.name)).toEqual(['a-first', 'n0', 'n0']);
    expect(first).toMatchObject({ total: N + 1, matched: N + 1, version: added.seq, changed: [0] });
    expect(win({ filter: 'a-first' }).matched).toBe(1);

    t.call('rename', { id: 4, name: 'zz' });
    const last = win({ sort: { column: 'name', dir: 'desc' }, limit: 2 });
    expect(last.items.map(r => r.id)).toEqual([4, expected(r => r.name).at(-2)]);
    expect(last.changed).toEqual([0]);
    expect(win({ sort, limit: 1 }).changed).toEqual([]);
  });

  it('marks nothing after a transaction that changed nothing', () => {
    expect(t.call('rename', { id: 999, name: 'x' }).outcome.status).toBe('failed');
    expect(win({ filter: 'zz' }).changed).toEqual([]);
  });

  it('refuses bad requests with a message naming what to fix', () => {
    const ask = (w: Partial<RowWindow>, table = 'item') => readWindow(t.db, table, { offset: 0, limit: 10, ...w });
    expect(ask({ sort: { column: 'nope', dir: 'asc' } })).toEqual({
      ok: false,
      error: { code: 'bad-args', message: 'Cannot sort item by "nope": no such column (columns: id, rank, name, grp).' },
    });
    expect(ask({ filter: 'nope = 1' })).toMatchObject({ ok: false, error: { code: 'bad-args', message: expect.stringContaining('No column "nope" in item') } });
    expect(ask({ limit: 5000 })).toMatchObject({ ok: false, error: { message: expect.stringContaining('limit must be a whole number from 0 to 1000') } });
    expect(ask({ offset: -1 })).toMatchObject({ ok: false, error: { code: 'bad-args' } });
    expect(ask({}, 'ghost')).toMatchObject({ ok: false, error: { code: 'no-such-table' } });
  });
});
