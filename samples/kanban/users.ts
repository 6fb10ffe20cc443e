// Users: a row per identity, its display name, and whether it is online.
import { SenderError, t } from 'spacetimedb/server';
import { requireText } from './access';
import { leaveAllBoards } from './presence';
import spacetimedb from './schema';

export const set_name = spacetimedb.reducer(
  { name: t.string() },
  (ctx, { name }) => {
    const user = ctx.db.user.identity.find(ctx.sender);
    if (!user) throw new SenderError('Cannot set name for unknown user');
    ctx.db.user.identity.update({ ...user, name: requireText('Names', name) });
  }
);

export const client_connected = spacetimedb.clientConnected(ctx => {
  const user = ctx.db.user.identity.find(ctx.sender);
  if (user) {
    ctx.db.user.identity.update({ ...user, online: true });
  } else {
    ctx.db.user.insert({ identity: ctx.sender, name: undefined, online: true });
  }
});

// Removes only this connection's presence rows: other tabs of the same user
// keep theirs.
export const client_disconnected = spacetimedb.clientDisconnected(ctx => {
  leaveAllBoards(ctx);
  const user = ctx.db.user.identity.find(ctx.sender);
  if (user) ctx.db.user.identity.update({ ...user, online: false });
});
