/**
 * Shared setup for the SDK tests (`sdk-*.test.ts`): the real SDK
 * (`DbConnection` from bindings our generator writes) against the
 * playground, over the in-page transport and over `serve`'s WebSockets.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll } from 'vitest';
import { setGlobalLogLevel } from 'spacetimedb';
import { WebSocket as NodeWebSocket } from 'ws';
import { createRealClock, createVirtualClock } from '../engine/clock.ts';
import { openDatabase } from '../engine/database.ts';
import { compileModuleFile } from '../node/load-module.ts';
import { startServer, type RunningServer } from '../serve/server.ts';
import { connect, loadBindings, type Bindings, type Builder, type Client, type Row } from '../serve/sdk-test-kit.ts';
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

export type Module = { prelude: string; code: string };
export type ModuleKind = 'chat' | 'kanban' | 'procedures';

const COMPILE: Record<ModuleKind, () => Promise<Module>> = {
  chat: async () => compile((await readFile(new URL('../../samples/chat/index.ts', import.meta.url), 'utf8')) + CHAT_EXTRA),
  kanban: () => compileModuleFile(new URL('../../samples/kanban/index.ts', import.meta.url).pathname),
  procedures: () => compile(PROCEDURES),
};

const bindingsByCode = new Map<string, Bindings>();
export const bindingsFor = (code: string): Bindings => bindingsByCode.get(code)!;

/**
 * Compiles a module and loads its SDK bindings before the file's tests.
 * `key` names the bindings' cache directory: unique per test file, as files run in parallel.
 */
export function useModule(kind: ModuleKind, key: string): () => Module {
  let m: Module | undefined;
  beforeAll(async () => {
    m = await COMPILE[kind]();
    const schemaDb = openDatabase({ prelude: m.prelude, code: m.code, clock: createVirtualClock(0n) });
    bindingsByCode.set(m.code, await loadBindings(schemaDb.schema, key));
  });
  return () => m!;
}

export type Harness = { builder: () => Builder; close(): Promise<void> };
export type Transport = { name: string; start(prelude: string, code: string, dbName: string): Promise<Harness> };

export const TRANSPORTS: Transport[] = [
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

/**
 * Starts `module` over `transport` for the enclosing describe and returns
 * `open`, which connects a client (disconnected when the describe ends).
 */
export function useHarness(transport: Transport, module: () => Module, dbName: string): { open(token?: string): Promise<Client>; builder: () => Builder } {
  let h: Harness;
  const clients: Client[] = [];
  beforeAll(async () => {
    h = await transport.start(module().prelude, module().code, dbName);
  });
  afterAll(async () => {
    for (const c of clients) if (c.conn.isActive) c.conn.disconnect();
    await h.close();
  });
  return {
    builder: () => h.builder(),
    async open(token) {
      const c = await connect(h.builder, token);
      clients.push(c);
      return c;
    },
  };
}

export const hex = (c: Client) => c.identity.toHexString();
export const identityHex = (row: Row) => (row.identity as { toHexString(): string }).toHexString();
