/**
 * How it works: the server side of the SDK protocol, independent of the
 * transport (in-page MessagePort-like adapters, or `serve`'s WebSockets).
 * A transport calls `accept` with what the client offered; the server runs
 * `clientConnected` (a throw refuses the connection: nothing is sent, as
 * upstream drops the socket), sends `InitialConnection`, then feeds each
 * client frame to `receive`. After every transaction it computes each
 * subscriber's changes and sends them: the caller of a reducer gets its
 * `ReducerResult` (with its own updates), every other affected client a
 * `TransactionUpdate` (crates/core/src/subscription/module_subscription_actor.rs).
 */
import type { Database } from '../engine/database.ts';
import { connectionIdFor, identityFromClaims } from '../engine/identity.ts';
import type { TxRecord } from '../engine/records.ts';
import { createSubscriptionManager, type QuerySetUpdate } from '../subscriptions/manager.ts';
import { handleClientMessage } from './handlers.ts';
import { initialConnection, reducerResult, transactionUpdate } from './messages.ts';
import { claimsFor, mintToken, readToken } from './tokens.ts';
import { decodeClientFrame, encodeServerMessage, frameServerMessages, type WireProtocol } from './wire.ts';
import type { ServerMessage } from '../generated/client-api.gen.ts';

export type Transport = { send(frame: Uint8Array): void; close(): void };

export type Session = {
  identity: bigint;
  connectionId: bigint;
  token: string;
  protocol: WireProtocol;
  transport: Transport;
  send(msg: ServerMessage): void;
  /** Sends one already-encoded server message. */
  sendEncoded(bytes: Uint8Array): void;
  /** A reducer call of this session waiting for its transaction (its `ReducerResult` goes out from there). */
  pending: { requestId: number } | undefined;
};

export type AcceptRequest = {
  protocol: WireProtocol;
  /** The token the client presented; none means a new anonymous identity. */
  token?: string;
  /** The connection id the client chose (SDK `connection_id` param); zero or none gets a fresh one. */
  connectionId?: bigint;
  transport: Transport;
};

export type AcceptResult = { ok: true; session: Session } | { ok: false; error: string };

export function createProtocolServer(db: Database, opts: { newSubject?: () => string } = {}) {
  const subs = createSubscriptionManager(db.store, db.schema, db.views);
  const sessions = new Map<bigint, Session>();
  let anonymous = 0;
  const newSubject = opts.newSubject ?? (() => `anonymous-${++anonymous}`);

  db.onTransaction((record: TxRecord) => {
    const committed = record.outcome.status === 'committed';
    const updates = committed ? subs.updatesFor(record.delta) : new Map<bigint, QuerySetUpdate[]>();
    // Only a session that asked for this call through the protocol gets a ReducerResult
    // (calls made for it by the UI or a scenario reach it as TransactionUpdates).
    const asked = record.kind === 'reducer' ? sessions.get(record.connectionId) : undefined;
    const caller = asked?.pending ? asked : undefined;
    // Per-query-set errors go out before the updates of the same transaction.
    for (const [connectionId, u] of updates) {
      const s = sessions.get(connectionId);
      if (!s) continue;
      for (const e of u) if (e.error) s.send({ tag: 'SubscriptionError', value: { requestId: undefined, querySetId: { id: e.querySetId }, error: e.error } } as ServerMessage);
    }
    if (caller?.pending) {
      const { requestId } = caller.pending;
      caller.pending = undefined;
      caller.send(reducerResult(requestId, record.timestamp, record.outcome, (updates.get(caller.connectionId) ?? []).filter(u => !u.error)));
    }
    for (const [connectionId, u] of updates) {
      const s = sessions.get(connectionId);
      const ok = u.filter(x => !x.error);
      if (!s || s === caller || ok.length === 0) continue;
      s.send({ tag: 'TransactionUpdate', value: transactionUpdate(ok) } as ServerMessage);
    }
  });

  const server = {
    db,
    subscriptions: subs,
    sessions,
    /** Runs `clientConnected` and, unless it refuses, sends `InitialConnection`. */
    accept(req: AcceptRequest): AcceptResult {
      const claims = (req.token && readToken(req.token)) || claimsFor(newSubject(), Number(db.now() / 1_000_000n));
      const token = req.token && readToken(req.token) ? req.token : mintToken(claims);
      const identity = identityFromClaims(claims.iss, claims.sub);
      let connectionId = req.connectionId && req.connectionId !== 0n ? req.connectionId : connectionIdFor(claims.sub, sessions.size);
      while (sessions.has(connectionId)) connectionId = connectionIdFor(claims.sub, Number(connectionId % 1000003n) + 1);
      const record = db.connect({ identity, connectionId, jwtPayload: JSON.stringify(claims) });
      if (record.outcome.status !== 'committed') {
        return { ok: false, error: record.outcome.status === 'rejected' ? record.outcome.message : record.outcome.message };
      }
      const session: Session = {
        identity,
        connectionId,
        token,
        protocol: req.protocol,
        transport: req.transport,
        pending: undefined,
        send(msg) {
          this.sendEncoded(encodeServerMessage(msg));
        },
        sendEncoded(bytes) {
          for (const frame of frameServerMessages(this.protocol, [bytes])) this.transport.send(frame);
        },
      };
      sessions.set(connectionId, session);
      session.send(initialConnection(identity, connectionId, token));
      return { ok: true, session };
    },
    /** One frame from a client; a frame that doesn't decode closes the connection. */
    receive(session: Session, frame: Uint8Array): void {
      let messages;
      try {
        messages = decodeClientFrame(session.protocol, frame);
      } catch {
        server.close(session);
        return;
      }
      for (const m of messages) handleClientMessage(server, session, m);
    },
    /** The client went away: drop its subscriptions, run `clientDisconnected`. */
    close(session: Session): void {
      if (!sessions.has(session.connectionId)) return;
      sessions.delete(session.connectionId);
      subs.drop(session.connectionId);
      db.disconnect(session.connectionId);
      session.transport.close();
    },
  };
  return server;
}

export type ProtocolServer = ReturnType<typeof createProtocolServer>;
