/**
 * `serve` over real sockets: the WebSocket handshake the SDK performs
 * (subprotocols, query params, the compression tag byte), the HTTP routes,
 * schedules on the real clock, refused connections, and shutdown.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setGlobalLogLevel } from 'spacetimedb';
import { WebSocket as NodeWebSocket } from 'ws';
import { createVirtualClock } from '../engine/clock.ts';
import { openDatabase } from '../engine/database.ts';
import type { ServerMessage } from '../generated/client-api.gen.ts';
import { createInPageSocketFactory } from '../protocol/in-page-socket.ts';
import { createProtocolServer } from '../protocol/server.ts';
import { claimsFor, mintToken } from '../protocol/tokens.ts';
import { decodeServerFrame, V2_PROTOCOL, V3_PROTOCOL } from '../protocol/wire.ts';
import { compile } from '../testing/test-db.ts';
import { connect, loadBindings, rowsOf, subscribe, waitFor, type Bindings } from './sdk-test-kit.ts';
import { startServer, type RunningServer } from './server.ts';

const g = globalThis as { WebSocket?: unknown };
g.WebSocket ??= NodeWebSocket;
setGlobalLogLevel('warn');

let chat: { prelude: string; code: string };
let server: RunningServer;
let base: string;

beforeAll(async () => {
  chat = await compile(await readFile(new URL('../../samples/chat/index.ts', import.meta.url), 'utf8'));
  server = await startServer({ ...chat, port: 0, host: '127.0.0.1', name: 'chat' });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server?.close();
});

/** Opens a raw socket and resolves with it and its first frame (or rejects with the HTTP refusal). */
function rawSocket(path: string, protocols: string[]): Promise<{ ws: NodeWebSocket; first: Uint8Array }> {
  return new Promise((resolve, reject) => {
    const ws = new NodeWebSocket(`ws://127.0.0.1:${server.port}${path}`, protocols);
    ws.binaryType = 'arraybuffer';
    ws.once('message', data => resolve({ ws, first: new Uint8Array(data as ArrayBuffer) }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => reject(new Error(`${res.statusCode}: ${body}`)));
    });
    ws.once('error', reject);
  });
}

