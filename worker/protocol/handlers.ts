import type { ClientMessage, ServerMessage } from '../generated/client-api.gen.ts';
import { compileSubscription, evaluateSubscription } from '../sql/subscription.ts';
import { oneOffQueryError, procedureResult, queryRows } from './messages.ts';
import type { ProtocolServer, Session } from './server.ts';

/** One client message (upstream crates/core/src/client/message_handlers_v2.rs). */
export function handleClientMessage(server: ProtocolServer, session: Session, msg: ClientMessage): void {
  const { db, subscriptions } = server;
  const isOwner = session.identity === db.owner;
  const sub = { identity: session.identity, connectionId: session.connectionId, isOwner };
  switch (msg.tag) {
    case 'Subscribe': {
      const { requestId, querySetId, queryStrings } = msg.value;
      const r = subscriptions.subscribe(sub, querySetId.id, queryStrings);
      session.send(
        r.ok
          ? ({ tag: 'SubscribeApplied', value: { requestId, querySetId, rows: queryRows(r.rows) } } as ServerMessage)
          : ({ tag: 'SubscriptionError', value: { requestId, querySetId, error: r.error } } as ServerMessage)
      );
      return;
    }
    case 'Unsubscribe': {
      const { requestId, querySetId, flags } = msg.value;
      const rows = subscriptions.unsubscribe(session.connectionId, querySetId.id);
      if (!rows) {
        session.send({ tag: 'SubscriptionError', value: { requestId, querySetId, error: `No subscription with id QuerySetId { id: ${querySetId.id} }` } } as ServerMessage);
        return;
      }
      const dropped = flags.tag === 'SendDroppedRows' ? queryRows(rows) : undefined;
      session.send({ tag: 'UnsubscribeApplied', value: { requestId, querySetId, rows: dropped } } as ServerMessage);
      return;
    }
    case 'OneOffQuery': {
      const { requestId, queryString } = msg.value;
      const c = compileSubscription(db.schema, queryString, { caller: session.identity, isOwner, sender: session.identity, requireIndexJoins: false });
      if (!c.ok) {
        session.sendEncoded(oneOffQueryError(requestId, c.error.message));
        return;
      }
      const rows = c.plans.map(p => ({ table: p.returnTable, inserts: evaluateSubscription(db.views.storeFor(session.identity), db.schema, p, { caller: session.identity, isOwner }), deletes: [] }));
      session.send({ tag: 'OneOffQueryResult', value: { requestId, result: { ok: queryRows(rows) } } } as unknown as ServerMessage);
      return;
    }
    case 'CallReducer': {
      const { requestId, reducer, args } = msg.value;
      session.pending = { requestId };
      db.callReducer(reducer, args, { identity: session.identity, connectionId: session.connectionId });
      return;
    }
    case 'CallProcedure': {
      const { requestId, procedure, args } = msg.value;
      const start = performance.now();
      const { record, result } = db.callProcedure(procedure, args, { identity: session.identity, connectionId: session.connectionId });
      const micros = BigInt(Math.round((performance.now() - start) * 1000));
      const ok = record.outcome.status === 'committed' && result !== undefined;
      session.send(procedureResult(requestId, record.timestamp, micros, ok ? { ok: true, bytes: result } : { ok: false, message: record.outcome.status === 'committed' ? 'no result' : record.outcome.message }));
      return;
    }
  }
}
