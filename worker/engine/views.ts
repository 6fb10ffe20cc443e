/**
 * How it works: views (`spacetimedb.view` / `anonymousView`) are functions
 * the host calls to get rows (upstream materializes them per sender, or once
 * for anonymous views). Here a view's rows come from `__call_view__` /
 * `__call_view_anon__` inside a read-only transaction, and are served to SQL
 * and subscriptions through a store wrapper: scanning a view's virtual table
 * returns the view's rows for the sender the wrapper was made for. A view
 * returning a query-builder query (`RawSql`) is evaluated as that query.
 */
import { BinaryReader, ProductType } from 'spacetimedb';
import type { Datastore } from '../db/datastore-types.ts';
import type { ModuleSchema, TableSchema } from '../module/schema-types.ts';
import type { ModuleInstance } from '../runtime/instance.ts';
import { compileSubscription, evaluateSubscription } from '../sql/subscription.ts';

/** A view failed while computing its rows: the message a client sees, and the real exception. */
export class ViewError extends Error {
  override name = 'ViewError';
}

const NO_ARGS = new Uint8Array(0);

export function createViews(instance: ModuleInstance, store: Datastore, schema: ModuleSchema) {
  const decoders = new Map<TableSchema, (r: BinaryReader) => unknown>();
  const rowsOf = (table: TableSchema, data: Uint8Array): Uint8Array[] => {
    let decode = decoders.get(table);
    if (!decode) decoders.set(table, (decode = ProductType.makeDeserializer(table.rowType, { types: schema.typespace }) as (r: BinaryReader) => unknown));
    const reader = new BinaryReader(data);
    const header = reader.readU8();
    if (header === 1) {
      const sql = reader.readString();
      const c = compileSubscription(schema, sql, { caller: 0n, isOwner: true, requireIndexJoins: false });
      if (!c.ok) throw new ViewError(`view ${table.name} returned a query that does not compile: ${c.error.message}`);
      return c.plans.flatMap(p => evaluateSubscription(store, schema, p, { caller: 0n, isOwner: true }));
    }
    const count = reader.readU32();
    const out: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const start = reader.offset;
      decode(reader);
      out.push(data.subarray(start, reader.offset));
    }
    return out;
  };

  /** The view's current rows for `sender` (ignored for anonymous views). */
  const materialize = (table: TableSchema, sender: bigint): Uint8Array[] => {
    const v = table.view!;
    const own = !store.inTx;
    if (own) store.begin();
    try {
      const ret = instance.run(() =>
        v.anonymous ? instance.hooks.__call_view_anon__(v.index, NO_ARGS) : instance.hooks.__call_view__(v.index, sender, NO_ARGS)
      );
      const data = ret instanceof Uint8Array ? ret : ret.data;
      return rowsOf(table, data);
    } catch (e) {
      if (e instanceof ViewError) throw e;
      throw new ViewError(`view ${table.name} failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      if (own) store.rollback();
    }
  };

  /** A store whose view tables hold the views' rows as `sender` sees them. */
  const storeFor = (sender: bigint, cache = new Map<number, Uint8Array[]>()): Datastore => {
    if (!schema.tables.some(t => t.view)) return store;
    const rows = (tableId: number): Uint8Array[] | undefined => {
      const table = schema.tables[tableId];
      if (!table?.view) return undefined;
      let r = cache.get(tableId);
      if (!r) cache.set(tableId, (r = materialize(table, sender)));
      return r;
    };
    return new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'scanTable') return (id: number) => rows(id) ?? target.scanTable(id);
        if (prop === 'rowCount') return (id: number) => BigInt(rows(id)?.length ?? Number(target.rowCount(id)));
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };

  return { materialize, storeFor, hasViews: schema.tables.some(t => t.view) };
}

export type Views = ReturnType<typeof createViews>;
