// The game loop: a schedule table row makes SpacetimeDB call `tick` every
// 100 ms. Each tick is one transaction: every online player moves one cell,
// eats what is there, and new food appears.
import { ScheduleAt, SenderError } from 'spacetimedb/server';
import spacetimedb, { ARENA_SIZE, tickTimer, type Ctx } from './schema';

const TICK_EVERY_MICROS = 100_000n; // 100 ms
const MAX_FOOD = 3;

/** Starts the loop unless it is running: one timer row is one loop. */
export function startTicking(ctx: Ctx) {
  if (ctx.db.tickTimer.count() > 0n) return;
  ctx.db.tickTimer.insert({
    scheduled_id: 0n, // assigned by autoInc
    scheduled_at: ScheduleAt.interval(TICK_EVERY_MICROS),
  });
}

/** One step in the player's direction, stopping at the walls. */
function step(x: number, y: number, direction: string) {
  const last = ARENA_SIZE - 1;
  switch (direction) {
    case 'Up':
      return { x, y: Math.max(0, y - 1) };
    case 'Down':
      return { x, y: Math.min(last, y + 1) };
    case 'Left':
      return { x: Math.max(0, x - 1), y };
    case 'Right':
      return { x: Math.min(last, x + 1), y };
    default:
      return { x, y };
  }
}

// A random cell. `ctx.random` is SpacetimeDB's deterministic generator
// (modules may not use Math.random): replaying the same transactions places
// the same food.
export function randomCell(ctx: Ctx) {
  return {
    x: ctx.random.integerInRange(0, ARENA_SIZE - 1),
    y: ctx.random.integerInRange(0, ARENA_SIZE - 1),
  };
}

export const tick = spacetimedb.reducer(
  { onSchedule: tickTimer },
  { timer: tickTimer.rowType },
  (ctx, { timer }) => {
    // The scheduler calls as the database itself. Anyone else calling tick
    // would move everybody an extra step, so refuse them.
    if (!ctx.sender.isEqual(ctx.databaseIdentity)) {
      throw new SenderError('tick runs only on its schedule');
    }
    let anyoneOnline = false;
    // Read all players first: the loop updates the table it reads.
    for (const player of [...ctx.db.player.iter()]) {
      if (!player.online) continue;
      anyoneOnline = true;
      const { x, y } = step(player.x, player.y, player.direction.tag);
      // Deleting through the index returns how many rows it removed.
      const eaten = ctx.db.food.cell.delete([x, y]);
      if (x === player.x && y === player.y && eaten === 0) continue;
      if (eaten > 0) console.info(`${player.name} ate food at (${x}, ${y})`);
      ctx.db.player.identity.update({
        ...player,
        x,
        y,
        score: player.score + eaten,
      });
    }
    if (!anyoneOnline) {
      // Deleting its own timer row stops the loop: an empty arena costs
      // nothing. Joining or reconnecting starts it again.
      ctx.db.tickTimer.scheduled_id.delete(timer.scheduled_id);
      console.info('The arena is empty: ticking stops');
      return;
    }
    if (ctx.db.food.count() < BigInt(MAX_FOOD)) {
      const cell = randomCell(ctx);
      // One food per cell; on a taken cell, try again next tick.
      if (ctx.db.food.cell.filter([cell.x, cell.y]).next().done) {
        ctx.db.food.insert({ food_id: 0n, ...cell });
      }
    }
  }
);
