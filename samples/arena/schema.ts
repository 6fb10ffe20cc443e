// Tables of the Arena game. index.ts and tick.ts import `spacetimedb` from
// here to define their reducers, so this file must not import either.
import { schema, t, table, type InferSchema } from 'spacetimedb/server';
import type { ReducerCtx } from 'spacetimedb/server';

/** The arena is a square grid of cells; x grows to the right, y downwards. */
export const ARENA_SIZE = 16;

// A sum type whose variants carry no data: clients send `{ tag: 'Up' }`,
// and SQL and the generated bindings know every variant by name.
export const Direction = t.enum('Direction', [
  'Still',
  'Up',
  'Down',
  'Left',
  'Right',
]);

// One row per identity that has joined. The row stays when its owner goes
// offline, with the score, so a returning player carries on.
const player = table(
  { name: 'player', public: true },
  {
    identity: t.identity().primaryKey(),
    name: t.string(),
    online: t.bool(),
    x: t.u16(),
    y: t.u16(),
    direction: Direction,
    score: t.u32(),
  }
);

// Food waiting to be eaten. The two-column index finds the food on a cell,
// so a tick does not scan every row for every player.
const food = table(
  {
    name: 'food',
    public: true,
    indexes: [{ accessor: 'cell', algorithm: 'btree', columns: ['x', 'y'] }],
  },
  {
    food_id: t.u64().primaryKey().autoInc(),
    x: t.u16(),
    y: t.u16(),
  }
);

// The schedule that runs `tick` (see tick.ts). Not public: clients can
// neither see it nor write it, only reducers can.
export const tickTimer = table(
  { name: 'tick_timer' },
  {
    scheduled_id: t.u64().primaryKey().autoInc(),
    scheduled_at: t.scheduleAt(),
  }
);

const spacetimedb = schema({ player, food, tickTimer });
export default spacetimedb;

/** The context every reducer of this module receives. */
export type Ctx = ReducerCtx<InferSchema<typeof spacetimedb>>;
