import { describe, expect, it } from 'vitest';
import type { TxRecord } from '../engine/records.ts';
import { INTERNAL_ERROR_MESSAGE } from '../engine/records.ts';
import { openTestDatabase } from '../testing/test-db.ts';

// Errnos and strerror texts: upstream crates/primitives/src/errno.rs; the host throws
// `new (hooks.__get_error_constructor__(errno))(strerror)` (crates/core/src/host/v8/syscall/v2.rs
// `code_error`), so module code sees the library's own classes from server/errors.ts.
const MODULE = `
import { schema, table, t, errors, SpacetimeHostError } from 'spacetimedb/server';
import * as sys from 'spacetime:sys@2.0';
const item = table({ name: 'item', public: true }, { id: t.u32().primaryKey(), name: t.string().unique(), qty: t.u32() });
const blob = table({ name: 'blob' }, { id: t.u32().primaryKey(), data: t.string() });
const spacetimedb = schema({ item, blob });
export default spacetimedb;

function show(e: unknown): string {
  const err = e as Error;
  return err.name + '|' + err.message + '|host=' + (e instanceof SpacetimeHostError);
}
function attempt(label: string, fn: () => unknown, cls: Function): void {
  try { console.log(label + ' ok ' + String(fn())); }
  catch (e) { console.log(label + ' ' + show(e) + '|class=' + (e instanceof cls)); }
}

export const add = spacetimedb.reducer({ id: t.u32(), name: t.string(), qty: t.u32() }, (ctx, row) => { ctx.db.item.insert(row); });
export const add_catching = spacetimedb.reducer({ id: t.u32(), name: t.string() }, (ctx, { id, name }) => {
  attempt('insert', () => ctx.db.item.insert({ id, name, qty: 0 }).id, errors.UniqueAlreadyExists);
  ctx.db.item.insert({ id: id + 100, name: name + '-alt', qty: 0 });
});
export const add_then_collide = spacetimedb.reducer(ctx => {
  ctx.db.item.insert({ id: 50, name: 'fifty', qty: 0 });
  ctx.db.item.insert({ id: 1, name: 'dup-pk', qty: 0 });
});
export const update_missing = spacetimedb.reducer({ id: t.u32() }, (ctx, { id }) => {
  attempt('update', () => ctx.db.item.id.update({ id, name: 'ghost', qty: 1 }).id, errors.NoSuchRow);
});
export const lookups = spacetimedb.reducer(ctx => {
  attempt('table', () => sys.table_id_from_name('nope'), errors.NoSuchTable);
  attempt('index', () => sys.index_id_from_name('nope_idx_btree'), errors.NoSuchIndex);
  attempt('timer', () => sys.console_timer_end(987654), errors.NoSuchConsoleTimer);
  attempt('known', () => typeof sys.table_id_from_name('item'), Error);
});
export const put_blob = spacetimedb.reducer({ id: t.u32(), size: t.u32(), fill: t.string() }, (ctx, { id, size, fill }) => {
  ctx.db.blob.insert({ id, data: fill.repeat(size) });
});
export const read_blobs = spacetimedb.reducer(ctx => {
  let n = 0, total = 0;
  for (const b of ctx.db.blob.iter()) { n++; total += b.data.length; }
  console.log('iter ' + n + ' ' + total);
  const one = ctx.db.blob.id.find(1);
  console.log('find ' + (one ? one.data.length + ' ' + one.data.slice(0, 3) : 'none'));
});
export const many = spacetimedb.reducer({ n: t.u32() }, (ctx, { n }) => {
  for (let i = 0; i < n; i++) ctx.db.blob.insert({ id: 1000 + i, data: 'row-' + i + '-' + 'x'.repeat(64) });
});
export const random_globals = spacetimedb.reducer(ctx => {
  attempt('Math.random', () => Math.random(), TypeError);
  console.log('typeof setTimeout ' + typeof setTimeout + ', globalThis.setTimeout ' + String(globalThis.setTimeout));
  attempt('setTimeout', () => setTimeout(() => {}, 0), Error);
  (globalThis as Record<string, unknown>).setTimeout = () => 'module timer';
  console.log('own setTimeout ' + setTimeout(() => {}, 0));
  (globalThis as Record<string, unknown>).setTimeout = undefined; // module values are shared by the realm's modules
});
export const rng = spacetimedb.reducer(ctx => {
  console.log('rng ' + ctx.random() + ' ' + ctx.random.uint32() + ' ' + ctx.random.integerInRange(1, 6));
});
`;

