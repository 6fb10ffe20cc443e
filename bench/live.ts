// The subscription benchmark: one-row transactions over a 100k-row table with
// 1,000 subscribed clients, timed through the whole protocol path (client
// `CallReducer` frame → reducer → commit → every subscriber's change from the
// delta → `ReducerResult` / `TransactionUpdate` encoded and handed to each
// transport), against PGlite's `live.incrementalQuery` doing the same update.
//
// Workload (bench/live-module): `item(id pk, owner identity, bucket u32
// indexed, value)`, RLS `owner = :sender`. Row `id` belongs to client
// (id-1) % 1000 and lies in bucket floor((id-1)/1000) % 100, so each client
// owns 100 rows, one per bucket. Clients 0..499 subscribe `SELECT * FROM item`
// (RLS: their 100 rows); clients 500..999 `SELECT * FROM item WHERE bucket = k`
// with k = client % 100 (RLS applies to every non-owner subscription of the
// table, so: their one row of bucket k). Every query depends on `:sender`, so
// none is shared: 1,000 distinct compiled queries. Each transaction is `bump`
// of a seeded-random id, called by a 1,001st client with no subscription;
// about half of them reach one subscriber (the row's owner, when its query
// covers the row).
//
// Set-up: the clients subscribe while the table is empty, then one `fill`
// transaction inserts the 100k rows (and reaches every client). Subscribing
// over the filled table computes initial rows with a full scan per query
// (~0.3 s each, so ~5 min for 1,000): timed for two clients at the end, on
// stderr. PGlite: the same table and update, 10 `incrementalQuery`s of
// `bucket = k` (1,000 rows each); every change to the table refreshes all
// of them, and a transaction counts until all 10 have called back.
//
// Targets (informative, not asserted) on a 2-core machine:
//   live_tx_ms ≤ 2, and live_vs_pglite ≥ 100x.
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { live, type PGliteWithLive } from '@electric-sql/pglite/live';
import { BinaryWriter } from 'spacetimedb';
import { createVirtualClock } from '../worker/engine/clock.ts';
import { openDatabase } from '../worker/engine/database.ts';
import { ClientMessage, type ServerMessage } from '../worker/generated/client-api.gen.ts';
import { compileModuleFile } from '../worker/node/load-module.ts';
import { createProtocolServer, type Session } from '../worker/protocol/server.ts';
import { decodeServerFrame, V2_PROTOCOL } from '../worker/protocol/wire.ts';
import { progress, randomIds, timeAsync, timeSync } from './common.ts';

const CLIENTS = 1_000;
const RLS_CLIENTS = 500;
const ROWS = 100_000;
const BUCKETS = 100;
const WARMUP = 500;
const TXS = 1_000;
const BREAKDOWN_TXS = 200;
const PG_LIVE_QUERIES = 10;
const PG_WARMUP = 5;
const PG_TXS = 30;

export type LiveFigures = { txMs: number; pgliteTxMs: number };

type Counter = { frames: number; bytes: number; last: Uint8Array | undefined };

/** Process CPU milliseconds (all threads) since `start`. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

function encode(write: (w: BinaryWriter) => void): Uint8Array {
  const w = new BinaryWriter(64);
  write(w);
  return w.getBuffer().slice();
}

const clientFrame = (msg: ClientMessage): Uint8Array => encode(w => ClientMessage.serialize(w, msg));

/** The client that owns row `id`, and its bucket. */
const ownerOf = (id: number): number => (id - 1) % CLIENTS;
const bucketOf = (id: number): number => Math.floor((id - 1) / CLIENTS) % BUCKETS;
/** Whether client `c`'s subscription sees row `id` (so a change of it reaches `c`). */
const sees = (c: number, id: number): boolean => ownerOf(id) === c && (c < RLS_CLIENTS || bucketOf(id) === c % BUCKETS);

function decodeOne(frame: Uint8Array | undefined): ServerMessage {
  if (!frame) throw new Error('live: no frame');
  return decodeServerFrame(V2_PROTOCOL, frame)[0]!;
}

