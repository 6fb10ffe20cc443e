/**
 * How it works: a session is one published module version on a real clock.
 * Every change to it is an `Input` (publish, connect, disconnect, call,
 * schedule tick) run by `apply` with the clock pinned to the input's time;
 * each applied input is streamed as a `JournalEntry`, so whoever keeps the
 * journal can rebuild the session elsewhere with `replay`.
 */
import type { Micros } from '../engine/clock.ts';
import type { Caller } from '../engine/database.ts';
import { openDatabase } from '../engine/database.ts';
import type { TxRecord } from '../engine/records.ts';
import { createClients } from './clients.ts';
import type { Input, JournalEntry } from './journal.ts';
import { createPinnedClock } from './pinned-clock.ts';
import { toTxView, type TxView } from './views.ts';

/** An input before it runs: `apply` stamps it with the current time. */
export type NewInput = Input extends infer I
  ? I extends Input
    ? Omit<I, 'at'>
    : never
  : never;

export type SessionEvent =
  | { type: 'tx'; tx: TxView }
  | { type: 'input'; entry: JournalEntry };

// Captured at load: while module code runs, the realm guard hides timers.
const setTimer = globalThis.setTimeout;
const clearTimer = globalThis.clearTimeout;
const MAX_DELAY_MS = 2 ** 31 - 1;

export function openSession(
  prelude: string,
  code: string,
  emit: (e: SessionEvent) => void
) {
  const time = createPinnedClock();
  const db = openDatabase({ prelude, code, clock: time.clock });
  const clients = createClients();
  let session = 0n;
  let index = 0;
  let muted = false;
  let closed = false;
  let timer: ReturnType<typeof setTimer> | undefined;
  const view = (r: TxRecord): TxView => toTxView(r, db, clients.nameOf);

  db.onTransaction(r => {
    if (!muted) emit({ type: 'tx', tx: view(r) });
  });

  const owner: Caller = { identity: db.owner, connectionId: 0n };

  function execute(input: Input): TxRecord | undefined {
    switch (input.kind) {
      case 'publish':
        session = input.at;
        return db.publish(input.at);
      case 'connect': {
        const client = clients.nextConnection(input.client);
        const r = db.connect(client, input.at);
        if (r.outcome.status === 'committed') {
          clients.opened(input.client, client.connectionId);
        }
        return r;
      }
      case 'disconnect': {
        const id = clients.closeLatest(input.client);
        return id === undefined ? undefined : db.disconnect(id, input.at);
      }
      case 'call': {
        const caller = input.as === null ? owner : clients.caller(input.as);
        // Callers are checked before a call becomes an input; a journal that
        // names a client without a connection is corrupt.
        if (!caller) throw new Error(`input names client "${input.as}", which has no connection`);
        return db.callReducer(input.reducer, input.args, caller, input.at);
      }
      case 'tick':
        db.runDue(input.at);
        return undefined;
    }
  }

  function apply(input: Input): { entry: JournalEntry; tx: TxView | null } {
    const record = time.at(input.at, () => execute(input));
    const entry: JournalEntry = { session, index: index++, input };
    if (!muted) emit({ type: 'input', entry });
    armTimer();
    return { entry, tx: record ? view(record) : null };
  }

  function armTimer(): void {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    const next = db.nextScheduleAt();
    if (next === undefined || closed || muted) return;
    const delayMs = Number((next - time.realNow() + 999n) / 1000n);
    timer = setTimer(tick, Math.min(Math.max(delayMs, 0), MAX_DELAY_MS));
  }

  function tick(): void {
    timer = undefined;
    const at = time.realNow();
    const next = db.nextScheduleAt();
    if (next !== undefined && next <= at) apply({ kind: 'tick', at });
    else armTimer();
  }

  return {
    db,
    clients,
    /** The session id: its publish time (0 before the publish input ran). */
    id: (): Micros => session,
    /** Runs one new input now. */
    applyNow(input: NewInput) {
      return apply({ ...input, at: time.realNow() } as Input);
    },
    /** Re-runs recorded inputs at their recorded times without streaming them. */
    replay(inputs: Input[]): { entry: JournalEntry; tx: TxView | null } | undefined {
      muted = true;
      let last;
      try {
        for (const input of inputs) last = apply(input);
      } finally {
        muted = false;
      }
      armTimer();
      return last;
    },
    /** Stops the schedule timer; the session is dropped. */
    close(): void {
      closed = true;
      if (timer !== undefined) clearTimer(timer);
    },
  };
}

export type Session = ReturnType<typeof openSession>;
