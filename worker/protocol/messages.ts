import { BinaryWriter, ConnectionId, Identity, TimeDuration, Timestamp } from 'spacetimedb';
import type { ServerMessage } from '../generated/client-api.gen.ts';
import type { Outcome } from '../engine/records.ts';
import type { QueryRows, QuerySetUpdate } from '../subscriptions/manager.ts';

/** `BsatnRowList`: rows back to back, with their offsets (the SDK reads the bytes, not the hint). */
export function rowList(rows: Uint8Array[]) {
  const offsets: bigint[] = [];
  let size = 0;
  for (const r of rows) {
    offsets.push(BigInt(size));
    size += r.length;
  }
  const data = new Uint8Array(size);
  let at = 0;
  for (const r of rows) {
    data.set(r, at);
    at += r.length;
  }
  return { sizeHint: { tag: 'RowOffsets' as const, value: offsets }, rowsData: data };
}

export function queryRows(rows: QueryRows[]) {
  return { tables: rows.map(r => ({ table: r.table.name, rows: rowList(r.inserts) })) };
}

export function transactionUpdate(updates: QuerySetUpdate[]) {
  return {
    querySets: updates.map(u => ({
      querySetId: { id: u.querySetId },
      tables: u.tables.map(t => ({
        tableName: t.table.name,
        rows: t.rows.map(r =>
          t.table.isEvent
            ? { tag: 'EventTable' as const, value: { events: rowList(r.inserts) } }
            : { tag: 'PersistentTable' as const, value: { inserts: rowList(r.inserts), deletes: rowList(r.deletes) } }
        ),
      })),
    })),
  };
}

function bsatnString(s: string): Uint8Array {
  const w = new BinaryWriter(s.length + 8);
  w.writeString(s);
  return w.getBuffer().slice();
}

/** upstream module_subscription_actor.rs: Ok carries the caller's own updates; Err the BSATN message; else InternalError. */
export function reducerResult(requestId: number, timestamp: bigint, outcome: Outcome, updates: QuerySetUpdate[]): ServerMessage {
  const result =
    outcome.status === 'committed'
      ? { tag: 'Ok' as const, value: { retValue: new Uint8Array(0), transactionUpdate: transactionUpdate(updates) } }
      : outcome.status === 'failed' && outcome.kind === 'sender'
        ? { tag: 'Err' as const, value: bsatnString(outcome.message) }
        : { tag: 'InternalError' as const, value: outcome.message };
  return { tag: 'ReducerResult', value: { requestId, timestamp: new Timestamp(timestamp), result } } as ServerMessage;
}

export function initialConnection(identity: bigint, connectionId: bigint, token: string): ServerMessage {
  return { tag: 'InitialConnection', value: { identity: new Identity(identity), connectionId: new ConnectionId(connectionId), token } } as ServerMessage;
}

export function procedureResult(requestId: number, timestamp: bigint, micros: bigint, result: { ok: true; bytes: Uint8Array } | { ok: false; message: string }): ServerMessage {
  return {
    tag: 'ProcedureResult',
    value: {
      status: result.ok ? { tag: 'Returned', value: result.bytes } : { tag: 'InternalError', value: result.message },
      timestamp: new Timestamp(timestamp),
      totalHostExecutionDuration: new TimeDuration(micros),
      requestId,
    },
  } as ServerMessage;
}

/**
 * `OneOffQueryResult{ result: Err(msg) }`, written by hand: spacetimedb 2.10.1
 * serializes a Result's `err` with the `ok` type's serializer.
 */
export function oneOffQueryError(requestId: number, message: string): Uint8Array {
  const w = new BinaryWriter(message.length + 16);
  w.writeU8(5); // ServerMessage::OneOffQueryResult
  w.writeU32(requestId);
  w.writeU8(1); // Result::Err
  w.writeString(message);
  return w.getBuffer().slice();
}
