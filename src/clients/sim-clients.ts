/**
 * How it works: each simulated client is a real SDK `DbConnection` built
 * from the module's generated bindings, whose socket is a MessagePort to the
 * engine. The manager keeps what each client should be (connected or not,
 * its subscription queries) and rebuilds connections when that can't hold:
 * a new module version (new bindings, fresh database) or an engine restart
 * (`resume`: the engine kept the connection open, the client takes it over).
 * A tab (`tabOf`) is one more connection of another client's identity. Each
 * client keeps an event stream of what its SDK reported (client-events.ts).
 */
import type { AttachOptions, ClientSpec, Json, ReducerForm } from '../../worker/api.ts';
import { tableAccessor, type Bindings, type SdkConnection, type SdkSubscription } from './bindings.ts';
import { createEventLog, type CallResult, type ClientEvent, type EventLog } from './client-events.ts';
import { createConnectQueue } from './connect-queue.ts';
import { createPortSocketFactory, type Attach } from './port-socket.ts';
import { sdkParams } from './sdk-args.ts';

export type { ClientSpec };
export type ClientState = ClientSpec & {
  status: 'offline' | 'connecting' | 'online';
  identity: string | null;
  connectionId: string | null;
  error: string | null;
  /** Subscription errors by query. */
  queryErrors: Record<string, string>;
  /** Moves whenever the client's cache changes. */
  version: number;
};

type Entry = { state: ClientState; conn: SdkConnection | null; handles: Map<string, SdkSubscription>; epoch: number; log: EventLog };

/** The name a client connects as: its own, or for a tab the client whose identity it shares. */
const identityName = (s: ClientSpec): string => s.tabOf ?? s.name;
const norm = (s: string) => s.replace(/_/g, '').toLowerCase();
const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export type SimClientDeps = {
  attach(name: string, port: MessagePort, opts: AttachOptions): ReturnType<Attach>;
  /** Called after a client sent a frame: the supervisor's watchdog checks the engine then. */
  ping(): void;
};