const post = (path: string, body?: string, token?: string) =>
  fetch(base + path, { method: 'POST', ...(body !== undefined ? { body } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('serve: the WebSocket endpoint', () => {
  it('negotiates v3 when offered (as the SDK does), else v2, and tags every frame with compression 0', async () => {
    const v3 = await rawSocket('/v1/database/chat/subscribe?connection_id=00000000000000000000000000000abc&compression=Gzip', [V3_PROTOCOL, V2_PROTOCOL]);
    expect(v3.ws.protocol).toBe(V3_PROTOCOL);
    expect(v3.first[0]).toBe(0);
    const [init] = decodeServerFrame(V3_PROTOCOL, v3.first.subarray(1)) as Extract<ServerMessage, { tag: 'InitialConnection' }>[];
    expect(init!.tag).toBe('InitialConnection');
    expect(init!.value.connectionId.toHexString()).toBe('00000000000000000000000000000abc');
    v3.ws.close();

    const v2 = await rawSocket('/v1/database/chat/subscribe?compression=None', [V2_PROTOCOL]);
    expect(v2.ws.protocol).toBe(V2_PROTOCOL);
    expect(v2.first[0]).toBe(0);
    expect(decodeServerFrame(V2_PROTOCOL, v2.first.subarray(1))[0]!.tag).toBe('InitialConnection');
    v2.ws.close();
  });

  it('refuses an unknown database, the all-zeros connection id, a malformed token and unknown subprotocols', async () => {
    await expect(rawSocket('/v1/database/other/subscribe', [V2_PROTOCOL])).rejects.toThrow(/^404: No such database: other/);
    await expect(rawSocket(`/v1/database/chat/subscribe?connection_id=${'0'.repeat(32)}`, [V2_PROTOCOL])).rejects.toThrow(
      '400: Invalid connection ID: the all-zeros ConnectionId is reserved.'
    );
    await expect(rawSocket('/v1/database/chat/subscribe?token=nonsense', [V2_PROTOCOL])).rejects.toThrow(/^401/);
    await expect(rawSocket('/v1/database/chat/subscribe', ['v1.json.spacetimedb'])).rejects.toThrow(/^400/);
  });

  it('accepts the database identity in place of its name', async () => {
    const hex = server.db.databaseIdentity.toString(16).padStart(64, '0');
    const s = await rawSocket(`/v1/database/${hex}/subscribe`, [V2_PROTOCOL]);
    s.ws.close();
  });
});

describe('serve: HTTP routes', () => {
  it('mints identities and exchanges tokens for websocket tokens', async () => {
    const res = await post('/v1/identity');
    expect(res.status).toBe(200);
    const { identity, token } = (await res.json()) as { identity: string; token: string };
    expect(identity).toMatch(/^c200[0-9a-f]{60}$/);
    const ex = await post('/v1/identity/websocket-token', undefined, token);
    expect(await ex.json()).toEqual({ token });
    expect((await post('/v1/identity/websocket-token', undefined, 'not-a-token')).status).toBe(401);
    expect((await fetch(base + '/v1/ping')).status).toBe(200);
  });

  it('calls reducers with JSON args (connect → call → disconnect) and answers SQL', async () => {
    const { token, identity } = (await (await post('/v1/identity')).json()) as { identity: string; token: string };
    expect((await post('/v1/database/chat/call/set_name', '["Http"]', token)).status).toBe(200);
    expect((await post('/v1/database/chat/call/send_message', '{"text":"over http"}', token)).status).toBe(200);
    const failed = await post('/v1/database/chat/call/send_message', '[""]', token);
    expect(failed.status).toBe(530);
    expect(await failed.text()).toBe('Messages must not be empty');
    expect((await post('/v1/database/chat/call/nope', '[]', token)).status).toBe(404);
    expect((await post('/v1/database/chat/call/set_name', '[1, 2]', token)).status).toBe(400);

    const sql = await post('/v1/database/chat/sql', 'SELECT * FROM user', token);
    expect(sql.status).toBe(200);
    const [result] = (await sql.json()) as { schema: { elements: { name: { some: string } }[] }; rows: unknown[][] }[];
    expect(result!.schema.elements.map(e => e.name.some)).toEqual(['identity', 'name', 'online']);
    const mine = result!.rows.find(r => JSON.stringify(r[0]).includes(identity));
    expect(mine).toBeDefined();
    expect(JSON.stringify(mine)).toContain('Http');
    // Like upstream, /sql itself runs as a connection of the caller: online while it runs, offline after.
    expect(JSON.stringify(mine![2])).toBe('true');
    const now = server.db.sql(`SELECT online FROM user WHERE identity = 0x${identity}`);
    expect(now.ok && now.value.rows).toEqual([[false]]);
    const bad = await post('/v1/database/chat/sql', 'SELECT * FROM nope', token);
    expect(bad.status).toBe(400);
    expect((await post('/v1/database/other/sql', 'SELECT 1', token)).status).toBe(404);
  });
});

describe('serve: schedules, refusals, shutdown', () => {
  const TICKER = `
import { schema, t, table, SenderError, ScheduleAt } from 'spacetimedb/server';
const tick = table({ name: 'tick', public: true }, { n: t.u64().primaryKey().autoInc(), at: t.timestamp() });
const timer = table({ name: 'timer' }, { scheduled_id: t.u64().primaryKey().autoInc(), scheduled_at: t.scheduleAt() });
const spacetimedb = schema({ tick, timer });
export default spacetimedb;
export const init = spacetimedb.init(ctx => {
  ctx.db.timer.insert({ scheduled_id: 0n, scheduled_at: ScheduleAt.interval(20_000n) });
});
export const on_tick = spacetimedb.reducer({ onSchedule: timer }, { timer: timer.rowType }, ctx => {
  ctx.db.tick.insert({ n: 0n, at: ctx.timestamp });
});
export const onConnect = spacetimedb.clientConnected(ctx => {
  if (ctx.senderAuth.jwt?.subject === 'banned') throw new SenderError('go away');
});
`;
  let ticker: { prelude: string; code: string };
  let bindings: Bindings;
  beforeAll(async () => {
    ticker = await compile(TICKER);
    bindings = await loadBindings(openDatabase({ ...ticker, clock: createVirtualClock(0n) }).schema, 'serve-test-ticker');
  });

  it('runs interval schedules on the real clock; subscribers see the rows arrive', async () => {
    const s = await startServer({ ...ticker, port: 0, host: '127.0.0.1', name: 'ticker' });
    try {
      const c = await connect(() => bindings.DbConnection.builder().withUri(s.url.replace('localhost', '127.0.0.1')).withDatabaseName('ticker').withCompression('none'));
      await subscribe(c.conn, ['SELECT * FROM tick']);
      const start = rowsOf(c.conn.db.tick!).length;
      await waitFor(() => rowsOf(c.conn.db.tick!).length >= start + 3, 'three more ticks');
      c.conn.disconnect();
    } finally {
      await s.close();
    }
  });

  it('refuses a connection when clientConnected throws: the SDK reports a failed connect (in-page and serve)', async () => {
    const banned = mintToken(claimsFor('banned', 0));
    const s = await startServer({ ...ticker, port: 0, host: '127.0.0.1', name: 'ticker' });
    try {
      const viaServe = () => bindings.DbConnection.builder().withUri(`ws://127.0.0.1:${s.port}`).withDatabaseName('ticker');
      await expect(connect(viaServe, banned)).rejects.toBeDefined();
      const ok = await connect(viaServe);
      ok.conn.disconnect();
    } finally {
      await s.close();
    }
    const db = openDatabase({ ...ticker, clock: createVirtualClock(0n) });
    db.publish();
    const factory = createInPageSocketFactory(createProtocolServer(db));
    const inPage = () => bindings.DbConnection.builder().withUri('ws://in-page').withDatabaseName('x').withWSFn(factory);
    await expect(connect(inPage, banned)).rejects.toThrow('go away');
  });

  it('close() disconnects every client, running clientDisconnected', async () => {
    const s = await startServer({ ...chat, port: 0, host: '127.0.0.1', name: 'chat' });
    const chatBindings = await loadBindings(s.db.schema, 'serve-test-chat');
    const c = await connect(() => chatBindings.DbConnection.builder().withUri(`ws://127.0.0.1:${s.port}`).withDatabaseName('chat'));
    const online = () => s.db.sql('SELECT * FROM user WHERE online = true');
    const before = online();
    expect(before.ok && before.value.rows).toHaveLength(1);
    await s.close();
    expect(await c.disconnected).toBeUndefined();
    const after = online();
    expect(after.ok && after.value.rows).toHaveLength(0);
  });
});
