// Presence: each connection (a browser tab) says which board it is viewing.
import { SenderError, t } from 'spacetimedb/server';
import { boardOfCollaborator } from './access';
import spacetimedb, { type Ctx } from './schema';

function connectionOf(ctx: Ctx) {
  if (!ctx.connectionId) {
    throw new SenderError('Presence needs a client connection');
  }
  return ctx.connectionId;
}

/** Removes every board_viewer row of the calling connection. */
export function leaveAllBoards(ctx: Ctx) {
  if (!ctx.connectionId) return;
  ctx.db.boardViewer.user_connections.delete([ctx.sender, ctx.connectionId]);
}

// A tab views one board at a time. Calling this again, for the same board or
// another one, replaces the tab's row and refreshes `last_ping`.
export const start_viewing_board = spacetimedb.reducer(
  { board_id: t.u64() },
  (ctx, { board_id }) => {
    boardOfCollaborator(ctx, board_id);
    const connection_id = connectionOf(ctx);
    leaveAllBoards(ctx);
    ctx.db.boardViewer.insert({
      board_id,
      identity: ctx.sender,
      connection_id,
      last_ping: ctx.timestamp,
    });
  }
);

export const stop_viewing_board = spacetimedb.reducer(
  { board_id: t.u64() },
  (ctx, { board_id }) => {
    const connection_id = connectionOf(ctx);
    const rows = ctx.db.boardViewer.user_connections.filter([
      ctx.sender,
      connection_id,
    ]);
    for (const row of Array.from(rows)) {
      if (row.board_id === board_id) ctx.db.boardViewer.delete(row);
    }
  }
);
