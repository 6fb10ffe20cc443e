/**
 * How it works: each simulated client is a real SDK `DbConnection` built
 * from the module's generated bindings, whose socket is a MessagePort to the
 * engine. The manager keeps what each client should be (connected or not,
 * its subscription queries) and rebuilds connections when that can't hold:
 * a new module version (new bindings, fresh database) or an engine restart
 * (`resume`: the engine kept the connection open, the client takes it over).
 */
import type { AttachOptions, ClientSpec } from '../../worker/api.ts';
import { tableAccessor, type Bindings, type SdkConnection, type SdkSubscription } from './bindings.ts';
import { createPortSocketFactory, type Attach } from './port-socket.ts';

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

type Entry = { state: ClientState; conn: SdkConnection | null; handles: Map<string, SdkSubscription>; epoch: number };

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
      .onApplied(() => epoch === e.epoch && bump(e))
      .onError((_ctx, error) => {
        if (epoch !== e.epoch) return;
        e.handles.delete(query);
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
    const { name } = e.state;
    const attach: Attach = (port, protocols) => deps.attach(name, port, { protocols, resume });
    update(e, { status: 'connecting', error: null, queryErrors: {} });
    bindings.DbConnection.builder()
      .withUri('ws://playground.local')
      .withDatabaseName('playground')
      .withCompression('none')
      .withWSFn(createPortSocketFactory(attach, deps.ping))
      .onConnect((conn, identity) => {
        if (epoch !== e.epoch) return;
        e.conn = conn;
        for (const key of Object.keys(conn.db)) {
          const t = conn.db[key]!;
          t.onInsert(() => epoch === e.epoch && bump(e));
          t.onDelete(() => epoch === e.epoch && bump(e));
        }
        update(e, { status: 'online', identity: identity.toHexString(), connectionId: conn.connectionId?.toHexString() ?? null });
        for (const q of e.state.queries) subscribeQuery(e, conn, q);
      })
      .onConnectError((_ctx, error) => epoch === e.epoch && update(e, { status: 'offline', error: error.message }))
      .onDisconnect((_ctx, error) => {
        if (epoch !== e.epoch) return;
        e.conn = null;
        update(e, { status: 'offline', connectionId: null, ...(error ? { error: error.message } : {}) });
      })
      .build();
  }

  return {
    list: (): ClientState[] => [...entries.values()].map(e => e.state),
    specs: (): ClientSpec[] => [...entries.values()].map(({ state: { name, queries, connected } }) => ({ name, queries, connected })),
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
      const e: Entry = { state, conn: null, handles: new Map(), epoch: 0 };
      entries.set(spec.name, e);
      open(e, resume);
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
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type SimClients = ReturnType<typeof createSimClients>;