/** Rows a `SubscribeApplied` / `TransactionUpdate` carries (inserts, deletes), from the RowOffsets hints. */
function rowCounts(msg: ServerMessage): { inserts: number; deletes: number } {
  const count = (list: { sizeHint: { tag: string; value: unknown } }) => (list.sizeHint.value as bigint[]).length;
  const out = { inserts: 0, deletes: 0 };
  if (msg.tag === 'SubscribeApplied') {
    for (const t of msg.value.rows.tables) out.inserts += count(t.rows);
  } else if (msg.tag === 'TransactionUpdate') {
    for (const qs of msg.value.querySets)
      for (const t of qs.tables)
        for (const r of t.rows) {
          if (r.tag !== 'PersistentTable') continue;
          out.inserts += count(r.value.inserts);
          out.deletes += count(r.value.deletes);
        }
  } else throw new Error(`live: unexpected ${msg.tag}`);
  return out;
}

export type CompiledModule = { prelude: string; code: string };

/** bench/live-module, compiled (before the caller stops esbuild). */
export function compileLiveModule(): Promise<CompiledModule> {
  progress('compiling bench/live-module');
  return compileModuleFile(fileURLToPath(new URL('./live-module/index.ts', import.meta.url)));
}

/** Our side: returns milliseconds per transaction. */
function benchEngine({ prelude, code }: CompiledModule, ids: number[], seed: number): number {
  const db = openDatabase({ prelude, code, clock: createVirtualClock(0n) });
  if (db.publish().outcome.status !== 'committed') throw new Error('live: publish failed');

  let subject = 0;
  const server = createProtocolServer(db, { newSubject: () => `live-client-${subject++}` });
  const counters: Counter[] = [];
  const connect = (): Session => {
    const c: Counter = { frames: 0, bytes: 0, last: undefined };
    counters.push(c);
    const r = server.accept({
      protocol: V2_PROTOCOL,
      transport: {
        send(frame) {
          c.frames++;
          c.bytes += frame.length;
          c.last = frame;
        },
        close() {},
      },
    });
    if (!r.ok) throw new Error(`live: accept: ${r.error}`);
    return r.session;
  };
  const sessions = Array.from({ length: CLIENTS }, connect);
  const writer = connect();
  const writerCounter = counters[CLIENTS]!;

  // Subscribe while the table is empty, then fill it in one transaction that
  // reaches every client (subscribing over the filled table costs far more:
  // see the initial-rows figure at the end).
  const queryOf = (c: number): string => (c < RLS_CLIENTS ? 'SELECT * FROM item' : `SELECT * FROM item WHERE bucket = ${c % BUCKETS}`);
  const subscribeMs = timeSync(() => {
    sessions.forEach((s, c) => server.receive(s, clientFrame({ tag: 'Subscribe', value: { requestId: 1, querySetId: { id: 1 }, queryStrings: [queryOf(c)] } })));
  });
  progress(`live: ${CLIENTS} clients connected and subscribed in ${subscribeMs.toFixed(0)} ms (${server.subscriptions.sharedQueries()} distinct queries); filling ${ROWS} rows`);
  const fillMs = timeSync(() => {
    const args = encode(w => {
      w.writeU32(CLIENTS);
      for (const s of sessions) w.writeU256(s.identity);
      w.writeU32(ROWS);
      w.writeU32(BUCKETS);
    });
    const { outcome } = db.callReducer('fill', args);
    if (outcome.status !== 'committed') throw new Error(`live: fill: ${JSON.stringify(outcome)}`);
  });
  if (db.store.rowCount(db.findTable('item')!.id) !== BigInt(ROWS)) throw new Error('live: fill row count');
  // Every client got the rows it may see (a sample is decoded).
  counters.slice(0, CLIENTS).forEach((c, i) => {
    if (i % 97 !== 0 && i !== CLIENTS - 1) return;
    const expected = i < RLS_CLIENTS ? ROWS / CLIENTS : 1;
    const rows = rowCounts(decodeOne(c.last)).inserts;
    if (rows !== expected) throw new Error(`live: client ${i} received ${rows} rows from the fill, expected ${expected}`);
  });
  progress(`live: fill with ${CLIENTS} subscribers took ${fillMs.toFixed(0)} ms`);

  const frames = ids.map((id, i) =>
    clientFrame({ tag: 'CallReducer', value: { requestId: i, flags: 0, reducer: 'bump', args: encode(w => w.writeU64(BigInt(id))) } })
  );
  const call = (from: number, to: number): void => {
    for (let i = from; i < to; i++) server.receive(writer, frames[i]!);
  };
  const before = counters.map(c => c.frames);
  const bytesBefore = counters.map(c => c.bytes);
  progress(`live: ${WARMUP} warm-up transactions, then ${TXS} timed`);
  call(0, WARMUP);
  const cpu = process.cpuUsage();
  const ms = timeSync(() => call(WARMUP, WARMUP + TXS));
  const cpuMs = cpuMsSince(cpu);

  // Checks: one ReducerResult per call (the last one committed), and exactly
  // the subscribers that see each changed row got a TransactionUpdate.
  if (writerCounter.frames - before[CLIENTS]! !== WARMUP + TXS) throw new Error('live: missing ReducerResults');
  const last = decodeOne(writerCounter.last);
  if (last.tag !== 'ReducerResult' || last.value.result.tag !== 'Ok') throw new Error(`live: last call: ${JSON.stringify(last, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`);
  let updates = 0;
  let bytes = 0;
  for (let c = 0; c < CLIENTS; c++) {
    const got = counters[c]!.frames - before[c]!;
    const expected = ids.slice(0, WARMUP + TXS).filter(id => sees(c, id)).length;
    if (got !== expected) throw new Error(`live: client ${c} got ${got} TransactionUpdates, expected ${expected}`);
    updates += got;
    bytes += counters[c]!.bytes - bytesBefore[c]!;
  }
  const sample = counters.findIndex((c, i) => i < CLIENTS && c.frames > before[i]!);
  const sampleRows = rowCounts(decodeOne(counters[sample]!.last));
  if (sampleRows.inserts !== 1 || sampleRows.deletes !== 1) throw new Error(`live: client ${sample}'s update: ${JSON.stringify(sampleRows)}`);
  progress(`live: ${(ms / TXS).toFixed(3)} ms/tx wall, ${(cpuMs / TXS).toFixed(3)} ms/tx CPU (the machine may be shared); ${updates} TransactionUpdates sent over ${WARMUP + TXS} transactions (${bytes} bytes in all)`);

  // Breakdown (stderr only): the share of `updatesFor`, timed on a second pass.
  const subs = server.subscriptions;
  const updatesFor = subs.updatesFor.bind(subs);
  let inUpdatesFor = 0;
  subs.updatesFor = delta => {
    const start = performance.now();
    const out = updatesFor(delta);
    inUpdatesFor += performance.now() - start;
    return out;
  };
  const again = randomIds(seed ^ 0xb0b, BREAKDOWN_TXS, ROWS).map((id, i) =>
    clientFrame({ tag: 'CallReducer', value: { requestId: i, flags: 0, reducer: 'bump', args: encode(w => w.writeU64(BigInt(id))) } })
  );
  const againMs = timeSync(() => again.forEach(f => server.receive(writer, f)));
  subs.updatesFor = updatesFor;
  progress(`live: breakdown over ${BREAKDOWN_TXS} more: ${(againMs / BREAKDOWN_TXS).toFixed(3)} ms/tx, of which updatesFor ${(inUpdatesFor / BREAKDOWN_TXS).toFixed(3)} ms`);

  // Subscribing over the filled table (stderr only): a second query set for
  // one client of each kind, initial rows included.
  for (const c of [0, RLS_CLIENTS]) {
    const subMs = timeSync(() => server.receive(sessions[c]!, clientFrame({ tag: 'Subscribe', value: { requestId: 2, querySetId: { id: 2 }, queryStrings: [queryOf(c)] } })));
    const rows = rowCounts(decodeOne(counters[c]!.last)).inserts;
    progress(`live: subscribing \`${queryOf(c)}\` over ${ROWS} rows (${rows} visible) took ${subMs.toFixed(1)} ms`);
  }
  return ms / TXS;
}

