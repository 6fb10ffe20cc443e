import { describe, expect, it } from 'vitest';
import type { TxRecord } from './records.ts';
import { rowsJson } from '../scenario/run-scenario.ts';
import { openTestDatabase, type TestDatabase } from '../testing/test-db.ts';

// Upstream: one reducer = one mutable tx (wasm_common/module_host_actor.rs call_reducer_with_tx);
// any throw rolls every write back, but sequences are not rolled back
// (datastore committed_state.rs: rollback only undoes schema changes).
const MODULE = `
import { schema, table, t } from 'spacetimedb/server';
const item = table(
  { name: 'item', public: true, indexes: [{ accessor: 'byGroup', algorithm: 'btree', columns: ['group'] }] },
  { id: t.u64().primaryKey().autoInc(), code: t.string().unique(), group: t.u32(), qty: t.u32() }
);
const note = table({ name: 'note', public: true }, { k: t.u32().primaryKey(), text: t.string() });
const spacetimedb = schema({ item, note });
export default spacetimedb;

export const add = spacetimedb.reducer({ code: t.string(), group: t.u32() }, (ctx, { code, group }) => {
  const row = ctx.db.item.insert({ id: 0n, code, group, qty: 0 });
  console.log('id ' + row.id);
});
export const add_then_throw = spacetimedb.reducer({ code: t.string() }, (ctx, { code }) => {
  ctx.db.item.insert({ id: 0n, code, group: 9, qty: 0 });
  throw new Error('changed my mind');
});
export const mess_then_throw = spacetimedb.reducer({ n: t.u32() }, (ctx, { n }) => {
  for (let i = 0; i < n; i++) ctx.db.item.insert({ id: 0n, code: 'tmp' + i, group: 7, qty: i });
  const first = ctx.db.item.id.find(1n)!;
  ctx.db.item.id.update({ ...first, group: 7, qty: 99 });
  ctx.db.item.code.delete('b');
  ctx.db.note.insert({ k: 1, text: 'never' });
  console.log('inside: group7=' + [...ctx.db.item.byGroup.filter(7)].length + ' b=' + (ctx.db.item.code.find('b') !== null));
  throw new Error('boom after ' + n);
});
export const probe = spacetimedb.reducer(ctx => {
  const g = (n: number) => [...ctx.db.item.byGroup.filter(n)].map(r => r.code).sort().join(',');
  console.log('count=' + ctx.db.item.count() + ' g1=' + g(1) + ' g2=' + g(2) + ' g7=' + g(7) +
    ' b=' + (ctx.db.item.code.find('b')?.id ?? 'none') + ' tmp0=' + (ctx.db.item.code.find('tmp0') ?? 'none') +
    ' qty1=' + ctx.db.item.id.find(1n)?.qty + ' notes=' + ctx.db.note.count());
});
export const set_qty = spacetimedb.reducer({ code: t.string(), qty: t.u32() }, (ctx, { code, qty }) => {
  const row = ctx.db.item.code.find(code)!;
  ctx.db.item.id.update({ ...row, qty });
});
export const shuffle = spacetimedb.reducer(ctx => {
  ctx.db.note.insert({ k: 2, text: 'moved a' });
  ctx.db.item.code.delete('a');
  ctx.db.item.insert({ id: 0n, code: 'z', group: 1, qty: 0 });
});
export const remove = spacetimedb.reducer({ code: t.string() }, (ctx, { code }) => { ctx.db.item.code.delete(code); });
`;

const lines = (r: TxRecord): string[] => r.logs.map(l => l.message);

/** The record's delta decoded per table name: inserts and deletes as JSON rows. */
function deltaJson(t: TestDatabase, r: TxRecord) {
  return r.delta.map(d => {
    const name = t.db.schema.tables[d.tableId]!.name;
    return { table: name, inserts: rowsJson(t.db, name, d.inserts), deletes: rowsJson(t.db, name, d.deletes) };
  });
}