const lines = (r: TxRecord): string[] => r.logs.map(l => l.message);

describe('syscall errors as module code sees them', () => {
  it('throws errors.UniqueAlreadyExists (12) for a unique collision, catchable inside the reducer', async () => {
    const t = await openTestDatabase(MODULE);
    expect(t.call('add', [1, 'one', 5]).outcome).toEqual({ status: 'committed' });
    const r = t.call('add_catching', [2, 'one']);
    expect(r.outcome).toEqual({ status: 'committed' });
    expect(lines(r)).toEqual(['insert UniqueAlreadyExists|Value with given unique identifier already exists|host=true|class=true']);
    expect(t.rows('item')).toEqual([
      { id: 1, name: 'one', qty: 5 },
      { id: 102, name: 'one-alt', qty: 0 },
    ]);
  });

  it('fails internally and rolls back when a unique violation is not caught', async () => {
    const t = await openTestDatabase(MODULE);
    t.call('add', [1, 'one', 5]);
    const r = t.call('add_then_collide');
    expect(r.outcome.status).toBe('failed');
    if (r.outcome.status !== 'failed' || r.outcome.kind !== 'internal') throw new Error('expected an internal failure');
    expect(r.outcome.message).toBe(INTERNAL_ERROR_MESSAGE);
    expect(r.outcome.detail).toContain('UniqueAlreadyExists');
    expect(r.delta).toEqual([]);
    expect(t.rows('item')).toEqual([{ id: 1, name: 'one', qty: 5 }]);
  });

  it('treats an identical insert as a silent no-op (set semantics) with no delta', async () => {
    const t = await openTestDatabase(MODULE);
    t.call('add', [1, 'one', 5]);
    const r = t.call('add', [1, 'one', 5]);
    expect(r.outcome).toEqual({ status: 'committed' });
    expect(r.delta).toEqual([]);
    expect(t.rows('item')).toEqual([{ id: 1, name: 'one', qty: 5 }]);
  });

  it('throws errors.NoSuchRow (15) when updating a primary key that does not exist', async () => {
    const t = await openTestDatabase(MODULE);
    const r = t.call('update_missing', [9]);
    expect(lines(r)).toEqual(['update NoSuchRow|The row was not found, e.g., in an update call|host=true|class=true']);
    expect(t.rows('item')).toEqual([]);
  });

  it('throws NoSuchTable (4), NoSuchIndex (5) and NoSuchConsoleTimer (7) for unknown names and ids', async () => {
    const t = await openTestDatabase(MODULE);
    expect(lines(t.call('lookups'))).toEqual([
      'table NoSuchTable|No such table|host=true|class=true',
      'index NoSuchIndex|No such index|host=true|class=true',
      'timer NoSuchConsoleTimer|The provided console timer does not exist|host=true|class=true',
      'known ok number',
    ]);
  });

  // v8/syscall/v2.rs: with the env attached but no transaction, a syscall fails with
  // NotInTransaction; before the hooks exist the host throws a plain Error(strerror).
  it('fails the publish when a syscall runs at module top level (not in a transaction)', async () => {
    const source = `
      import { schema, table, t } from 'spacetimedb/server';
      import * as sys from 'spacetime:sys@2.0';
      sys.table_id_from_name('x');
      const x = table({ name: 'x' }, { v: t.u32() });
      const spacetimedb = schema({ x });
      export default spacetimedb;
    `;
    const err = await openTestDatabase(source).then(
      () => undefined,
      (e: unknown) => e as Error
    );
    expect(err).toBeInstanceOf(Error);
    expect(err!.message).toBe('ABI call can only be made while in a transaction');
  });

  it('lets top-level code catch the NotInTransaction error and still publish', async () => {
    const t = await openTestDatabase(`
      import { schema, table, t } from 'spacetimedb/server';
      import * as sys from 'spacetime:sys@2.0';
      try { sys.table_id_from_name('x'); } catch (e) { console.log('top level: ' + (e as Error).message); }
      const x = table({ name: 'x' }, { v: t.u32() });
      const spacetimedb = schema({ x });
      export default spacetimedb;
    `);
    expect(t.published.outcome).toEqual({ status: 'committed' });
    expect(t.db.loadLogs.map(l => l.message)).toEqual(['top level: ABI call can only be made while in a transaction']);
  });

  // runtime.ts advanceIterRaw: `{ __buffer_too_small__: n }` makes the library grow its 64 KiB buffer and retry.
  it('reads rows bigger than the 64 KiB iterator buffer through iter() and find()', async () => {
    const t = await openTestDatabase(MODULE);
    expect(t.call('put_blob', [1, 100_000, 'ab']).outcome).toEqual({ status: 'committed' });
    t.call('put_blob', [2, 40_000, 'c']);
    expect(lines(t.call('read_blobs'))).toEqual(['iter 2 240000', 'find 200000 aba']);
  });

  it('iterates every row when the rows span many buffer fills', async () => {
    const t = await openTestDatabase(MODULE);
    t.call('many', [3000]); // ~80 bytes a row: about four 64 KiB fills
    const chars = Array.from({ length: 3000 }, (_, i) => `row-${i}-`.length + 64).reduce((a, b) => a + b);
    expect(lines(t.call('read_blobs'))).toEqual([`iter 3000 ${chars}`, 'find none']);
  });

  // crates/core/src/host/v8/builtins/delete_math_random.js; the isolate installs no timers
  // (v8/mod.rs: a plain context). Upstream a bare call is a ReferenceError "setTimeout is not
  // defined"; here the global reads as undefined, so the call is a TypeError "... is not a function".
  it('hides Math.random and setTimeout from module code but not from the host', async () => {
    const t = await openTestDatabase(MODULE);
    const [random, detect, call, own] = lines(t.call('random_globals'));
    expect(random).toBe('Math.random TypeError|Math.random is not available in SpacetimeDB modules. Use ctx.random instead.|host=false|class=true');
    expect(detect).toBe('typeof setTimeout undefined, globalThis.setTimeout undefined');
    expect(call).toMatch(/^setTimeout (TypeError|ReferenceError)\|setTimeout is not (a function|defined)\|host=false\|class=true$/);
    expect(own).toBe('own setTimeout module timer');
    expect(typeof Math.random()).toBe('number');
    expect(typeof setTimeout).toBe('function');
    await new Promise(resolve => setTimeout(resolve, 1));
  });

  // server/rng.ts seeds ctx.random from ctx.timestamp. server/runtime.ts reuses one ReducerCtx per
  // instance and `ReducerCtxImpl.reset` does not clear `#random`: the generator made by the first
  // call keeps going in later calls (upstream keeps the instance between calls, so it does too).
  it('makes ctx.random deterministic for a given timestamp and call history', async () => {
    const a = await openTestDatabase(MODULE);
    const b = await openTestDatabase(MODULE);
    const first = lines(a.call('rng'));
    expect(lines(b.call('rng'))).toEqual(first);
    const second = lines(a.call('rng'));
    expect(second).not.toEqual(first);
    expect(lines(b.call('rng'))).toEqual(second);
    const c = await openTestDatabase(MODULE);
    c.db.advance(1n);
    expect(lines(c.call('rng'))).not.toEqual(first);
  });
});
