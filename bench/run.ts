// `npm run bench`: throughput of the engine's full reducer path (BSATN args →
// module `__call_reducer__` → library → syscalls → datastore → commit →
// TxRecord with delta), against PGlite doing the same transactions.
// Prints one JSON line per figure on stdout; progress goes to stderr.
//
// Targets (informative, not asserted) on a 2-core machine:
//   insert_1 ≥ 100,000 tx/s, and insert_1_vs_pglite ≥ 50x;
//   live_tx_ms ≤ 2 and live_vs_pglite ≥ 100x (bench/live.ts).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { BinaryWriter } from 'spacetimedb';
import { createVirtualClock } from '../worker/engine/clock.ts';
import { openDatabase, type Database } from '../worker/engine/database.ts';
import { esbuild } from '../worker/node/esbuild.ts';
import { compileModuleFile } from '../worker/node/load-module.ts';
import { emit, progress, randomIds, timeSync } from './common.ts';
import { benchLive, compileLiveModule } from './live.ts';
import { benchPglite } from './pglite.ts';
import { benchHistory } from './history.ts';
import { benchBrowser } from './browser.ts';
import { benchTableWindow } from './table-window.ts';

const N_INSERT = 200_000;
const N_UPDATE = 200_000;
const ACCOUNTS = 100_000;
const BULK = 100_000;
const WARMUP = 20_000;
const PG_N = 5_000;
const PG_WARMUP = 500;
const SEED = 0x5eed;

function encode(write: (w: BinaryWriter) => void): Uint8Array {
  const w = new BinaryWriter(32);
  write(w);
  return w.getBuffer().slice();
}

/** Calls `reducer` once per args buffer in [from, to); throws on the first call that does not commit. */
function callAll(db: Database, reducer: string, args: Uint8Array[], from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const { outcome } = db.callReducer(reducer, args[i]!);
    if (outcome.status !== 'committed') throw new Error(`${reducer} #${i}: ${JSON.stringify(outcome)}`);
  }
}

function expectRows(db: Database, table: string, expected: number): void {
  const count = db.store.rowCount(db.findTable(table)!.id);
  if (count !== BigInt(expected)) throw new Error(`${table}: ${count} rows, expected ${expected}`);
}

/** 1. insert_1: one row per transaction. Returns tx/s. */
function insertOne(open: () => Database): number {
  const args = Array.from({ length: WARMUP + N_INSERT }, (_, i) => encode(w => (w.writeString(`name-${i}`), w.writeU64(BigInt(i)))));
  const db = open();
  progress(`insert_1: ${WARMUP} warm-up calls, then ${N_INSERT} timed`);
  callAll(db, 'insert_one', args, 0, WARMUP);
  const ms = timeSync(() => callAll(db, 'insert_one', args, WARMUP, WARMUP + N_INSERT));
  expectRows(db, 'item', WARMUP + N_INSERT);
  return (N_INSERT / ms) * 1000;
}

/** 2. find_update_by_pk: seeded random ids over a pre-filled table. Returns tx/s. */
function findUpdate(open: () => Database): number {
  const db = open();
  db.callReducer('fill', encode(w => w.writeU32(ACCOUNTS)));
  expectRows(db, 'account', ACCOUNTS);
  const args = randomIds(SEED, WARMUP + N_UPDATE, ACCOUNTS).map(id => encode(w => w.writeU64(BigInt(id))));
  progress(`find_update_by_pk: ${WARMUP} warm-up calls, then ${N_UPDATE} timed over ${ACCOUNTS} rows`);
  callAll(db, 'bump', args, 0, WARMUP);
  const ms = timeSync(() => callAll(db, 'bump', args, WARMUP, WARMUP + N_UPDATE));
  // Every bump landed: the `value` column (each row's last 8 bytes) sums to the call count.
  let total = 0n;
  for (const row of db.store.scanTable(db.findTable('account')!.id)) {
    total += new DataView(row.buffer, row.byteOffset + row.byteLength - 8, 8).getBigUint64(0, true);
  }
  if (total !== BigInt(WARMUP + N_UPDATE)) throw new Error(`bump: values sum to ${total}, expected ${WARMUP + N_UPDATE}`);
  expectRows(db, 'account', ACCOUNTS);
  return (N_UPDATE / ms) * 1000;
}