async function seeded(): Promise<TestDatabase> {
  const t = await openTestDatabase(MODULE);
  t.call('add', ['a', 1]);
  t.call('add', ['b', 1]);
  t.call('add', ['c', 2]);
  return t;
}

describe('reducer atomicity and commit deltas', () => {
  it('leaves no trace of a failed reducer in rows, btree filters or unique finds', async () => {
    const t = await seeded();
    const before = lines(t.call('probe'));
    expect(before).toEqual(['count=3 g1=a,b g2=c g7= b=2 tmp0=none qty1=0 notes=0']);
    const r = t.call('mess_then_throw', [50]);
    expect(r.outcome.status).toBe('failed');
    expect(lines(r)).toEqual(['inside: group7=51 b=false']);
    expect(r.delta).toEqual([]);
    expect(lines(t.call('probe'))).toEqual(before);
    expect(t.rows('note')).toEqual([]);
    expect(t.rows('item')).toHaveLength(3);
  });

  it('writes generated autoinc ids back into the row insert returns and into the delta', async () => {
    const t = await openTestDatabase(MODULE);
    const r = t.call('add', ['a', 1]);
    expect(lines(r)).toEqual(['id 1']);
    expect(deltaJson(t, r)).toEqual([{ table: 'item', inserts: [{ id: 1, code: 'a', group: 1, qty: 0 }], deletes: [] }]);
    expect(lines(t.call('add', ['b', 1]))).toEqual(['id 2']);
  });

  it('does not roll back sequences: ids used by a failed reducer are skipped', async () => {
    const t = await seeded();
    expect(t.call('add_then_throw', ['x']).outcome.status).toBe('failed');
    expect(t.call('mess_then_throw', [5]).outcome.status).toBe('failed');
    // 4 went to the first failure, 5..9 to the second.
    expect(lines(t.call('add', ['d', 3]))).toEqual(['id 10']);
    expect(t.rows('item').map(r => (r as { id: number }).id)).toEqual([1, 2, 3, 10]);
  });

  it('lists inserts and deletes per table in the commit delta', async () => {
    const t = await seeded();
    const r = t.call('remove', ['b']);
    expect(deltaJson(t, r)).toEqual([{ table: 'item', inserts: [], deletes: [{ id: 2, code: 'b', group: 1, qty: 0 }] }]);
    expect(deltaJson(t, t.call('shuffle'))).toEqual([
      { table: 'item', inserts: [{ id: 4, code: 'z', group: 1, qty: 0 }], deletes: [{ id: 1, code: 'a', group: 1, qty: 0 }] },
      { table: 'note', inserts: [{ k: 2, text: 'moved a' }], deletes: [] },
    ]);
  });

  // mut_tx.rs update + runtime.ts: on the wire an update is a delete of the old row plus an insert of the new one.
  it('records an update as a delete of the old row and an insert of the new one', async () => {
    const t = await seeded();
    const r = t.call('set_qty', ['c', 5]);
    expect(r.outcome).toEqual({ status: 'committed' });
    expect(deltaJson(t, r)).toEqual([
      { table: 'item', inserts: [{ id: 3, code: 'c', group: 2, qty: 5 }], deletes: [{ id: 3, code: 'c', group: 2, qty: 0 }] },
    ]);
  });

  it('records nothing for an update that changes nothing', async () => {
    const t = await seeded();
    const r = t.call('set_qty', ['c', 0]);
    expect(r.outcome).toEqual({ status: 'committed' });
    expect(r.delta).toEqual([]);
  });

  it('nets writes inside one transaction: insert then delete leaves no delta', async () => {
    const t = await openTestDatabase(MODULE.replace('export const remove', `export const flicker = spacetimedb.reducer(ctx => {
      ctx.db.note.insert({ k: 5, text: 'brief' });
      ctx.db.note.k.delete(5);
    });
    export const remove`));
    const r = t.call('flicker');
    expect(r.outcome).toEqual({ status: 'committed' });
    expect(r.delta).toEqual([]);
  });
});
