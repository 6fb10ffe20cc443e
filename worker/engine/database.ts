/**
 * How it works: one published module version = one `Database`. It loads the
 * module (library prelude + compiled code) against our syscalls, decodes its
 * schema, creates the datastore, and runs every call — reducers, lifecycle
 * hooks, schedules, procedures — as one transaction that becomes one
 * `TxRecord`. Listeners see every record in order; they feed the CLI, the
 * UI's log, subscriptions and history.
 */
import { createDatastore, loadRows, restoreSequences } from '../db/datastore.ts';
import { ERRNO, HostError, type Datastore } from '../db/datastore-types.ts';
import { decodeModuleDef } from '../module/describe-module.ts';
import { buildSchema } from '../module/schema.ts';
import type { ModuleSchema, ProcedureSchema, ReducerSchema } from '../module/schema-types.ts';
import { instantiateModule, type ModuleInstance } from '../runtime/instance.ts';
import { createSys } from '../runtime/sys.ts';
import type { Micros } from './clock.ts';
import type { Caller, Carry, ConnectedClient, DatabaseOptions } from './database-types.ts';
import { identityFromClaims, LOCAL_ISSUER } from './identity.ts';
import { LOG_LEVELS, type LogLine, type Outcome, type TxKind, type TxRecord } from './records.ts';
import { runInTx, failure, type CallResult } from './run-call.ts';
import { readScheduleRow, u64Key } from './schedule-rows.ts';
import { createScheduler, sameRow } from './scheduler.ts';
import { mergeDeltas } from './delta.ts';
import { executeSql, type SqlOutcome } from '../sql/execute.ts';
import { createViews } from './views.ts';

export type { Caller, Carry, ConnectedClient, DatabaseOptions } from './database-types.ts';

const LIFECYCLE_SPEC = { init: 'Init', clientConnected: 'OnConnect', clientDisconnected: 'OnDisconnect' } as const;
const NO_ARGS = new Uint8Array(0);
/** Captured at import: syscalls run with module code on the stack, where the realm hides `performance`. */
const hostPerformance = performance;

