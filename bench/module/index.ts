// The benchmark module (bench/run.ts): one table of small rows and the
// reducers the benchmark calls through the full host path.
import { schema, t, table } from 'spacetimedb/server';

// The rows single-row inserts and bulk inserts write.
const item = table(
  { name: 'item' },
  {
    id: t.u64().primaryKey().autoInc(),
    name: t.string(),
    value: t.u64(),
  }
);

// The rows find-and-update touches: ids 1..n, filled once by `fill`.
const account = table(
  { name: 'account' },
  {
    id: t.u64().primaryKey(),
    name: t.string(),
    value: t.u64(),
  }
);

const spacetimedb = schema({ item, account });
export default spacetimedb;

/** One row per call: the `insert_1` figure. */
export const insert_one = spacetimedb.reducer(
  { name: t.string(), value: t.u64() },
  (ctx, { name, value }) => {
    ctx.db.item.insert({ id: 0n, name, value });
  }
);

/** `count` rows in one transaction: the `insert_bulk_100k` figure. */
export const insert_bulk = spacetimedb.reducer(
  { count: t.u32() },
  (ctx, { count }) => {
    for (let i = 0; i < count; i++) {
      ctx.db.item.insert({ id: 0n, name: `bulk-${i}`, value: BigInt(i) });
    }
  }
);

/** Accounts 1..count (set-up for `bump`). */
export const fill = spacetimedb.reducer(
  { count: t.u32() },
  (ctx, { count }) => {
    for (let i = 1; i <= count; i++) {
      ctx.db.account.insert({ id: BigInt(i), name: `account-${i}`, value: 0n });
    }
  }
);

/** Find by primary key, update: the `find_update_by_pk` figure. */
export const bump = spacetimedb.reducer({ id: t.u64() }, (ctx, { id }) => {
  const row = ctx.db.account.id.find(id);
  if (!row) throw new Error(`no account ${id}`);
  ctx.db.account.id.update({ ...row, value: row.value + 1n });
});
