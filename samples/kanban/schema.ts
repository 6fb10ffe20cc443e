// Tables of the Kanban module. Every other file imports `spacetimedb` from
// here to define its reducers, so this file must not import any of them.
import { schema, t, table, type InferSchema } from 'spacetimedb/server';
import type { ReducerCtx } from 'spacetimedb/server';

// One row per identity that has ever connected.
const user = table(
  { name: 'user', public: true },
  {
    identity: t.identity().primaryKey(),
    name: t.string().optional(),
    online: t.bool(),
  }
);

const board = table(
  { name: 'board', public: true },
  {
    board_id: t.u64().primaryKey().autoInc(),
    name: t.string(),
    owner: t.identity(),
  }
);

// Who may see and edit a board. The owner is a collaborator too.
const collaborator = table(
  { name: 'collaborator', public: true },
  {
    id: t.u64().primaryKey().autoInc(),
    board_id: t.u64().index('btree'),
    identity: t.identity().index('btree'),
  }
);

// `state` is one of 'todo', 'doing', 'done' (checked by the reducers).
// `completed_at` is set while the card is done.
const card = table(
  { name: 'card', public: true },
  {
    card_id: t.u64().primaryKey().autoInc(),
    board_id: t.u64().index('btree'),
    title: t.string(),
    state: t.string(),
    assignee: t.identity(),
    created_at: t.timestamp(),
    completed_at: t.timestamp().optional(),
  }
);

// Cards completed per UTC day ('2025-01-31'), kept up to date by a schedule.
const metric = table(
  { name: 'metric', public: true },
  {
    day: t.string().primaryKey(),
    cards_completed: t.u32(),
  }
);

// The schedule that runs `rollup_metrics` (see metrics.ts).
export const metricTimer = table(
  { name: 'metric_timer' },
  {
    scheduled_id: t.u64().primaryKey().autoInc(),
    scheduled_at: t.scheduleAt(),
  }
);

// Presence: which connection (browser tab) is looking at which board.
const boardViewer = table(
  {
    name: 'board_viewer',
    public: true,
    indexes: [
      {
        accessor: 'user_connections',
        algorithm: 'btree',
        columns: ['identity', 'connection_id'],
      },
    ],
  },
  {
    board_id: t.u64().index('btree'),
    identity: t.identity(),
    connection_id: t.connectionId(),
    last_ping: t.timestamp(),
  }
);

const spacetimedb = schema({
  user,
  board,
  collaborator,
  card,
  metric,
  metricTimer,
  boardViewer,
});
export default spacetimedb;

/** The context every reducer of this module receives. */
export type Ctx = ReducerCtx<InferSchema<typeof spacetimedb>>;
