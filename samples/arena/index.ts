// Arena: a tiny multiplayer game. Players join with a name and steer a dot
// around a grid; a scheduled reducer moves everyone 10 times a second and
// scatters food, worth a point each. The game loop is in tick.ts, the tables
// in schema.ts. Publish it with `spacetime publish`.
import { SenderError, t } from 'spacetimedb/server';
import spacetimedb, { Direction } from './schema';
import { randomCell, startTicking } from './tick';

export default spacetimedb;
export { tick } from './tick';

const MAX_NAME_LENGTH = 16;

function validateName(name: string) {
  const trimmed = name.trim();
  if (!trimmed) throw new SenderError('Names must not be empty');
  if (trimmed.length > MAX_NAME_LENGTH) {
    throw new SenderError(`Names are at most ${MAX_NAME_LENGTH} characters`);
  }
  return trimmed;
}

// Enter the arena at a random cell, standing still; joining again renames.
export const join = spacetimedb.reducer(
  { name: t.string() },
  (ctx, { name }) => {
    const valid = validateName(name);
    const player = ctx.db.player.identity.find(ctx.sender);
    if (player) {
      ctx.db.player.identity.update({ ...player, name: valid });
      return;
    }
    ctx.db.player.insert({
      identity: ctx.sender,
      name: valid,
      online: true,
      ...randomCell(ctx),
      direction: { tag: 'Still' },
      score: 0,
    });
    console.info(`${valid} joined the arena`);
    startTicking(ctx);
  }
);

// Reducers take any SpacetimeDB type as an argument, sum types included: a
// client cannot send a direction that is not one of the variants.
export const set_direction = spacetimedb.reducer(
  { direction: Direction },
  (ctx, { direction }) => {
    const player = ctx.db.player.identity.find(ctx.sender);
    if (!player) throw new SenderError('Join the arena before steering');
    ctx.db.player.identity.update({ ...player, direction });
  }
);

// Only players who joined have a row; a returning one is back in the game.
export const client_connected = spacetimedb.clientConnected(ctx => {
  const player = ctx.db.player.identity.find(ctx.sender);
  if (!player) return;
  ctx.db.player.identity.update({ ...player, online: true });
  startTicking(ctx);
});

// An offline player's dot stays where it is until they come back.
export const client_disconnected = spacetimedb.clientDisconnected(ctx => {
  const player = ctx.db.player.identity.find(ctx.sender);
  if (player) ctx.db.player.identity.update({ ...player, online: false });
});
