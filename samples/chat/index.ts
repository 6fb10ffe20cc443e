// The SpacetimeDB chat quickstart: users pick a display name, send messages,
// and everyone sees who is online. Publish it with `spacetime publish`.
import { schema, t, table, SenderError } from 'spacetimedb/server';

// One row per identity that has ever connected.
const user = table(
  { name: 'user', public: true },
  {
    identity: t.identity().primaryKey(),
    name: t.string().optional(),
    online: t.bool(),
  }
);

// Every message ever sent, with its sender and the time it was sent.
const message = table(
  { name: 'message', public: true },
  { sender: t.identity(), sent: t.timestamp(), text: t.string() }
);

// The schema gives reducers `ctx.db.user` and `ctx.db.message`.
const spacetimedb = schema({ user, message });
export default spacetimedb;

function validateName(name: string) {
  if (!name) throw new SenderError('Names must not be empty');
}

export const set_name = spacetimedb.reducer(
  { name: t.string() },
  (ctx, { name }) => {
    validateName(name);
    const user = ctx.db.user.identity.find(ctx.sender);
    if (!user) throw new SenderError('Cannot set name for unknown user');
    console.info(`User ${ctx.sender} sets name to ${name}`);
    ctx.db.user.identity.update({ ...user, name });
  }
);

function validateMessage(text: string) {
  if (!text) throw new SenderError('Messages must not be empty');
}

export const send_message = spacetimedb.reducer(
  { text: t.string() },
  (ctx, { text }) => {
    // A real chat would also rate-limit senders and require a name first.
    validateMessage(text);
    console.info(`User ${ctx.sender}: ${text}`);
    ctx.db.message.insert({ sender: ctx.sender, text, sent: ctx.timestamp });
  }
);

// Runs once, when the database is first published. Nothing to set up here.
export const init = spacetimedb.init(_ctx => {});

export const onConnect = spacetimedb.clientConnected(ctx => {
  const user = ctx.db.user.identity.find(ctx.sender);
  if (user) {
    // A returning user: mark them online, keep their name.
    ctx.db.user.identity.update({ ...user, online: true });
  } else {
    // A first-time user: online, but without a name until they set one.
    ctx.db.user.insert({ identity: ctx.sender, name: undefined, online: true });
  }
});

export const onDisconnect = spacetimedb.clientDisconnected(ctx => {
  const user = ctx.db.user.identity.find(ctx.sender);
  if (user) {
    ctx.db.user.identity.update({ ...user, online: false });
  } else {
    // Unreachable in practice: every client connects before it disconnects.
    console.warn(
      `Disconnect event for unknown user with identity ${ctx.sender}`
    );
  }
});
