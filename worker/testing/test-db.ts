import { buildModule, type SourceFiles } from '../build/build.ts';
import { createVirtualClock } from '../engine/clock.ts';
import { openDatabase, type Caller, type Database } from '../engine/database.ts';
import { identityFromClaims, LOCAL_ISSUER } from '../engine/identity.ts';
import type { TxRecord } from '../engine/records.ts';
import { esbuild, loadPrelude } from '../node/esbuild.ts';
import { encodeArgs } from '../scenario/args.ts';
import { rowsJson } from '../scenario/run-scenario.ts';
import { parseTimestamp, type Json } from '../values/json-codec.ts';

export const START = parseTimestamp('2025-01-01T00:00:00Z');

/** Compiles module source (one file, or several with `index.ts` as entry) in Node. */
export async function compile(source: string | SourceFiles): Promise<{ prelude: string; code: string; sourceMap: string }> {
  const files = typeof source === 'string' ? { 'index.ts': source } : source;
  const [prelude, built] = await Promise.all([loadPrelude(), buildModule(esbuild, files, 'index.ts')]);
  if (!built.ok) throw new Error(built.errors.map(e => e.text).join('\n'));
  return { prelude, code: built.code, sourceMap: built.map };
}

/** A fresh published database for a module, on a virtual clock at `START`, with helpers to call by JSON. */
export async function openTestDatabase(source: string | SourceFiles) {
  const { prelude, code, sourceMap } = await compile(source);
  const clock = createVirtualClock(START);
  const db = openDatabase({ prelude, code, sourceMap, clock });
  const records: TxRecord[] = [];
  db.onTransaction(r => records.push(r));
  const published = db.publish();
  let connections = 0;
  return {
    db,
    clock,
    records,
    published,
    /** Calls a reducer with JSON args (as the scenario format writes them). */
    call(name: string, args: unknown = [], caller?: Caller): TxRecord {
      const r = db.findReducer(name);
      if (!r) throw new Error(`no reducer ${name}`);
      return db.callReducer(name, encodeArgs(r.params, r.paramsType, db.schema.typespace, args, () => undefined), caller);
    },
    /** Connects a named client; returns its caller and the connect record. */
    connect(name: string): { caller: Caller; record: TxRecord } {
      const caller = { identity: identityFromClaims(LOCAL_ISSUER, name), connectionId: BigInt(++connections) };
      return { caller, record: db.connect({ ...caller, jwtPayload: JSON.stringify({ iss: LOCAL_ISSUER, sub: name, aud: ['spacetimedb'] }) }) };
    },
    /** A table's rows as JSON objects. */
    rows(table: string): Json[] {
      const t = db.findTable(table);
      if (!t) throw new Error(`no table ${table}`);
      return rowsJson(db, table, db.store.scanTable(t.id));
    },
  };
}

export type TestDatabase = Awaited<ReturnType<typeof openTestDatabase>>;
export type { Database };
