// The subscription benchmark's module (bench/live.ts): one public table whose
// rows each client may see only when it owns them, filled in one transaction,
// and a one-row update by primary key.
import type { Identity } from 'spacetimedb';
import { schema, t, table } from 'spacetimedb/server';

const item = table(
  { name: 'item', public: true },
  {
    id: t.u64().primaryKey(),
    owner: t.identity().index('btree'),
    bucket: t.u32().index('btree'),
    value: t.u64(),
  }
);

const spacetimedb = schema({ item });
export default spacetimedb;

// A client sees the rows it owns (applies to every non-owner subscription of `item`).
export const own_items = spacetimedb.clientVisibilityFilter.sql('SELECT * FROM item WHERE owner = :sender');

/**
 * Rows 1..count: row `id` belongs to `owners[(id - 1) % owners.length]` and
 * lies in bucket `floor((id - 1) / owners.length) % buckets`, so every owner
 * has one row per bucket (when count = owners × buckets).
 */
export const fill = spacetimedb.reducer(
  { owners: t.array(t.identity()), count: t.u32(), buckets: t.u32() },
  (ctx, { owners, count, buckets }) => {
    const n = owners.length;
    for (let i = 0; i < count; i++) {
      const owner: Identity = owners[i % n]!;
      ctx.db.item.insert({ id: BigInt(i + 1), owner, bucket: Math.floor(i / n) % buckets, value: 0n });
    }
  }
);

/** Find by primary key, update one column: the transaction the subscribers see. */
export const bump = spacetimedb.reducer({ id: t.u64() }, (ctx, { id }) => {
  const row = ctx.db.item.id.find(id);
  if (!row) throw new Error(`no item ${id}`);
  ctx.db.item.id.update({ ...row, value: row.value + 1n });
});