/**
 * The spacetimedb server library sets `globalThis.window = globalThis` when a
 * module loads, which makes PGlite think it runs in a browser; hide it while
 * PGlite runs (as bench/pglite.ts does).
 */
async function withoutWindow<T>(fn: () => Promise<T>): Promise<T> {
  const g = globalThis as { window?: unknown };
  const saved = Object.getOwnPropertyDescriptor(g, 'window');
  delete g.window;
  try {
    return await fn();
  } finally {
    if (saved) Object.defineProperty(g, 'window', saved);
  }
}

/** PGlite: returns milliseconds per UPDATE until every live query has called back. */
async function benchPgliteLive(ids: number[]): Promise<number> {
  const pg = (await PGlite.create({ extensions: { live } })) as unknown as PGliteWithLive;
  await pg.exec('CREATE TABLE item (id BIGINT PRIMARY KEY, owner TEXT NOT NULL, bucket INT NOT NULL, value BIGINT NOT NULL)');
  await pg.exec('CREATE INDEX item_bucket ON item (bucket)');
  await pg.exec(
    `INSERT INTO item SELECT g, 'client-' || ((g - 1) % ${CLIENTS}), ((g - 1) / ${CLIENTS}) % ${BUCKETS}, 0 FROM generate_series(1, ${ROWS}) g`
  );

  // Each live query calls back once on creation, then once per refresh (every
  // change to `item` refreshes every live query on it, changed or not).
  let waiting = 0;
  let wake: () => void = () => {};
  const lastRows: unknown[][] = [];
  for (let k = 0; k < PG_LIVE_QUERIES; k++) {
    await pg.live.incrementalQuery('SELECT * FROM item WHERE bucket = $1', [k], 'id', results => {
      lastRows[k] = results.rows;
      if (waiting > 0 && --waiting === 0) wake();
    });
  }
  progress(`pglite live: ${ROWS} rows, ${PG_LIVE_QUERIES} incremental live queries of ${ROWS / BUCKETS} rows each`);

  const update = async (from: number, to: number): Promise<void> => {
    for (let i = from; i < to; i++) {
      const delivered = new Promise<void>(resolve => (wake = resolve));
      waiting = PG_LIVE_QUERIES;
      const res = await pg.query('UPDATE item SET value = value + 1 WHERE id = $1', [ids[i]]);
      if (res.affectedRows !== 1) throw new Error(`pglite live: update of id ${ids[i]} touched ${res.affectedRows} rows`);
      await delivered;
    }
  };
  progress(`pglite live: ${PG_WARMUP} warm-up updates, then ${PG_TXS} timed`);
  await update(0, PG_WARMUP);
  const cpu = process.cpuUsage();
  const ms = await timeAsync(() => update(PG_WARMUP, PG_WARMUP + PG_TXS));
  progress(`pglite live: ${(ms / PG_TXS).toFixed(1)} ms/tx wall, ${(cpuMsSince(cpu) / PG_TXS).toFixed(1)} ms/tx CPU`);

  // The live results match the table.
  for (let k = 0; k < PG_LIVE_QUERIES; k++) {
    const live = (lastRows[k] as { value: number | bigint }[]).reduce((n, r) => n + Number(r.value), 0);
    const sum = await pg.query<{ s: number | bigint | null }>('SELECT sum(value)::bigint AS s FROM item WHERE bucket = $1', [k]);
    if (live !== Number(sum.rows[0]!.s ?? 0) || lastRows[k]!.length !== ROWS / BUCKETS) throw new Error(`pglite live: query ${k} is stale`);
  }
  await pg.close();
  return ms / PG_TXS;
}

/** Both sides over the same seeded ids. */
export async function benchLive(module: CompiledModule, seed: number): Promise<LiveFigures> {
  const ids = randomIds(seed, WARMUP + TXS, ROWS);
  const txMs = benchEngine(module, ids, seed);
  const pgliteTxMs = await withoutWindow(() => benchPgliteLive(ids));
  return { txMs, pgliteTxMs };
}