/** 3. insert_bulk_100k: one transaction (after a smaller one, to warm up). */
function insertBulk(open: () => Database): { ms: number; db: Database } {
  progress(`insert_bulk: warm-up of ${BULK / 10} rows, then ${BULK} in one transaction`);
  open().callReducer('insert_bulk', encode(w => w.writeU32(BULK / 10)));
  const db = open();
  const args = encode(w => w.writeU32(BULK));
  let status = '';
  const ms = timeSync(() => (status = db.callReducer('insert_bulk', args).outcome.status));
  if (status !== 'committed') throw new Error(`insert_bulk: ${status}`);
  expectRows(db, 'item', BULK);
  return { ms, db };
}

async function main(): Promise<void> {
  progress('compiling bench/module');
  const { prelude, code } = await compileModuleFile(fileURLToPath(new URL('./module/index.ts', import.meta.url)));
  const liveModule = await compileLiveModule();
  await esbuild.stop();
  const open = (): Database => {
    const db = openDatabase({ prelude, code, clock: createVirtualClock(0n) });
    if (db.publish().outcome.status !== 'committed') throw new Error('publish failed');
    return db;
  };

  // `npm run bench -- live history` runs only the named phases (core, pglite, live, history, table-window, browser).
  const only = new Set(process.argv.slice(2));
  const wants = (phase: string) => only.size === 0 || only.has(phase);
  if (wants('core') || wants('pglite')) await corePhases(open);
  if (wants('live')) {
    // 5. Subscriptions: one-row transactions with 1,000 subscribed clients, and PGlite live queries (bench/live.ts).
    const lv = await benchLive(liveModule, SEED);
    emit('live_tx_ms', lv.txMs, 'ms');
    emit('live_tx_per_s', 1000 / lv.txMs, 'tx/s');
    emit('pglite_live_tx_ms', lv.pgliteTxMs, 'ms');
    emit('live_vs_pglite', lv.pgliteTxMs / lv.txMs, 'x');
  }
  // 6. Time travel: seek and replay over a 100,000-entry log (bench/history.ts).
  if (wants('history')) await benchHistory({ prelude, code });
  // 8. The Tables panel's windows over a 1,000,000-row table (bench/table-window.ts).
  if (wants('table-window')) benchTableWindow(open);
  // 7. The built app in headless Chromium: cold load, warm republish, reload recovery (bench/browser.ts).
  if (wants('browser')) await benchBrowser();
  progress('done');
}

async function corePhases(open: () => Database): Promise<void> {
  const insertTps = insertOne(open);
  emit('insert_1', insertTps, 'tx/s');
  const updateTps = findUpdate(open);
  emit('find_update_by_pk', updateTps, 'tx/s');
  const bulk = insertBulk(open);
  emit('insert_bulk_100k', (BULK / bulk.ms) * 1000, 'rows/s');
  emit('insert_bulk_100k_ms', bulk.ms, 'ms');
  // Process RSS with the 100k-row database live and the earlier phases collected.
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  emit('rss_mb', process.memoryUsage().rss / 2 ** 20, 'MB');
  expectRows(bulk.db, 'item', BULK);

  // 4. PGlite baseline.
  const pg = await benchPglite({ inserts: PG_N, updates: PG_N, rows: ACCOUNTS, warmup: PG_WARMUP, seed: SEED });
  emit('pglite_insert_1', pg.insertTxPerSec, 'tx/s');
  emit('insert_1_vs_pglite', insertTps / pg.insertTxPerSec, 'x');
  emit('pglite_find_update_by_pk', pg.findUpdateTxPerSec, 'tx/s');
  emit('find_update_by_pk_vs_pglite', updateTps / pg.findUpdateTxPerSec, 'x');
}

await main();
