/**
 * The host side of `spacetime:sys@2.0` and `@2.1` (bindings-typescript
 * src/server/sys.d.ts), with the semantics of upstream's V8 host
 * (crates/core/src/host/v8/syscall/v2.rs). Names are upstream's, so grep
 * works across both code bases. Failures throw the module's own error classes
 * (`code_error`: `new (hooks.__get_error_constructor__(errno))(strerror)`).
 */
import { BinaryReader, ProductType, type AlgebraicType } from 'spacetimedb';
import { ERRNO, ERRNO_MESSAGE, HostError, type Datastore } from '../db/datastore-types.ts';
import { HttpRequest } from '../generated/module-def.gen.ts';
import { moduleHooks } from './instance.ts';
import type { SysEnv } from './sys-env.ts';
import { formatRustDuration } from './rust-format.ts';

export type { SysEnv };
type ErrorCtor = new (msg: string) => Error;

const utf8 = new TextEncoder();

/** Before `attach`, nothing is in a transaction (upstream: "cannot call this function during module initialization"). */
const unattached = { inTx: false } as Datastore;

export function createSys(env: SysEnv) {
  // The store exists only once the module has described its schema, which
  // needs the module loaded, which needs these syscalls: attached later.
  let store: Datastore = unattached;
  let errorCtor: ((code: number) => ErrorCtor) | undefined;
  const iters = new Map<number, { rows: Uint8Array[]; pos: number }>();
  let nextIter = 1;
  const timers = new Map<number, { name: string; start: number }>();
  let nextTimer = 1;

  const tableIds = new Map<string, number>();
  const indexIds = new Map<string, number>();
  const scheduled = new Set<number>();
  const attach = (s: Datastore): void => {
    store = s;
    for (const t of s.schema.tables) {
      tableIds.set(t.sourceName, t.id);
      tableIds.set(t.name, t.id);
      if (t.schedule) scheduled.add(t.id);
      for (const ix of t.indexes) {
        indexIds.set(ix.sourceName, ix.id);
        indexIds.set(ix.name, ix.id);
      }
    }
  };

  const raise = (errno: number, message = ERRNO_MESSAGE[errno] ?? `errno ${errno}`): never => {
    if (!errorCtor) throw new Error(message);
    const Ctor = errorCtor(errno);
    throw new Ctor(message);
  };
  const rethrow = (e: unknown): never => {
    if (e instanceof HostError) raise(e.errno, e.message);
    throw e;
  };
  const needTx = (): void => {
    if (!store.inTx) raise(ERRNO.NOT_IN_TRANSACTION);
  };
  const openIter = (rows: Uint8Array[]): number => {
    const id = nextIter;
    nextIter = nextIter >= 0xffffffff ? 1 : nextIter + 1;
    iters.set(id, { rows, pos: 0 });
    return id;
  };
  const writeBack = (buf: ArrayBuffer, generated: Uint8Array): number => {
    if (generated.length) new Uint8Array(buf).set(generated);
    return generated.length;
  };

  const sys = {
    moduleHooks,
    table_id_from_name(name: string): number {
      needTx();
      const id = tableIds.get(name);
      return id ?? raise(ERRNO.NO_SUCH_TABLE);
    },
    index_id_from_name(name: string): number {
      needTx();
      const id = indexIds.get(name);
      return id ?? raise(ERRNO.NO_SUCH_INDEX);
    },
    datastore_table_row_count(table_id: number): bigint {
      needTx();
      try { return store.rowCount(table_id); } catch (e) { return rethrow(e); }
    },
    datastore_table_scan_bsatn(table_id: number): number {
      needTx();
      try { return openIter(store.scanTable(table_id)); } catch (e) { return rethrow(e); }
    },
    datastore_index_scan_point_bsatn(index_id: number, point: ArrayBuffer, point_len: number): number {
      needTx();
      try { return openIter(store.scanPoint(index_id, new Uint8Array(point, 0, point_len))); } catch (e) { return rethrow(e); }
    },
    datastore_index_scan_range_bsatn(index_id: number, buf: ArrayBuffer, prefix_len: number, prefix_elems: number, rstart_len: number, rend_len: number): number {
      needTx();
      try {
        return openIter(store.scanRange(index_id, new Uint8Array(buf), prefix_len, prefix_elems, rstart_len, rend_len));
      } catch (e) { return rethrow(e); }
    },
    row_iter_bsatn_advance(iter: number, buffer: ArrayBuffer): number {
      const it = iters.get(iter);
      if (!it) return raise(ERRNO.NO_SUCH_ITER);
      const out = new Uint8Array(buffer);
      let written = 0;
      while (it.pos < it.rows.length) {
        const row = it.rows[it.pos]!;
        if (written + row.length > out.length) break;
        out.set(row, written);
        written += row.length;
        it.pos++;
      }
      if (it.pos >= it.rows.length) {
        iters.delete(iter);
        return written === 0 ? 0 : -written;
      }
      if (written === 0) throw { __buffer_too_small__: it.rows[it.pos]!.length };
      return written;
    },
    row_iter_bsatn_close(iter: number): void {
      // The library's FinalizationRegistry may close an id late; upstream
      // would report NO_SUCH_ITER to a callback nobody can catch.
      iters.delete(iter);
    },
    datastore_insert_bsatn(table_id: number, row: ArrayBuffer, row_len: number): number {
      needTx();
      try {
        const r = store.insert(table_id, new Uint8Array(row, 0, row_len));
        if (scheduled.has(table_id)) env.scheduleRow(table_id, r.row);
        return writeBack(row, r.generated);
      } catch (e) { return rethrow(e); }
    },
    datastore_update_bsatn(table_id: number, index_id: number, row: ArrayBuffer, row_len: number): number {
      needTx();
      try {
        const r = store.update(table_id, index_id, new Uint8Array(row, 0, row_len));
        if (scheduled.has(table_id)) env.scheduleRow(table_id, r.row);
        return writeBack(row, r.generated);
      } catch (e) { return rethrow(e); }
    },
    datastore_delete_by_index_scan_point_bsatn(index_id: number, point: ArrayBuffer, point_len: number): number {
      needTx();
      try { return store.deleteByPoint(index_id, new Uint8Array(point, 0, point_len)); } catch (e) { return rethrow(e); }
    },
    datastore_delete_by_index_scan_range_bsatn(index_id: number, buf: ArrayBuffer, prefix_len: number, prefix_elems: number, rstart_len: number, rend_len: number): number {
      needTx();
      try {
        return store.deleteByRange(index_id, new Uint8Array(buf), prefix_len, prefix_elems, rstart_len, rend_len);
      } catch (e) { return rethrow(e); }
    },
    datastore_delete_all_by_eq_bsatn(table_id: number, relation: ArrayBuffer, relation_len: number): number {
      needTx();
      try {
        return store.deleteAllByEq(table_id, splitRelation(store, table_id, new Uint8Array(relation, 0, relation_len)));
      } catch (e) { return rethrow(e); }
    },
    datastore_clear(table_id: number): bigint {
      needTx();
      try { return store.clear(table_id); } catch (e) { return rethrow(e); }
    },
    volatile_nonatomic_schedule_immediate(reducer_name: string, args: Uint8Array): void {
      env.scheduleImmediate(reducer_name, new Uint8Array(args));
    },
    console_log(level: number, message: string): void {
      env.log(level, String(message));
    },
    console_timer_start(name: string): number {
      const id = nextTimer++;
      timers.set(id, { name: String(name), start: env.now() });
      return id;
    },
    console_timer_end(span_id: number): void {
      const span = timers.get(span_id);
      if (!span) return raise(ERRNO.NO_SUCH_CONSOLE_TIMER);
      timers.delete(span_id);
      env.log(2, `Timing span ${JSON.stringify(span.name)}: ${formatRustDuration(env.now() - span.start)}`);
    },
    identity(): bigint {
      return env.databaseIdentity;
    },
    get_jwt_payload(connection_id: bigint): Uint8Array {
      needTx();
      const payload = env.jwtPayload(connection_id);
      return payload === undefined ? new Uint8Array(0) : utf8.encode(payload);
    },
    procedure_start_mut_tx(): bigint {
      if (store.inTx) return raise(ERRNO.WOULD_BLOCK_TRANSACTION);
      return env.procedureTx.start();
    },
    procedure_commit_mut_tx(): void {
      if (!store.inTx) return raise(ERRNO.NOT_IN_TRANSACTION);
      env.procedureTx.commit();
    },
    procedure_abort_mut_tx(): void {
      if (!store.inTx) return raise(ERRNO.NOT_IN_TRANSACTION);
      env.procedureTx.abort();
    },
    procedure_http_request(request: Uint8Array): [Uint8Array, Uint8Array] {
      let uri = 'the requested URL';
      try {
        uri = (HttpRequest.deserialize(new BinaryReader(request)) as { uri: string }).uri;
      } catch {
        // keep the generic wording
      }
      return raise(ERRNO.HTTP_ERROR, `Outbound HTTP is not available in the playground (no network): the request to ${uri} was not sent.`);
    },
  };

  return {
    sys,
    /** Binds the datastore once the schema is known; table and index names resolve from then on. */
    attach,
    /** Called once the hooks exist: host errors then use the module's own classes. */
    setErrorConstructor(fn: (code: number) => ErrorCtor) {
      errorCtor = fn;
    },
    /** Iterators still open (the library closes them; tests check none leak). */
    openIterators: () => iters.size,
  };
}

export type Sys = ReturnType<typeof createSys>;

/** `datastore_delete_all_by_eq_bsatn` takes BSATN `Vec<ProductValue>`: u32 count, then rows. */
function splitRelation(store: Datastore, tableId: number, bytes: Uint8Array): Uint8Array[] {
  const table = store.schema.tables[tableId];
  if (!table) throw new HostError(ERRNO.NO_SUCH_TABLE);
  const read = rowReader(table.rowType, store.schema.typespace);
  const reader = new BinaryReader(bytes);
  const out: Uint8Array[] = [];
  try {
    const count = reader.readU32();
    for (let i = 0; i < count; i++) {
      const start = reader.offset;
      read(reader);
      out.push(bytes.subarray(start, reader.offset));
    }
  } catch {
    throw new HostError(ERRNO.BSATN_DECODE_ERROR);
  }
  return out;
}

const readers = new WeakMap<object, (r: BinaryReader) => unknown>();
function rowReader(rowType: ProductType, typespace: AlgebraicType[]): (r: BinaryReader) => unknown {
  let f = readers.get(rowType);
  if (!f) {
    f = ProductType.makeDeserializer(rowType, { types: typespace }) as (r: BinaryReader) => unknown;
    readers.set(rowType, f);
  }
  return f;
}
