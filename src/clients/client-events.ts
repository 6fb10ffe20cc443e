/**
 * How it works: one simulated client's event stream, shaped from what its
 * SDK reported and nothing else. Row callbacks of one server message share
 * `ctx.event.id`, so they fold into one entry with per-table counts; a
 * subscription's `onApplied` fires right before the rows of the same
 * message, so the next unseen `SubscribeApplied` id belongs to it. SpacetimeDB
 * 2.x tells a client the reducer only for its own calls: everyone else's
 * transactions arrive as a bare `Transaction` (no reducer, no caller).
 */

export type TableCounts = Record<string, { inserts: number; deletes: number; updates: number }>;
export type CallResult = { status: 'pending' } | { status: 'ok' } | { status: 'error'; message: string };

export type ClientEvent = { seq: number; at: number } & (
  | { type: 'connected'; identity: string; connectionId: string | null }
  | { type: 'disconnected'; error: string | null }
  | { type: 'applied'; query: string; tables: TableCounts }
  | { type: 'unsubscribed'; tables: TableCounts }
  /** `reducer` is set only when this connection made the call (`ctx.event.tag === 'Reducer'`). */
  | { type: 'tx'; reducer: string | null; tables: TableCounts }
  | { type: 'call'; reducer: string; args: string; result: CallResult }
  | { type: 'error'; message: string }
);

export type EventKind = 'connection' | 'subscription' | 'transaction' | 'call' | 'error';
export const EVENT_KINDS: EventKind[] = ['connection', 'subscription', 'transaction', 'call', 'error'];

export function kindOf(e: ClientEvent): EventKind {
  switch (e.type) {
    case 'connected': case 'disconnected': return 'connection';
    case 'applied': case 'unsubscribed': return 'subscription';
    case 'tx': return 'transaction';
    case 'call': return 'call';
    case 'error': return 'error';
  }
}

/** What the SDK passes as `ctx.event` to row callbacks (sdk/event.ts). */
export type SdkEvent = { id?: string; tag: string; value?: unknown };
export type RowOp = 'insert' | 'delete' | 'update';

type Grouped = Extract<ClientEvent, { tables: TableCounts }>;
type NewEvent = ClientEvent extends infer E ? (E extends ClientEvent ? Omit<E, 'seq' | 'at'> : never) : never;

const reducerOf = (ev: SdkEvent): string | null => {
  const v = ev.value as { reducer?: { name?: unknown } } | undefined;
  return typeof v?.reducer?.name === 'string' ? v.reducer.name : null;
};

/** `+2 −1 ~1` for a table's counts. */
export function countsText(c: TableCounts[string]): string {
  return [c.inserts && `+${c.inserts}`, c.deletes && `−${c.deletes}`, c.updates && `~${c.updates}`].filter(Boolean).join(' ');
}

export function createEventLog(cap = 200, now: () => number = Date.now) {
  let events: ClientEvent[] = [];
  let seq = 0;
  let snapshot: ClientEvent[] | null = [];
  const byId = new Map<string, Grouped>();
  let awaiting: Extract<ClientEvent, { type: 'applied' }> | null = null;

  const push = <E extends NewEvent>(e: E): E & ClientEvent => {
    const full = { ...e, seq: ++seq, at: now() } as E & ClientEvent;
    events.push(full);
    if (events.length > cap) events = events.slice(-cap);
    if (byId.size > cap) byId.clear();
    snapshot = null;
    return full;
  };

  const groupFor = (ev: SdkEvent): Grouped => {
    const id = ev.id ?? `anon-${seq}`;
    const known = byId.get(id);
    if (known) return known;
    let g: Grouped;
    if (ev.tag === 'SubscribeApplied') g = awaiting ?? push({ type: 'applied', query: '', tables: {} });
    else if (ev.tag === 'UnsubscribeApplied') g = push({ type: 'unsubscribed', tables: {} });
    else g = push({ type: 'tx', reducer: ev.tag === 'Reducer' ? reducerOf(ev) : null, tables: {} });
    if (ev.tag === 'SubscribeApplied') awaiting = null;
    byId.set(id, g);
    return g;
  };

  return {
    push: (e: NewEvent): void => void push(e),
    /** A subscription's `onApplied`: its rows (if any) follow under the next `SubscribeApplied` id. */
    applied(query: string): void {
      awaiting = push({ type: 'applied', query, tables: {} });
    },
    /** One row callback (`onInsert`/`onDelete`/`onUpdate`) on `table`. */
    row(ev: SdkEvent, table: string, op: RowOp): void {
      const g = groupFor(ev);
      const c = (g.tables[table] ??= { inserts: 0, deletes: 0, updates: 0 });
      if (op === 'insert') c.inserts++;
      else if (op === 'delete') c.deletes++;
      else c.updates++;
      snapshot = null;
    },
    /** A reducer call this client makes; `settle` records its outcome in place. */
    call(reducer: string, args: string): (result: CallResult) => void {
      const e: Extract<ClientEvent, { type: 'call' }> = push({ type: 'call', reducer, args, result: { status: 'pending' } as CallResult });
      return result => {
        e.result = result;
        snapshot = null;
      };
    },
    /** The events, oldest first; a new array (of copies) only after something changed. */
    list(): ClientEvent[] {
      snapshot ??= events.map(e => ('tables' in e ? { ...e, tables: structuredClone(e.tables) } : { ...e }));
      return snapshot;
    },
    clear(): void {
      events = [];
      byId.clear();
      awaiting = null;
      snapshot = null;
    },
  };
}

export type EventLog = ReturnType<typeof createEventLog>;
