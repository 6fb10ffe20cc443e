import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/test-db.ts';
import { createSubscriptionManager } from './manager.ts';

const MODULE = `
import { schema, table, t, SenderError } from 'spacetimedb/server';
const item = table({ name: 'item', public: true }, { id: t.u32().primaryKey(), n: t.u32() });
const spacetimedb = schema({ item });
export default spacetimedb;
export const put = spacetimedb.reducer({ id: t.u32(), n: t.u32() }, (ctx, a) => { ctx.db.item.insert(a); });
export const picky = spacetimedb.anonymousView({ name: 'picky', public: true }, t.array(item.rowType), ctx => {
  const rows = [...ctx.db.item.iter()];
  if (rows.some(r => r.n === 13)) throw new SenderError('unlucky');
  return rows;
});
`;

describe('subscription errors', () => {
  // upstream crates/core/src/error.rs DBError::WithSql: "{error}, executing: `{sql}`"
  it('wraps a compile error with the query it came from', async () => {
    const t = await openTestDatabase(MODULE);
    const subs = createSubscriptionManager(t.db.store, t.db.schema, t.db.views);
    const r = subs.subscribe({ identity: 1n, connectionId: 1n, isOwner: false }, 1, ['SELECT * FROM item', 'SELECT * FROM nope']);
    expect(r).toEqual({ ok: false, error: "no such table: `nope`. If the table exists, it may be marked private., executing: `SELECT * FROM nope`" });
  });

  // upstream module_subscription_manager.rs: a query set id is unique per connection.
  it('refuses a second query set with the same id on one connection', async () => {
    const t = await openTestDatabase(MODULE);
    const subs = createSubscriptionManager(t.db.store, t.db.schema, t.db.views);
    expect(subs.subscribe({ identity: 1n, connectionId: 7n, isOwner: false }, 3, ['SELECT * FROM item']).ok).toBe(true);
    const again = subs.subscribe({ identity: 1n, connectionId: 7n, isOwner: false }, 3, ['SELECT * FROM item']);
    expect(again).toEqual({ ok: false, error: 'Subscription with id QuerySetId { id: 3 } already exists for client: 00000000000000000000000000000007' });
  });

  // upstream module_subscription_manager.rs: evaluation failures after compile drop the set with this text.
  it('drops a query set whose re-evaluation fails and reports "Internal error evaluating queries"', async () => {
    const t = await openTestDatabase(MODULE);
    const subs = createSubscriptionManager(t.db.store, t.db.schema, t.db.views);
    expect(subs.subscribe({ identity: 1n, connectionId: 1n, isOwner: false }, 1, ['SELECT * FROM picky']).ok).toBe(true);
    expect(subs.subscribe({ identity: 2n, connectionId: 2n, isOwner: false }, 1, ['SELECT * FROM item']).ok).toBe(true);
    const updates: ReturnType<typeof subs.updatesFor>[] = [];
    t.db.onTransaction(r => updates.push(subs.updatesFor(r.delta)));
    t.call('put', [1, 13]);
    expect(updates[0]!.get(1n)).toEqual([{ querySetId: 1, tables: [], error: 'Internal error evaluating queries' }]);
    expect(updates[0]!.get(2n)?.[0]?.error).toBeUndefined();
    expect(subs.unsubscribe(1n, 1)).toBeUndefined();
  });
});
