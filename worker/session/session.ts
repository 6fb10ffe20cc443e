/**
 * How it works: a session is one published module version on a real clock.
 * Every change to it is an `Input` (publish, connect, disconnect, call, SQL
 * write, schedule tick) run by `apply` with the clock pinned to the input's
 * time; each applied input is streamed as a `JournalEntry`, so whoever keeps
 * the journal can rebuild the session elsewhere with `replay`. SDK clients
 * connect through the session's protocol server, whose calls become inputs
 * too (`sdk-bridge.ts`).
 */
import type { Micros } from '../engine/clock.ts';
import type { Caller } from '../engine/database.ts';
import { openDatabase } from '../engine/database.ts';
import type { TxRecord } from '../engine/records.ts';
import type { HistoryHeader, LogEntry } from '../history/entry.ts';
import { historyHeader, recordHistory } from '../history/recorder.ts';
import { createProtocolServer } from '../protocol/server.ts';
import type { SqlOutcome } from '../sql/execute.ts';
import { carryOf } from './carry.ts';
import { createClients } from './clients.ts';
import type { Input, JournalEntry } from './journal.ts';
import { createLiveQueries, type LiveEvent } from './live-queries.ts';
import { createPinnedClock } from './pinned-clock.ts';
import { createBridgeDatabase } from './sdk-bridge.ts';
import { createScheduleTimer } from './schedule-timer.ts';
import { toTxView, type TxView } from './views.ts';

/** An input before it runs: `apply` stamps it with the current time. */
export type NewInput = Input extends infer I
  ? I extends Input
    ? Omit<I, 'at'>
    : never
  : never;

export type SessionEvent =
  | { type: 'tx'; tx: TxView }
  | { type: 'input'; entry: JournalEntry }
  | LiveEvent;

export type Applied = { entry: JournalEntry; tx: TxView | null; record: TxRecord | undefined };

export function openSession(
  prelude: string,
  code: string,
  emit: (e: SessionEvent) => void,
  sourceMap?: string
) {
  const time = createPinnedClock();
  const db = openDatabase({ prelude, code, ...(sourceMap ? { sourceMap } : {}), clock: time.clock });
  let follow: ((e: LogEntry) => void) | undefined;
  let header: HistoryHeader | undefined;
  // Attached before the publish runs, so entry 0 is the publish.
  const recorder = recordHistory(db, { onEntry: e => follow?.(e) });
  const clients = createClients();
  let session = 0n;
  let index = 0;
  let muted = false;
  let last: Applied | undefined;
  const view = (r: TxRecord): TxView => toTxView(r, db, clients.nameOf);
  const owner: Caller = { identity: db.owner, connectionId: 0n };
  const callerOf = (as: string | null, id?: bigint): Caller | undefined => (as === null ? owner : clients.caller(as, id));

  db.onTransaction(r => {
    if (!muted) emit({ type: 'tx', tx: view(r) });
  });

  function execute(input: Input): TxRecord | undefined {
    switch (input.kind) {
      case 'publish':
        session = input.at;
        return db.publish(input.at, input.base && carryOf(db, clients, input.base));
      case 'connect': {
        const client = clients.nextConnection(input.client, input.connectionId);
        const r = db.connect(client, input.at);
        if (r.outcome.status === 'committed') clients.opened(input.client, client.connectionId);
        return r;
      }
      case 'disconnect': {
        const id = clients.close(input.client, input.connectionId);
        return id === undefined ? undefined : db.disconnect(id, input.at);
      }
      case 'call': {
        // Callers are checked before a call becomes an input; a journal that
        // names a client without a connection is corrupt.
        const caller = callerOf(input.as, input.connectionId);
        if (!caller) throw new Error(`input names client "${input.as}", which has no connection`);
        return db.callReducer(input.reducer, input.args, caller, input.at);
      }
      case 'sql': {
        const caller = callerOf(input.as);
        if (!caller) throw new Error(`input names client "${input.as}", which has no connection`);
        return runSql(input.text, caller).record;
      }
      case 'tick':
        db.runDue(input.at);
        return undefined;
    }
  }

  /** Runs SQL; a write's transaction is the one record it emits. */
  function runSql(text: string, caller: Caller): { outcome: SqlOutcome; record: TxRecord | undefined } {
    let record: TxRecord | undefined;
    const off = db.onTransaction(r => (record = r));
    try {
      return { outcome: db.sql(text, caller), record };
    } finally {
      off();
    }
  }

  function record(input: Input, r: TxRecord | undefined): Applied {
    const entry: JournalEntry = { session, index: index++, input };
    if (!muted) emit({ type: 'input', entry });
    timer.arm();
    last = { entry, tx: r ? view(r) : null, record: r };
    return last;
  }

  function apply(input: Input): Applied {
    return record(input, time.at(input.at, () => execute(input)));
  }

  const applyNow = (input: NewInput): Applied => apply({ ...input, at: time.realNow() } as Input);
  const timer = createScheduleTimer(db, time.realNow, () => !muted, at => void apply({ kind: 'tick', at }));
  const bridge = createBridgeDatabase({
    db,
    clients,
    run: input => applyNow(input).record,
  });
  const server = createProtocolServer(bridge.db);
  const live = createLiveQueries(db, clients, e => !muted && emit(e));

  return {
    db,
    clients,
    server,
    live,
    /** Every transaction as a history entry, replayed inputs included; `follow` sees each new one. */
    history: {
      entries: recorder.entries,
      header: (): HistoryHeader => (header ??= historyHeader(db, code)),
      follow(fn: ((e: LogEntry) => void) | undefined): void {
        follow = fn;
      },
    },
    /** Lets the next SDK client connecting with this id take over the open connection. */
    adopt: bridge.adopt,
    /** The session id: its publish time (0 before the publish input ran). */
    id: (): Micros => session,
    /** Runs one new input now. */
    applyNow,
    /** Runs SQL now as the owner (`as` null) or a client; a write is journaled. */
    sql(text: string, as: string | null): { outcome: SqlOutcome; applied: Applied | undefined } | undefined {
      const caller = callerOf(as);
      if (!caller) return undefined;
      const at = time.realNow();
      const r = time.at(at, () => runSql(text, caller));
      const applied = r.record ? record({ kind: 'sql', text, as, at }, r.record) : undefined;
      return { outcome: r.outcome, applied };
    },
    /** Closes a client's connection (its newest, or `id`): through its socket if an SDK client holds it. */
    disconnect(name: string, id?: bigint): Applied | undefined {
      const connectionId = id ?? clients.connectionsOf(name).at(-1);
      const socket = connectionId === undefined ? undefined : server.sessions.get(connectionId);
      if (!socket) return applyNow({ kind: 'disconnect', client: name, ...(id === undefined ? {} : { connectionId: id }) });
      const before = index;
      server.close(socket);
      return index > before ? last : undefined;
    },
    /** Re-runs recorded inputs at their recorded times without streaming them. */
    replay(inputs: Input[]): Applied | undefined {
      muted = true;
      let applied;
      try {
        for (const input of inputs) applied = apply(input);
      } finally {
        muted = false;
      }
      timer.arm();
      return applied;
    },
    /** Stops the schedule timer and ends every SDK connection; the session is dropped. */
    close(): void {
      timer.stop();
      for (const s of server.sessions.values()) s.transport.close();
      server.sessions.clear();
    },
  };
}

export type Session = ReturnType<typeof openSession>;
