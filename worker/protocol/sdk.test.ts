/**
 * The real SDK (`DbConnection` from bindings our generator writes) against
 * the playground, over the in-page transport and over `serve`'s WebSockets:
 * connect, subscribe, row callbacks for other clients' calls, reducer
 * outcomes, unsubscribe, reconnect with a token, and the Kanban sample's
 * visibility filter.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InternalError, SenderError, setGlobalLogLevel } from 'spacetimedb';
import { WebSocket as NodeWebSocket } from 'ws';
import { createRealClock, createVirtualClock } from '../engine/clock.ts';
import { openDatabase } from '../engine/database.ts';
import { compileModuleFile } from '../node/load-module.ts';
import { startServer, type RunningServer } from '../serve/server.ts';
import { connect, loadBindings, rowsOf, subscribe, waitFor, type Bindings, type Builder, type Client, type EventCtx, type Row } from '../serve/sdk-test-kit.ts';
import { compile } from '../testing/test-db.ts';
import { createInPageSocketFactory } from './in-page-socket.ts';
import { createProtocolServer } from './server.ts';

// Node 20 has no global WebSocket; the SDK's default transport needs one (Node ≥ 22 and browsers have it).
const g = globalThis as { WebSocket?: unknown };
g.WebSocket ??= NodeWebSocket;
setGlobalLogLevel('warn');

const CHAT_EXTRA = `
export const crash = spacetimedb.reducer(ctx => {
  throw new Error('boom: ' + ctx.sender.toHexString());
});
`;

type Harness = { builder: () => Builder; close(): Promise<void> };
type Transport = { name: string; start(prelude: string, code: string, dbName: string): Promise<Harness> };

const TRANSPORTS: Transport[] = [
  {
    name: 'in-page',
    async start(prelude, code) {
      const db = openDatabase({ prelude, code, clock: createRealClock() });
      db.publish();
      const server = createProtocolServer(db);
      const factory = createInPageSocketFactory(server);
      return {
        builder: () => bindingsFor(code).DbConnection.builder().withUri('ws://in-page').withDatabaseName('x').withWSFn(factory),
        close: async () => {
          for (const s of [...server.sessions.values()]) server.close(s);
        },
      };
    },
  },
  {
    name: 'serve',
    async start(prelude, code, dbName) {
      const server: RunningServer = await startServer({ prelude, code, port: 0, host: '127.0.0.1', name: dbName });
      return {
        builder: () => bindingsFor(code).DbConnection.builder().withUri(`ws://127.0.0.1:${server.port}`).withDatabaseName(dbName),
        close: () => server.close(),
      };
    },
  },
];

const bindingsByCode = new Map<string, Bindings>();
const bindingsFor = (code: string): Bindings => bindingsByCode.get(code)!;

const PROCEDURES = `
import { schema, t, table } from 'spacetimedb/server';
const Point = t.object('Point', { x: t.i32(), y: t.i32() });
const note = table({ name: 'note', public: true }, { id: t.u64().primaryKey().autoInc(), text: t.string() });
const ping = table({ name: 'ping', public: true, event: true }, { from: t.identity(), text: t.string() });
const spacetimedb = schema({ note, ping });
export default spacetimedb;
export const send_ping = spacetimedb.reducer({ text: t.string() }, (ctx, { text }) => {
  ctx.db.ping.insert({ from: ctx.sender, text });
});
export const add_points = spacetimedb.procedure({ a: Point, b: Point }, Point, (_ctx, { a, b }) => ({ x: a.x + b.x, y: a.y + b.y }));
export const write_note = spacetimedb.procedure({ text: t.string() }, t.u64(), (ctx, { text }) => ctx.withTx(tx => tx.db.note.insert({ id: 0n, text }).id));
export const fail = spacetimedb.procedure(t.unit(), () => { throw new Error('nope'); });
export const edit_note = spacetimedb.reducer({ id: t.u64(), text: t.string() }, (ctx, { id, text }) => {
  ctx.db.note.id.update({ id, text });
});
`;

let chat: { prelude: string; code: string };
let kanban: { prelude: string; code: string };
let procs: { prelude: string; code: string };

beforeAll(async () => {
  const chatSource = await readFile(new URL('../../samples/chat/index.ts', import.meta.url), 'utf8');
  chat = await compile(chatSource + CHAT_EXTRA);
  kanban = await compileModuleFile(new URL('../../samples/kanban/index.ts', import.meta.url).pathname);
  procs = await compile(PROCEDURES);
  for (const [key, m] of [['sdk-test-chat', chat], ['sdk-test-kanban', kanban], ['sdk-test-procedures', procs]] as const) {
    const schemaDb = openDatabase({ prelude: m.prelude, code: m.code, clock: createVirtualClock(0n) });
    bindingsByCode.set(m.code, await loadBindings(schemaDb.schema, key));
  }
});

const hex = (c: Client) => c.identity.toHexString();
const identityHex = (row: Row) => (row.identity as { toHexString(): string }).toHexString();

describe.each(TRANSPORTS)('the SDK over $name', transport => {
  let h: Harness;
  const clients: Client[] = [];
  const open = async (token?: string) => {
    const c = await connect(h.builder, token);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    h = await transport.start(chat.prelude, chat.code, 'chat');
  });
  afterAll(async () => {
    for (const c of clients) if (c.conn.isActive) c.conn.disconnect();
    await h.close();
  });

  it('connects: onConnect gives the identity and a token; the same token reconnects as the same identity', async () => {
    const alice = await open();
    expect(hex(alice)).toMatch(/^c200[0-9a-f]{60}$/);
    expect(alice.token.split('.')).toHaveLength(3);
    expect(alice.conn.identity?.toHexString()).toBe(hex(alice));

    const again = await open(alice.token);
    expect(hex(again)).toBe(hex(alice));
    expect(again.token).toBe(alice.token);

    const other = await open();
    expect(hex(other)).not.toBe(hex(alice));
  });

  it("shows another client's reducer calls as row callbacks; the caller's promise resolves after its own callbacks", async () => {
    const alice = await open();
    const bob = await open();
    const seen: string[] = [];
    alice.conn.db.message!.onInsert((ctx, row) => seen.push(`insert ${String(row.text)} (${ctx.event.tag})`));
    alice.conn.db.user!.onUpdate!((ctx, oldRow, newRow) => {
      if (identityHex(newRow) === hex(bob)) seen.push(`update ${String(oldRow.name)} -> ${String(newRow.name)} (${ctx.event.tag})`);
    });
    await subscribe(alice.conn, ['SELECT * FROM user', 'SELECT * FROM message']);
    const users = rowsOf(alice.conn.db.user!);
    expect(users.find(u => identityHex(u) === hex(alice))).toMatchObject({ online: true, name: undefined });
    expect(users.find(u => identityHex(u) === hex(bob))).toMatchObject({ online: true });

    await bob.conn.reducers.setName!({ name: 'Bob' });
    await bob.conn.reducers.sendMessage!({ text: 'hello from bob' });
    await waitFor(() => seen.length >= 2, 'alice to see both of bob’s calls');
    expect(seen).toEqual(['update undefined -> Bob (Transaction)', 'insert hello from bob (Transaction)']);

    // The caller's own subscribed rows come in its ReducerResult: callbacks first, then the promise.
    let insertedBeforeResolve = false;
    let ownEvent: EventCtx['event'] | undefined;
    alice.conn.db.message!.onInsert((ctx, row) => {
      if (row.text === 'hi bob') {
        insertedBeforeResolve = true;
        ownEvent = ctx.event;
      }
    });
    await alice.conn.reducers.sendMessage!({ text: 'hi bob' });
    expect(insertedBeforeResolve).toBe(true);
    expect(ownEvent?.tag).toBe('Reducer');
    expect((ownEvent?.value as { reducer: { name: string; args: unknown } }).reducer).toEqual({ name: 'send_message', args: { text: 'hi bob' } });
    const sent = rowsOf(alice.conn.db.message!).find(m => m.text === 'hi bob')!;
    expect((sent.sender as { toHexString(): string }).toHexString()).toBe(hex(alice));
  });

  it('rejects failed reducer calls with SenderError (the message) or InternalError (the fixed text)', async () => {
    const carol = await open();
    const sender = await carol.conn.reducers.sendMessage!({ text: '' }).then(() => undefined, (e: unknown) => e);
    expect(sender).toBeInstanceOf(SenderError);
    expect((sender as Error).message).toBe('Messages must not be empty');

    const internal = await carol.conn.reducers.crash!({}).then(() => undefined, (e: unknown) => e);
    expect(internal).toBeInstanceOf(InternalError);
    expect((internal as Error).message).toBe('The instance encountered a fatal error.');

    // The connection is still usable.
    await carol.conn.reducers.setName!({ name: 'Carol' });
  });

  it('unsubscribe removes the rows and fires onEnd', async () => {
    const dave = await open();
    const deleted: Row[] = [];
    dave.conn.db.user!.onDelete((_ctx, row) => deleted.push(row));
    const handle = await subscribe(dave.conn, ['SELECT * FROM user']);
    const before = rowsOf(dave.conn.db.user!).length;
    expect(before).toBeGreaterThan(0);
    expect(handle.isActive()).toBe(true);
    const ended = new Promise<void>(r => handle.unsubscribeThen(() => r()));
    await ended;
    expect(handle.isEnded()).toBe(true);
    expect(rowsOf(dave.conn.db.user!)).toHaveLength(0);
    expect(deleted).toHaveLength(before);
  });

  it('runs clientDisconnected when a client leaves: the others see it go offline; it comes back with its token', async () => {
    const erin = await open();
    const frank = await open();
    await subscribe(erin.conn, ['SELECT * FROM user']);
    const frankRow = () => rowsOf(erin.conn.db.user!).find(u => identityHex(u) === hex(frank));
    expect(frankRow()).toMatchObject({ online: true });
    frank.conn.disconnect();
    await frank.disconnected;
    await waitFor(() => frankRow()?.online === false, 'frank offline');
    const back = await open(frank.token);
    expect(hex(back)).toBe(hex(frank));
    await waitFor(() => frankRow()?.online === true, 'frank online again');
  });

  it('reports a bad subscription query through onError', async () => {
    const gina = await open();
    await expect(subscribe(gina.conn, ['SELECT * FROM nope'])).rejects.toThrow(/nope/);
    // The connection survives a refused subscription.
    await subscribe(gina.conn, ['SELECT * FROM message']);
  });
});

describe.each(TRANSPORTS)('the Kanban sample over $name', transport => {
  let h: Harness;
  const clients: Client[] = [];
  beforeAll(async () => {
    h = await transport.start(kanban.prelude, kanban.code, 'kanban');
  });
  afterAll(async () => {
    for (const c of clients) if (c.conn.isActive) c.conn.disconnect();
    await h.close();
  });

  it('shows a client only the boards and cards it collaborates on (clientVisibilityFilter)', async () => {
    const alice = await connect(h.builder);
    const bob = await connect(h.builder);
    clients.push(alice, bob);
    await alice.conn.reducers.createBoard!({ name: 'Alice board' });
    await bob.conn.reducers.createBoard!({ name: 'Bob board' });

    const boardNames = (c: Client) => rowsOf(c.conn.db.board!).map(b => b.name).sort();
    await subscribe(alice.conn, ['SELECT * FROM board', 'SELECT * FROM card']);
    await subscribe(bob.conn, ['SELECT * FROM board', 'SELECT * FROM card']);
    expect(boardNames(alice)).toEqual(['Alice board']);
    expect(boardNames(bob)).toEqual(['Bob board']);

    const aliceBoard = rowsOf(alice.conn.db.board!)[0]!;
    expect(typeof aliceBoard.boardId).toBe('bigint');
    await alice.conn.reducers.addCard!({ boardId: aliceBoard.boardId, title: 'secret plan' });
    expect(rowsOf(alice.conn.db.card!).map(c => c.title)).toEqual(['secret plan']);

    // Bob may not touch Alice's board, and never sees its card.
    const refused = await bob.conn.reducers.addCard!({ boardId: aliceBoard.boardId, title: 'intrusion' }).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(SenderError);
    expect((refused as Error).message).toBe(`Only collaborators of board ${String(aliceBoard.boardId)} can do this`);
    expect(rowsOf(bob.conn.db.card!)).toHaveLength(0);

    // Adding Bob as a collaborator makes the board (and its card) appear for him.
    const inserted: string[] = [];
    bob.conn.db.board!.onInsert((ctx, row) => inserted.push(`${String(row.name)} (${ctx.event.tag})`));
    await alice.conn.reducers.addCollaborator!({ boardId: aliceBoard.boardId, identity: bob.identity });
    await waitFor(() => boardNames(bob).length === 2, 'bob to see alice’s board');
    expect(boardNames(bob)).toEqual(['Alice board', 'Bob board']);
    expect(inserted).toEqual(['Alice board (Transaction)']);
    await waitFor(() => rowsOf(bob.conn.db.card!).length === 1, 'bob to see the card');
    expect(rowsOf(bob.conn.db.card!)[0]).toMatchObject({ title: 'secret plan', state: 'todo' });

    // Bob moves the card; Alice sees the update.
    const updates: string[] = [];
    alice.conn.db.card!.onUpdate!((_ctx, o, n) => updates.push(`${String(o.state)} -> ${String(n.state)}`));
    const card = rowsOf(bob.conn.db.card!)[0]!;
    await bob.conn.reducers.moveCard!({ cardId: card.cardId, state: 'done' });
    await waitFor(() => updates.length === 1, 'alice to see the move');
    expect(updates).toEqual(['todo -> done']);
    // Alice still doesn't see Bob's own board.
    expect(boardNames(alice)).toEqual(['Alice board']);
  });
});

describe.each(TRANSPORTS)('procedures and overlapping subscriptions over $name', transport => {
  let h: Harness;
  const clients: Client[] = [];
  beforeAll(async () => {
    h = await transport.start(procs.prelude, procs.code, 'procs');
  });
  afterAll(async () => {
    for (const c of clients) if (c.conn.isActive) c.conn.disconnect();
    await h.close();
  });

  it('calls procedures: return values decode, withTx commits reach subscribers, failures reject', async () => {
    const a = await connect(h.builder);
    const b = await connect(h.builder);
    clients.push(a, b);
    expect(await a.conn.procedures.addPoints!({ a: { x: 1, y: 2 }, b: { x: 10, y: 20 } })).toEqual({ x: 11, y: 22 });
    await subscribe(b.conn, ['SELECT * FROM note']);
    const id = await a.conn.procedures.writeNote!({ text: 'from a procedure' });
    expect(typeof id).toBe('bigint');
    await waitFor(() => rowsOf(b.conn.db.note!).length === 1, 'b to see the note');
    expect(rowsOf(b.conn.db.note!)[0]).toEqual({ id, text: 'from a procedure' });
    await expect(a.conn.procedures.fail!({})).rejects.toBeDefined();
  });

  it('counts a row once per query set: unsubscribing one of two overlapping sets keeps it, updates fire once', async () => {
    const a = await connect(h.builder);
    const b = await connect(h.builder);
    clients.push(a, b);
    const id = await b.conn.procedures.writeNote!({ text: 'shared' });
    const all = await subscribe(a.conn, ['SELECT * FROM note']);
    const one = await subscribe(a.conn, [`SELECT * FROM note WHERE id = ${String(id)}`]);
    const updates: string[] = [];
    a.conn.db.note!.onUpdate!((_ctx, o, n) => updates.push(`${String(o.text)} -> ${String(n.text)}`));
    await b.conn.reducers.editNote!({ id, text: 'edited' });
    await waitFor(() => updates.length > 0, 'the update');
    expect(updates).toEqual(['shared -> edited']);
    await new Promise<void>(r => all.unsubscribeThen(() => r()));
    expect(rowsOf(a.conn.db.note!).map(n => n.text)).toEqual(['edited']);
    await new Promise<void>(r => one.unsubscribeThen(() => r()));
    expect(rowsOf(a.conn.db.note!)).toEqual([]);
  });
});

describe.each(TRANSPORTS)('event tables over $name', transport => {
  it("fire onInsert for each event and keep nothing in the client cache", async () => {
    const h = await transport.start(procs.prelude, procs.code, 'procs');
    try {
      const a = await connect(h.builder);
      const b = await connect(h.builder);
      const seen: string[] = [];
      a.conn.db.ping!.onInsert((ctx, row) => seen.push(`${String(row.text)} (${ctx.event.tag})`));
      await subscribe(a.conn, ['SELECT * FROM ping']);
      await b.conn.reducers.sendPing!({ text: 'one' });
      await a.conn.reducers.sendPing!({ text: 'two' });
      await waitFor(() => seen.length === 2, 'both events');
      expect(seen).toEqual(['one (Transaction)', 'two (Reducer)']);
      expect(rowsOf(a.conn.db.ping!)).toEqual([]);
      a.conn.disconnect();
      b.conn.disconnect();
    } finally {
      await h.close();
    }
  });
});

describe('the in-page socket', () => {
  it('never connects a client that disconnects before the socket opened (React StrictMode mounts twice)', async () => {
    const db = openDatabase({ prelude: chat.prelude, code: chat.code, clock: createRealClock() });
    db.publish();
    const server = createProtocolServer(db);
    const factory = createInPageSocketFactory(server);
    const builder = () => bindingsFor(chat.code).DbConnection.builder().withUri('ws://in-page').withDatabaseName('x').withWSFn(factory);
    let disconnected = 0;
    const early = builder().onDisconnect(() => disconnected++).build();
    early.disconnect();
    const kept = await connect(builder);
    await waitFor(() => disconnected === 1, 'the early connection to close');
    expect(server.sessions.size).toBe(1);
    const online = db.sql('SELECT * FROM user WHERE online = true');
    expect(online.ok && online.value.rows).toHaveLength(1);
    kept.conn.disconnect();
  });
});
