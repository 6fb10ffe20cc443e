/**
 * The protocol server at the byte level, with a transport that records
 * frames: what each client gets, in what order (reference §3.3–3.4).
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { BinaryWriter } from 'spacetimedb';
import { ClientMessage, type ServerMessage } from '../generated/client-api.gen.ts';
import { createRealClock } from '../engine/clock.ts';
import { openDatabase } from '../engine/database.ts';
import { compile } from '../testing/test-db.ts';
import { createProtocolServer, type ProtocolServer, type Session } from './server.ts';
import { decodeServerFrame, V2_PROTOCOL, V3_PROTOCOL, type WireProtocol } from './wire.ts';

let chat: { prelude: string; code: string };
beforeAll(async () => {
  const source = await readFile(new URL('../../samples/chat/index.ts', import.meta.url), 'utf8');
  chat = await compile(source + `\nexport const crash = spacetimedb.reducer(() => { throw new Error('boom'); });\n`);
});

type Peer = { session: Session; frames: Uint8Array[]; closed: boolean; messages(): ServerMessage[]; take(): ServerMessage[] };

function setup(): { server: ProtocolServer; join(protocol?: WireProtocol, token?: string): Peer } {
  const db = openDatabase({ prelude: chat.prelude, code: chat.code, clock: createRealClock() });
  db.publish();
  const server = createProtocolServer(db);
  return {
    server,
    join(protocol = V2_PROTOCOL, token) {
      let seen = 0;
      const peer = {
        frames: [] as Uint8Array[],
        closed: false,
        messages: () => peer.frames.flatMap(f => decodeServerFrame(protocol, f)),
        /** Messages since the last take. */
        take: () => {
          const all = peer.messages();
          const fresh = all.slice(seen);
          seen = all.length;
          return fresh;
        },
      } as Peer;
      const r = server.accept({
        protocol,
        ...(token ? { token } : {}),
        transport: { send: f => peer.frames.push(f), close: () => (peer.closed = true) },
      });
      if (!r.ok) throw new Error(r.error);
      peer.session = r.session;
      return peer;
    },
  };
}

const encode = (...msgs: ClientMessage[]): Uint8Array => {
  const w = new BinaryWriter(256);
  for (const m of msgs) ClientMessage.serialize(w, m);
  return w.getBuffer().slice();
};
const stringArg = (s: string): Uint8Array => {
  const w = new BinaryWriter(64);
  w.writeString(s);
  return w.getBuffer().slice();
};
const subscribeMsg = (requestId: number, id: number, queries: string[]): ClientMessage =>
  ({ tag: 'Subscribe', value: { requestId, querySetId: { id }, queryStrings: queries } }) as ClientMessage;
const callMsg = (requestId: number, reducer: string, args: Uint8Array): ClientMessage =>
  ({ tag: 'CallReducer', value: { requestId, flags: 0, reducer, args } }) as ClientMessage;
const tags = (ms: ServerMessage[]) => ms.map(m => m.tag);
/** A sum value's payload, whatever its variant. */
const payload = (v: { tag: string }): unknown => (v as { value?: unknown }).value;