export function openDatabase(opts: DatabaseOptions) {
  const { clock } = opts;
  const name = opts.name ?? 'playground';
  const owner = opts.owner ?? identityFromClaims(LOCAL_ISSUER, 'owner');
  const databaseIdentity = identityFromClaims(LOCAL_ISSUER, `database:${name}`);
  const listeners = new Set<(r: TxRecord) => void>();
  const clients = new Map<bigint, ConnectedClient>();
  const scheduler = createScheduler();
  const immediate: { reducer: string; args: Uint8Array }[] = [];
  let logs: LogLine[] = [];
  let callTimestamp: Micros = clock.now();
  let seq = 0;
  let procedureDeltas: CallResult['delta'][] | undefined;
  let procedureTxStart: Micros = 0n;

  const scheduleRow = (tableId: number, row: Uint8Array): void => {
    const table = schema.tables[tableId]!;
    const { id, at } = readScheduleRow(schema, table, row);
    const now = callTimestamp > clock.now() ? callTimestamp : clock.now();
    if (!scheduler.schedule(tableId, id, at, now, row)) throw new HostError(ERRNO.SCHEDULE_AT_DELAY_TOO_LONG);
  };

  const { sys, attach, setErrorConstructor } = createSys({
    databaseIdentity,
    log: (level, message) => logs.push({ level: LOG_LEVELS[level] ?? 'info', message }),
    jwtPayload: id => clients.get(id)?.jwtPayload,
    scheduleImmediate: (reducer, args) => immediate.push({ reducer, args }),
    scheduleRow,
    procedureTx: {
      start() {
        store.begin();
        procedureTxStart = clock.now();
        callTimestamp = procedureTxStart;
        return procedureTxStart;
      },
      commit() {
        procedureDeltas?.push(store.commit());
      },
      abort() {
        store.rollback();
      },
    },
    now: () => (clock.virtual ? Number(clock.now() / 1000n) : hostPerformance.now()),
  });

  const instance: ModuleInstance = instantiateModule(opts.prelude, opts.code, sys, opts.sourceMap);
  const loadLogs = logs;
  logs = [];
  setErrorConstructor(code => instance.hooks.__get_error_constructor__(code));
  const schema: ModuleSchema = buildSchema(decodeModuleDef(instance.run(() => instance.hooks.__describe_module__())));
  const store: Datastore = createDatastore(schema);
  attach(store);
  const views = createViews(instance, store, schema);

  const findReducer = (n: string): ReducerSchema | undefined =>
    schema.reducers.find(r => r.name === n) ?? schema.reducers.find(r => r.sourceName === n);
  const findProcedure = (n: string): ProcedureSchema | undefined =>
    schema.procedures.find(p => p.name === n) ?? schema.procedures.find(p => p.sourceName === n);
  const lifecycle = (kind: ReducerSchema['lifecycle']) => schema.reducers.find(r => r.lifecycle === kind);

  const emit = (kind: TxKind, reducer: ReducerSchema | ProcedureSchema | undefined, args: Uint8Array | undefined, caller: Caller, timestamp: Micros, result: CallResult, named: { reducer?: string; sql?: string } = {}): TxRecord => {
    const record: TxRecord = {
      seq: seq++,
      kind,
      reducer: reducer?.name ?? named.reducer,
      args,
      sender: caller.identity,
      connectionId: caller.connectionId,
      timestamp,
      outcome: result.outcome,
      logs,
      durationMs: result.durationMs,
      delta: result.delta,
    };
    // Set before listeners run: they record and show it.
    if (named.sql !== undefined) record.sql = named.sql;
    logs = [];
    for (const l of listeners) l(record);
    return record;
  };

  /** Runs reducer `r` (or nothing) in one transaction and records it. */
  const runReducer = (kind: TxKind, r: ReducerSchema | undefined, args: Uint8Array, caller: Caller, timestamp: Micros): TxRecord => {
    callTimestamp = timestamp;
    const view = new DataView(args.buffer, args.byteOffset, args.byteLength);
    const result = runInTx(instance, store, () =>
      r ? instance.hooks.__call_reducer__(r.id, caller.identity, caller.connectionId, timestamp, view) : undefined
    );
    return emit(kind, r, args, caller, timestamp, result);
  };

  const rejected = (kind: TxKind, reducer: string, args: Uint8Array, caller: Caller, message: string): TxRecord => {
    const outcome: Outcome = { status: 'rejected', message };
    return emit(kind, undefined, args, caller, clock.now(), { outcome, delta: [], durationMs: 0 }, { reducer });
  };

  const drainImmediate = (): void => {
    while (immediate.length) {
      const { reducer, args } = immediate.shift()!;
      const r = findReducer(reducer);
      const caller = { identity: databaseIdentity, connectionId: 0n };
      if (!r) rejected('immediate', reducer, args, caller, 'no such reducer');
      else runReducer('immediate', r, args, caller, clock.now());
    }
  };

  const database = {
    schema,
    store,
    /** Views: their rows per sender, and stores that serve them to SQL and subscriptions. */
    views,
    owner,
    databaseIdentity,
    /** Console output the module printed while loading (top level). */
    loadLogs,
    /**
     * Runs `init` in the publish transaction (upstream: same tx as table
     * creation). Given `carry` (an update over a running database: its rows
     * already in this schema's layout), loads those instead and runs no
     * `init`, as upstream runs it only when a database is created; the
     * record's delta inserts every carried row.
     */
    publish(at: Micros = clock.now(), carry?: Carry): TxRecord {
      const caller = { identity: owner, connectionId: 0n };
      if (!carry) return emitAfter(runReducer('publish', lifecycle('init'), NO_ARGS, caller, at));
      const start = performance.now();
      callTimestamp = at;
      loadRows(store, carry.rows);
      restoreSequences(store, carry.sequences);
      for (const t of schema.tables) if (t.schedule) for (const row of carry.rows[t.id] ?? []) scheduleRow(t.id, row);
      for (const c of carry.connections) clients.set(c.connectionId, c);
      const delta = carry.rows.flatMap((inserts, tableId) => (inserts.length ? [{ tableId, inserts, deletes: [] }] : []));
      const record = emit('publish', undefined, undefined, caller, at, { outcome: { status: 'committed' }, delta, durationMs: performance.now() - start });
      record.carried = carry.connections;
      return record;
    },
    /** The open connections, as `publish` carries them into the next version. */
    connections: (): ConnectedClient[] => [...clients.values()],
    /** A client call by canonical or export name, refused as upstream refuses it. */
    callReducer(reducer: string, args: Uint8Array, caller: Caller = { identity: owner, connectionId: 0n }, at: Micros = clock.now()): TxRecord {
      const r = findReducer(reducer);
      if (!r) return rejected('reducer', reducer, args, caller, 'no such reducer');
      if (r.lifecycle) return rejected('reducer', r.name, args, caller, `can't directly call special ${LIFECYCLE_SPEC[r.lifecycle]} lifecycle reducer`);
      if (!r.isPublic && caller.identity !== owner) return rejected('reducer', r.name, args, caller, 'no such reducer');
      return emitAfter(runReducer('reducer', r, args, caller, at));
    },
    /** Calls a procedure; each `ctx.withTx` commits like a reducer. Returns its BSATN result on success. */
    callProcedure(procedure: string, args: Uint8Array, caller: Caller = { identity: owner, connectionId: 0n }): { record: TxRecord; result: Uint8Array | undefined } {
      const p = findProcedure(procedure);
      if (!p || (!p.isPublic && caller.identity !== owner)) return { record: rejected('procedure', procedure, args, caller, 'no such procedure'), result: undefined };
      const timestamp = clock.now();
      callTimestamp = timestamp;
      procedureDeltas = [];
      const start = performance.now();
      let result: Uint8Array | undefined;
      let outcome: Outcome = { status: 'committed' };
      try {
        result = instance.run(() => instance.hooks.__call_procedure__(p.id, caller.identity, caller.connectionId, timestamp, args));
      } catch (e) {
        if (store.inTx) store.rollback();
        outcome = failure(instance, e);
      }
      const delta = mergeDeltas(procedureDeltas);
      procedureDeltas = undefined;
      const record = emit('procedure', p, args, caller, timestamp, { outcome, delta, durationMs: performance.now() - start });
      drainImmediate();
      return { record, result };
    },
    /** Runs `clientConnected`; a failure refuses the connection (the client is not registered). */
    connect(client: ConnectedClient, at: Micros = clock.now()): TxRecord {
      clients.set(client.connectionId, client);
      const record = runReducer('connect', lifecycle('clientConnected'), NO_ARGS, client, at);
      if (record.outcome.status !== 'committed') clients.delete(client.connectionId);
      return emitAfter(record);
    },
    /** Runs `clientDisconnected`; the connection ends whatever it does. */
    disconnect(connectionId: bigint, at: Micros = clock.now()): TxRecord | undefined {
      const client = clients.get(connectionId);
      if (!client) return undefined;
      const record = runReducer('disconnect', lifecycle('clientDisconnected'), NO_ARGS, client, at);
      clients.delete(connectionId);
      return emitAfter(record);
    },
    isConnected: (connectionId: bigint): boolean => clients.has(connectionId),
    /** The JWT payload a connection presented, while it is connected (history records it with each connect). */
    jwtPayloadOf: (connectionId: bigint): string | undefined => clients.get(connectionId)?.jwtPayload,
    /** Runs every schedule due at or before `until`, in time order; a virtual clock moves to each one. */
    runDue(until: Micros = clock.now()): void {
      for (let entry = scheduler.takeDue(until); entry; entry = scheduler.takeDue(until)) {
        clock.set(entry.at);
        const table = schema.tables[entry.tableId]!;
        const pk = table.indexes.find(ix => ix.unique && ix.columns.length === 1 && ix.columns[0] === table.schedule!.idColumn);
        const key = u64Key(entry.id);
        // Upstream compares row hashes: a row deleted or changed since it was queued makes the entry stale.
        const current = (): Uint8Array | undefined => (pk ? store.scanPoint(pk.id, key)[0] : undefined);
        const row = current();
        if (!row || !sameRow(row, entry.row)) continue;
        const now = clock.now();
        const timestamp = now > entry.at ? now : entry.at;
        const r = findReducer(table.schedule!.reducer);
        const args = row.slice();
        const dbCaller = { identity: databaseIdentity, connectionId: 0n };
        if (r) runReducer('scheduled', r, args, dbCaller, timestamp);
        else rejected('scheduled', table.schedule!.reducer, args, dbCaller, 'no such reducer');
        // A run that rewrote its own row has queued it anew: no cleanup, no reschedule.
        const after = current();
        if (after && sameRow(after, entry.row)) {
          if (entry.interval === undefined) runReducerless('schedule-cleanup', () => store.deleteByPoint(pk!.id, key), dbCaller);
          else scheduler.reschedule(entry, clock.now());
        }
        drainImmediate();
      }
    },
    /** Moves a virtual clock forward by `micros`, running what falls due on the way. */
    advance(micros: Micros): void {
      const target = clock.now() + micros;
      database.runDue(target);
      clock.set(target);
    },
    nextScheduleAt: (): Micros | undefined => scheduler.nextAt(),
    /**
     * Ad-hoc SQL as `caller` (RLS applies to non-owners; DML needs the owner).
     * DML commits as its own transaction and is recorded and broadcast like any other.
     */
    sql(text: string, caller: Caller = { identity: owner, connectionId: 0n }): SqlOutcome {
      const start = performance.now();
      const result = executeSql(views.storeFor(caller.identity), schema, text, { caller: caller.identity, isOwner: caller.identity === owner, params: { sender: caller.identity } });
      if (result.ok && result.value.delta) {
        emit('sql', undefined, undefined, caller, clock.now(), { outcome: { status: 'committed' }, delta: result.value.delta, durationMs: performance.now() - start }, { sql: text });
      }
      return result;
    },
    /** The database clock's current time. */
    now: (): Micros => clock.now(),
    pendingSchedules: () => scheduler.pending(),
    /** Every transaction record, in order. Returns an unsubscribe. */
    onTransaction(listener: (r: TxRecord) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    findReducer,
    findProcedure,
    findTable: (n: string) => schema.tables.find(t => t.name === n) ?? schema.tables.find(t => t.sourceName === n),
  };

  function emitAfter(record: TxRecord): TxRecord {
    drainImmediate();
    return record;
  }

  function runReducerless(kind: TxKind, fn: () => unknown, caller: Caller): TxRecord {
    const start = performance.now();
    store.begin();
    try {
      fn();
    } catch (e) {
      store.rollback();
      throw e;
    }
    const delta = store.commit();
    return emit(kind, undefined, undefined, caller, clock.now(), { outcome: { status: 'committed' }, delta, durationMs: performance.now() - start });
  }

  return database;
}

export type Database = ReturnType<typeof openDatabase>;
