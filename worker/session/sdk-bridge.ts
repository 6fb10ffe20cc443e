/**
 * How it works: SDK clients reach the engine through the protocol server,
 * which calls `db.connect`, `db.disconnect` and `db.callReducer` itself. The
 * server gets a database whose three verbs are routed through the session
 * instead, so what an SDK client does becomes a journaled input run at a
 * pinned time, exactly like a call from the UI, and replays the same.
 * A connection that survived a restart (replayed, no socket yet) is adopted
 * by the client reconnecting to it, without running `clientConnected` again.
 */
import type { ConnectedClient, Database } from '../engine/database.ts';
import type { TxRecord } from '../engine/records.ts';
import type { Clients } from './clients.ts';
import type { Input } from './journal.ts';

type NewInput = Input extends infer I ? (I extends Input ? Omit<I, 'at'> : never) : never;

export type BridgeDeps = {
  db: Database;
  clients: Clients;
  /** Runs an input now, journaled; returns its transaction, if it ran one. */
  run(input: NewInput): TxRecord | undefined;
};

const subjectOf = (client: ConnectedClient): string | undefined => {
  try {
    const claims = JSON.parse(client.jwtPayload ?? '{}') as { sub?: unknown };
    return typeof claims.sub === 'string' ? claims.sub : undefined;
  } catch {
    return undefined;
  }
};

/** What `connect` answers for an adopted connection: nothing ran, and it is open. */
function adopted(client: ConnectedClient, at: bigint): TxRecord {
  const outcome = { status: 'committed' } as const;
  return { seq: -1, kind: 'connect', reducer: undefined, args: undefined, sender: client.identity, connectionId: client.connectionId, timestamp: at, outcome, logs: [], durationMs: 0, delta: [] };
}

export function createBridgeDatabase(deps: BridgeDeps) {
  const { db, clients, run } = deps;
  /** Connections to hand to the next client that connects with their id. */
  const adopting = new Set<bigint>();

  const bridged: Database = {
    ...db,
    connect(client: ConnectedClient): TxRecord {
      if (adopting.delete(client.connectionId)) return adopted(client, db.now());
      const name = subjectOf(client) ?? clients.nameOf(client.identity);
      if (name === undefined) return db.connect(client);
      return run({ kind: 'connect', client: name, connectionId: client.connectionId })!;
    },
    disconnect(connectionId: bigint): TxRecord | undefined {
      const name = clients.nameOfConnection(connectionId);
      if (name === undefined) return db.disconnect(connectionId);
      return run({ kind: 'disconnect', client: name, connectionId });
    },
    callReducer(reducer, args, caller) {
      const name = caller && clients.nameOfConnection(caller.connectionId);
      if (!caller || name === undefined) return db.callReducer(reducer, args, caller);
      return run({ kind: 'call', reducer, args, as: name, connectionId: caller.connectionId })!;
    },
  };

  return {
    db: bridged,
    /** The next connect with this connection id takes over the open connection. */
    adopt(connectionId: bigint): void {
      adopting.add(connectionId);
    },
  };
}