export function createSimClients(deps: SimClientDeps) {
  const entries = new Map<string, Entry>();
  const listeners = new Set<() => void>();
  let bindings: Bindings | null = null;
  let notifyTimer: ReturnType<typeof setTimeout> | undefined;
  const queue = createConnectQueue();

  const notify = () => {
    notifyTimer ??= setTimeout(() => {
      notifyTimer = undefined;
      listeners.forEach(l => l());
    }, 16);
  };
  const update = (e: Entry, patch: Partial<ClientState>) => {
    e.state = { ...e.state, ...patch };
    notify();
  };
  const bump = (e: Entry) => update(e, { version: e.state.version + 1 });

  function subscribeQuery(e: Entry, conn: SdkConnection, query: string): void {
    const epoch = e.epoch;
    const handle = conn
      .subscriptionBuilder()
      .onApplied(() => {
        if (epoch !== e.epoch) return;
        e.log.applied(query);
        bump(e);
      })
      .onError((_ctx, error) => {
        if (epoch !== e.epoch) return;
        e.handles.delete(query);
        e.log.push({ type: 'error', message: `${query}: ${error?.message ?? 'the subscription failed'}` });
        update(e, { queryErrors: { ...e.state.queryErrors, [query]: error?.message ?? 'the subscription failed' } });
      })
      .subscribe(query);
    e.handles.set(query, handle);
  }

  function open(e: Entry, resume: boolean): void {
    const epoch = ++e.epoch;
    e.conn = null;
    e.handles.clear();
    if (!bindings || !e.state.connected) return update(e, { status: 'offline' });
    const who = identityName(e.state);
    let settle = () => {};
    const attach: Attach = async (port, protocols) => {
      settle = await queue.enter(who);
      const r = epoch === e.epoch ? await deps.attach(who, port, { protocols, resume }) : { ok: false as const, error: { message: 'replaced by a newer connection' } };
      if (!r.ok) settle();
      return r;
    };
    update(e, { status: 'connecting', error: null, queryErrors: {} });
    bindings.DbConnection.builder()
      .withUri('ws://playground.local')
      .withDatabaseName('playground')
      .withCompression('none')
      .withWSFn(createPortSocketFactory(attach, deps.ping))
      .onConnect((conn, identity) => {
        settle();
        if (epoch !== e.epoch) return;
        e.conn = conn;
        for (const key of Object.keys(conn.db)) {
          const t = conn.db[key]!;
          const seen = (op: 'insert' | 'delete' | 'update') => (ctx: { event: { id?: string; tag: string; value?: unknown } }) => {
            if (epoch !== e.epoch) return;
            e.log.row(ctx.event, key, op);
            bump(e);
          };
          t.onInsert(seen('insert'));
          t.onDelete(seen('delete'));
          t.onUpdate?.(seen('update'));
        }
        const ids = { identity: identity.toHexString(), connectionId: conn.connectionId?.toHexString() ?? null };
        e.log.push({ type: 'connected', ...ids });
        update(e, { status: 'online', ...ids });
        for (const q of e.state.queries) subscribeQuery(e, conn, q);
      })
      .onConnectError((_ctx, error) => {
        settle();
        if (epoch !== e.epoch) return;
        e.log.push({ type: 'error', message: `could not connect: ${error.message}` });
        update(e, { status: 'offline', error: error.message });
      })
      .onDisconnect((_ctx, error) => {
        settle();
        if (epoch !== e.epoch) return;
        e.conn = null;
        e.log.push({ type: 'disconnected', error: error?.message ?? null });
        update(e, { status: 'offline', connectionId: null, ...(error ? { error: error.message } : {}) });
      })
      .build();
  }

  const api = {
    list: (): ClientState[] => [...entries.values()].map(e => e.state),
    specs: (): ClientSpec[] =>
      [...entries.values()].map(({ state: { name, queries, connected, tabOf } }) => ({ name, queries, connected, ...(tabOf ? { tabOf } : {}) })),
    /** New bindings (a new module version): every connected client reconnects to the fresh database. */
    setBindings(next: Bindings | null, resume = false): void {
      bindings = next;
      for (const e of entries.values()) open(e, resume);
    },
    /** The engine restarted and replayed: clients take over their connections again. */
    resumeAll(): void {
      for (const e of entries.values()) open(e, true);
    },
    add(spec: ClientSpec, resume = false): void {
      if (entries.has(spec.name)) return;
      const state: ClientState = { ...spec, status: 'offline', identity: null, connectionId: null, error: null, queryErrors: {}, version: 0 };
      const e: Entry = { state, conn: null, handles: new Map(), epoch: 0, log: createEventLog() };
      entries.set(spec.name, e);
      open(e, resume);
    },
    /** One more connection of `name`'s identity, shown as its own client (`alice (tab 2)`); returns its name. */
    openTab(name: string): string | undefined {
      const base = entries.get(name)?.state;
      if (!base) return undefined;
      const who = identityName(base);
      let n = 2;
      while (entries.has(`${who} (tab ${n})`)) n++;
      const tab = `${who} (tab ${n})`;
      api.add({ name: tab, queries: [...base.queries], connected: true, tabOf: who });
      return tab;
    },
    remove(name: string): void {
      const e = entries.get(name);
      if (!e) return;
      e.epoch++;
      e.conn?.disconnect();
      entries.delete(name);
      notify();
    },
    connect(name: string): void {
      const e = entries.get(name);
      if (!e || e.state.status !== 'offline') return;
      update(e, { connected: true });
      open(e, false);
    },
    disconnect(name: string): void {
      const e = entries.get(name);
      if (!e) return;
      update(e, { connected: false });
      e.conn?.disconnect();
    },
    setQueries(name: string, queries: string[]): void {
      const e = entries.get(name);
      if (!e) return;
      const errors = Object.fromEntries(Object.entries(e.state.queryErrors).filter(([q]) => queries.includes(q)));
      for (const [q, h] of e.handles) {
        if (queries.includes(q)) continue;
        if (h.isActive()) h.unsubscribe();
        e.handles.delete(q);
      }
      update(e, { queries, queryErrors: errors });
      const conn = e.conn;
      if (conn) for (const q of queries) if (!e.handles.has(q) && !errors[q]) subscribeQuery(e, conn, q);
    },
    /** Rows of `table` in the client's cache (what the SDK holds). */
    cache(name: string, table: string): Record<string, unknown>[] {
      const conn = entries.get(name)?.conn;
      const t = conn && tableAccessor(conn, table);
      return t ? [...t.iter()] : [];
    },
    /** What the client's SDK reported, oldest first (at most 200). */
    events: (name: string): ClientEvent[] => entries.get(name)?.log.list() ?? [],
    clearEvents(name: string): void {
      const e = entries.get(name);
      if (!e) return;
      e.log.clear();
      bump(e);
    },
    /** Calls `form`'s reducer through the client's own connection (`conn.reducers.x(...)`), as its app would. */
    async callReducer(name: string, form: ReducerForm, args: Record<string, Json>): Promise<CallResult> {
      const e = entries.get(name);
      if (!e?.conn) return { status: 'error', message: `${name} is offline: connect it first.` };
      const reducers = e.conn.reducers;
      const key = Object.keys(reducers).find(k => norm(k) === norm(form.name));
      if (key === undefined) return { status: 'error', message: `The client bindings have no reducer ${form.name}.` };
      const settle = e.log.call(form.name, JSON.stringify(args));
      bump(e);
      let result: CallResult;
      try {
        const identityOf = (n: string) => entries.get(n)?.state.identity ?? null;
        await reducers[key]!(sdkParams(form.params, args, identityOf));
        result = { status: 'ok' };
      } catch (err) {
        result = { status: 'error', message: errorText(err) };
      }
      settle(result);
      bump(e);
      return result;
    },
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return api;
}

export type SimClients = ReturnType<typeof createSimClients>;
