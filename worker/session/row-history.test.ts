// A row's history through the host's `rowHistory` verb: insert, updates and
// delete of one primary key; whole-value identity without a key; failed calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../api.ts';
import { esbuild, loadPrelude } from '../node/esbuild.ts';
import { createMemoryStorage } from '../storage/memory.ts';

const MODULE = {
  'index.ts': `import { schema, table, t, SenderError } from 'spacetimedb/server';
const item = table({ name: 'item', public: true }, { id: t.u64().primaryKey().autoInc(), label: t.string(), n: t.u32() });
const pair = table({ name: 'pair', public: true }, { a: t.u32(), b: t.string() });
const spacetimedb = schema({ item, pair });
export default spacetimedb;
export const add = spacetimedb.reducer({ label: t.string(), n: t.u32() }, (ctx, { label, n }) => { ctx.db.item.insert({ id: 0n, label, n }); });
export const set_n = spacetimedb.reducer({ id: t.u64(), n: t.u32() }, (ctx, { id, n }) => {
  const row = ctx.db.item.id.find(id);
  if (!row) throw new SenderError('no item ' + id);
  ctx.db.item.id.update({ ...row, n });
  if (n === 13) throw new Error('unlucky');
});
export const remove = spacetimedb.reducer({ id: t.u64() }, (ctx, { id }) => { ctx.db.item.id.delete(id); });
export const add_pair = spacetimedb.reducer({ a: t.u32(), b: t.string() }, (ctx, row) => { ctx.db.pair.insert(row); });
export const drop_pair = spacetimedb.reducer({ a: t.u32(), b: t.string() }, (ctx, row) => { ctx.db.pair.delete(row); });
`,
};

const ok = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
};

describe('a row history', () => {
  let host: Host;
  const call = (name: string, args: string) => ok(host.callReducer(name, args));
  beforeAll(async () => {
    host = createHost({ esbuild, prelude: await loadPrelude(), histories: createMemoryStorage() });
    await host.init();
    ok(await host.publish(MODULE, 'index.ts'));
    call('add', '["first", 1]'); // #1: item 1
    call('add', '["other", 5]'); // #2: item 2
    call('set_n', '[1, 2]'); // #3
    call('add_pair', '[7, "x"]'); // #4
    host.callReducer('set_n', '[1, 13]'); // #5: fails after updating
    call('set_n', '[1, 3]'); // #6
    call('add_pair', '[7, "y"]'); // #7
    call('drop_pair', '[7, "x"]'); // #8
    call('remove', '[1]'); // #9
  });
  afterAll(() => esbuild.stop());

  it('lists the insert, each update and the delete of one primary key, newest first', () => {
    const h = ok(host.rowHistory('item', [1, 'first', 3]));
    expect(h.key).toEqual(['id']);
    expect(h.entries.map(e => [e.position, e.change, e.reducer, e.caller])).toEqual([
      [9, 'delete', 'remove', 'owner'],
      [6, 'update', 'set_n', 'owner'],
      [3, 'update', 'set_n', 'owner'],
      [1, 'insert', 'add', 'owner'],
    ]);
    expect(h.entries[1]).toMatchObject({ before: [1, 'first', 2], after: [1, 'first', 3], changed: [2], outcome: { status: 'committed' } });
    expect(h.entries[3]).toMatchObject({ before: null, after: [1, 'first', 1], changed: [] });
    expect(h.entries[0]).toMatchObject({ before: [1, 'first', 3], after: null });
    expect(h.more).toBe(false);
  });

  it('leaves out a failed call that changed the row before it threw', () => {
    const failed = ok(host.history()).points[5];
    expect(failed).toMatchObject({ reducer: 'set_n', status: 'failed' });
    expect(ok(host.rowHistory('item', { id: 1 })).entries.map(e => e.position)).not.toContain(5);
  });

  it('identifies a row by its key alone, in lenient JSON, and pages with limit and before', () => {
    const first = ok(host.rowHistory('item', { id: '1' }, { limit: 2 }));
    expect(first.entries.map(e => e.position)).toEqual([9, 6]);
    expect(first.more).toBe(true);
    const rest = ok(host.rowHistory('item', { id: 1 }, { limit: 2, before: 6 }));
    expect(rest.entries.map(e => e.position)).toEqual([3, 1]);
    expect(rest.more).toBe(false);
    expect(ok(host.rowHistory('item', [2, 'other', 5])).entries.map(e => e.position)).toEqual([2]);
  });

  it('matches a row of a table without a primary key by its whole value', () => {
    const x = ok(host.rowHistory('pair', [7, 'x']));
    expect(x.key).toEqual(['a', 'b']);
    expect(x.entries.map(e => [e.position, e.change])).toEqual([[8, 'delete'], [4, 'insert']]);
    expect(ok(host.rowHistory('pair', { a: 7, b: 'y' })).entries.map(e => [e.position, e.change])).toEqual([[7, 'insert']]);
  });

  it('is empty for a row no entry touched', () => {
    expect(ok(host.rowHistory('item', { id: 99 })).entries).toEqual([]);
  });

  it('says what to pass for an unknown table or a row that does not fit', () => {
    expect(host.rowHistory('nope', [1])).toMatchObject({ ok: false, error: { code: 'no-such-table' } });
    expect(host.rowHistory('item', [1, 'first'])).toMatchObject({ ok: false, error: { code: 'bad-args', message: expect.stringMatching(/3 values in column order/) } });
    expect(host.rowHistory('item', { label: 'first' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/"id"/) } });
    expect(host.rowHistory('item', { id: 'one' })).toMatchObject({ ok: false, error: { code: 'bad-args', message: expect.stringMatching(/^The row's id/) } });
  });
});