describe('protocol server', () => {
  it('sends InitialConnection first, echoing the identity, connection id and token', () => {
    const { join } = setup();
    const a = join();
    const [first, ...rest] = a.take();
    expect(rest).toEqual([]);
    expect(first!.tag).toBe('InitialConnection');
    const v = (first as Extract<ServerMessage, { tag: 'InitialConnection' }>).value;
    expect(v.identity.toHexString()).toBe(a.session.identity.toString(16).padStart(64, '0'));
    expect(v.connectionId.toHexString()).toBe(a.session.connectionId.toString(16).padStart(32, '0'));
    expect(v.token).toBe(a.session.token);
    // The same token is the same identity.
    const again = join(V2_PROTOCOL, a.session.token);
    expect(again.session.identity).toBe(a.session.identity);
    expect(again.session.connectionId).not.toBe(a.session.connectionId);
  });

  it("gives the caller one ReducerResult with its own updates, others a TransactionUpdate, the unaffected nothing", () => {
    const { server, join } = setup();
    const watcher = join();
    const caller = join();
    const bystander = join();
    server.receive(watcher.session, encode(subscribeMsg(1, 1, ['SELECT * FROM message'])));
    server.receive(caller.session, encode(subscribeMsg(1, 7, ['SELECT * FROM message'])));
    server.receive(bystander.session, encode(subscribeMsg(1, 1, ['SELECT * FROM user WHERE online = false'])));
    for (const p of [watcher, caller, bystander]) expect(tags(p.take())).toEqual(['InitialConnection', 'SubscribeApplied']);

    server.receive(caller.session, encode(callMsg(42, 'send_message', stringArg('hi'))));
    const [result, ...more] = caller.take();
    expect(more).toEqual([]);
    expect(result!.tag).toBe('ReducerResult');
    const rr = (result as Extract<ServerMessage, { tag: 'ReducerResult' }>).value;
    expect(rr.requestId).toBe(42);
    expect(rr.result.tag).toBe('Ok');
    const ok = payload(rr.result) as { retValue: Uint8Array; transactionUpdate: { querySets: { querySetId: { id: number }; tables: { tableName: string }[] }[] } };
    expect(ok.retValue).toHaveLength(0);
    expect(ok.transactionUpdate.querySets.map(q => [q.querySetId.id, q.tables.map(t => t.tableName)])).toEqual([[7, ['message']]]);

    expect(tags(watcher.take())).toEqual(['TransactionUpdate']);
    expect(bystander.take()).toEqual([]);
  });

  it('sends a client a TransactionUpdate for a call made as it outside its socket (no request to answer)', () => {
    const { server, join } = setup();
    const a = join();
    server.receive(a.session, encode(subscribeMsg(1, 1, ['SELECT * FROM message'])));
    a.take();
    const r = server.db.callReducer('send_message', stringArg('from the UI'), { identity: a.session.identity, connectionId: a.session.connectionId });
    expect(r.outcome.status).toBe('committed');
    expect(tags(a.take())).toEqual(['TransactionUpdate']);
  });

  it('sends a ReducerResult even when the caller saw no change, and nothing to anyone else on failure', () => {
    const { server, join } = setup();
    const watcher = join();
    const caller = join();
    server.receive(watcher.session, encode(subscribeMsg(1, 1, ['SELECT * FROM message'])));
    watcher.take();
    caller.take();

    server.receive(caller.session, encode(callMsg(1, 'send_message', stringArg('unseen by caller'))));
    const [ok] = caller.take() as Extract<ServerMessage, { tag: 'ReducerResult' }>[];
    expect(ok!.value.result.tag).toBe('Ok');
    expect((payload(ok!.value.result) as { transactionUpdate: { querySets: unknown[] } }).transactionUpdate.querySets).toEqual([]);
    expect(tags(watcher.take())).toEqual(['TransactionUpdate']);

    server.receive(caller.session, encode(callMsg(2, 'send_message', stringArg(''))));
    const [err] = caller.take() as Extract<ServerMessage, { tag: 'ReducerResult' }>[];
    expect(err!.value.result.tag).toBe('Err');
    const bytes = payload(err!.value.result) as Uint8Array;
    expect(new TextDecoder().decode(bytes.subarray(4))).toBe('Messages must not be empty');

    server.receive(caller.session, encode(callMsg(3, 'crash', new Uint8Array(0))));
    const [internal] = caller.take() as Extract<ServerMessage, { tag: 'ReducerResult' }>[];
    expect(internal!.value.result).toEqual({ tag: 'InternalError', value: 'The instance encountered a fatal error.' });
    expect(watcher.take()).toEqual([]);
  });

  it('handles every message of a v3 frame, in order, answering in request order', () => {
    const { server, join } = setup();
    const a = join(V3_PROTOCOL);
    a.take();
    server.receive(a.session, encode(subscribeMsg(1, 1, ['SELECT * FROM message']), callMsg(2, 'send_message', stringArg('one')), callMsg(3, 'send_message', stringArg('two'))));
    const ms = a.take();
    expect(tags(ms)).toEqual(['SubscribeApplied', 'ReducerResult', 'ReducerResult']);
    expect(ms.slice(1).map(m => (m as Extract<ServerMessage, { tag: 'ReducerResult' }>).value.requestId)).toEqual([2, 3]);
  });

  it('answers Unsubscribe with the dropped rows, and a duplicate or bad query set with SubscriptionError', () => {
    const { server, join } = setup();
    const a = join();
    a.take();
    server.receive(a.session, encode(callMsg(1, 'send_message', stringArg('kept'))));
    server.receive(a.session, encode(subscribeMsg(2, 5, ['SELECT * FROM message'])));
    server.receive(a.session, encode(subscribeMsg(3, 5, ['SELECT * FROM message'])));
    server.receive(a.session, encode(subscribeMsg(4, 6, ['SELECT * FROM nope'])));
    const [, applied, dup, bad] = a.take();
    expect(applied!.tag).toBe('SubscribeApplied');
    expect(dup).toMatchObject({ tag: 'SubscriptionError', value: { requestId: 3, querySetId: { id: 5 } } });
    expect((dup as Extract<ServerMessage, { tag: 'SubscriptionError' }>).value.error).toMatch(/already exists/);
    expect(bad).toMatchObject({ tag: 'SubscriptionError', value: { requestId: 4, querySetId: { id: 6 } } });

    server.receive(a.session, encode({ tag: 'Unsubscribe', value: { requestId: 5, querySetId: { id: 5 }, flags: { tag: 'SendDroppedRows' } } } as ClientMessage));
    const [un] = a.take() as Extract<ServerMessage, { tag: 'UnsubscribeApplied' }>[];
    expect(un!.tag).toBe('UnsubscribeApplied');
    expect(un!.value.rows?.tables.map(t => t.table)).toEqual(['message']);
    expect(un!.value.rows!.tables[0]!.rows.rowsData.length).toBeGreaterThan(0);
  });

  it('closes the connection on a frame that does not decode, running clientDisconnected', () => {
    const { server, join } = setup();
    const watcher = join();
    server.receive(watcher.session, encode(subscribeMsg(1, 1, ['SELECT * FROM user'])));
    watcher.take();
    const a = join();
    expect(tags(watcher.take())).toEqual(['TransactionUpdate']); // a came online
    server.receive(a.session, new Uint8Array([99, 1, 2]));
    expect(a.closed).toBe(true);
    expect(server.sessions.has(a.session.connectionId)).toBe(false);
    expect(tags(watcher.take())).toEqual(['TransactionUpdate']); // a went offline
  });
});
