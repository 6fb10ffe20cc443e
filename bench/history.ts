// History benchmark phase (`benchHistory`, called from bench/run.ts): seek
// and replay over a recorded log of bench/module.
//
//   history_seek_ms            state (rows + sequences) right after a random position of a
//                              100,000-entry log over a 100k-row table (mean of SEEKS seeks)
//   history_naive_seek_ms      the same by re-executing the log from the start (mean of NAIVE)
//   history_seek_vs_naive      their ratio
//   history_replay_entries_per_s  replay (re-execute + compare) of 100,000 simple reducer calls
//
// Targets (informative, not asserted): seek ≤ 50 ms; replay ≥ 50,000 entries/s.
import { BinaryWriter } from 'spacetimedb';
import { createDatastore, restore } from '../worker/db/datastore.ts';
import { createVirtualClock } from '../worker/engine/clock.ts';
import { openDatabase } from '../worker/engine/database.ts';
import { serializeHistory, parseHistory } from '../worker/history/codec.ts';
import type { History } from '../worker/history/entry.ts';
import { historyHeader, recordHistory } from '../worker/history/recorder.ts';
import { replayHistory, type CompiledModule } from '../worker/history/replay.ts';
import { SeekIndex } from '../worker/history/seek.ts';
import { emit, prng, progress, randomIds, timeSync } from './common.ts';

const ROWS = 100_000;
const ENTRIES = 100_000;
const SEEKS = 200;
const NAIVE = 5;
const SEED = 0x5eed;

function encode(write: (w: BinaryWriter) => void): Uint8Array {
  const w = new BinaryWriter(32);
  write(w);
  return w.getBuffer().slice();
}

/** Publishes bench/module with a recorder attached, runs `calls`, returns the history and calls/s while recording. */
function record(module: CompiledModule, calls: (db: ReturnType<typeof openDatabase>) => void): { history: History; seconds: number } {
  const db = openDatabase({ ...module, clock: createVirtualClock(0n) });
  const history: History = { header: historyHeader(db, module.code), entries: [] };
  recordHistory(db, { onEntry: e => history.entries.push(e) });
  db.publish();
  const ms = timeSync(() => calls(db));
  return { history, seconds: ms / 1000 };
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

export async function benchHistory(module: CompiledModule): Promise<void> {
  progress(`history: recording fill(${ROWS}) + ${ENTRIES - 2} bumps`);
  const bumps = randomIds(SEED, ENTRIES - 2, ROWS).map(id => encode(w => w.writeU64(BigInt(id))));
  const { history } = record(module, db => {
    db.callReducer('fill', encode(w => w.writeU32(ROWS)));
    for (const args of bumps) db.callReducer('bump', args);
  });
  if (history.entries.length !== ENTRIES) throw new Error(`history: ${history.entries.length} entries, expected ${ENTRIES}`);

  let index = new SeekIndex();
  emit('history_index_build_ms', timeSync(() => (index = new SeekIndex(history.entries, history.header.tables.length))), 'ms');
  const next = prng(SEED + 1);
  const positions = Array.from({ length: SEEKS }, () => 1 + Math.floor(next() * (ENTRIES - 1)));
  const account = history.header.tables.find(t => t.name === 'account')!.id;
  const seekMs = positions.map(p =>
    timeSync(() => {
      const state = index.stateAt(p);
      if (state.rows[account]!.length !== ROWS) throw new Error(`seek ${p}: ${state.rows[account]!.length} rows`);
    })
  );
  const seek = mean(seekMs);
  emit('history_seek_ms', seek, 'ms');
  emit('history_seek_max_ms', Math.max(...seekMs), 'ms');

  // Querying a past state with SQL needs a datastore: the same state loaded with its indexes rebuilt.
  const ds = createDatastore(openDatabase({ ...module, clock: createVirtualClock(0n) }).schema);
  emit('history_seek_into_datastore_ms', mean(positions.slice(0, 3).map(p => timeSync(() => restore(ds, index.stateAt(p))))), 'ms');

  progress(`history: naive seeks (re-executing from the start) at ${NAIVE} positions`);
  const naive = mean(positions.slice(0, NAIVE).map(p => timeSync(() => replayHistory(history, module, { to: p }))));
  emit('history_naive_seek_ms', naive, 'ms');
  emit('history_seek_vs_naive', naive / seek, 'x');

  progress('history: file round trip');
  let text = '';
  emit('history_serialize_ms', timeSync(() => (text = serializeHistory(history))), 'ms');
  emit('history_file_mb', Buffer.byteLength(text) / 2 ** 20, 'MB');
  emit('history_parse_ms', timeSync(() => parseHistory(text)), 'ms');

  progress(`history: replaying ${ENTRIES} insert_one calls`);
  const names = Array.from({ length: ENTRIES - 1 }, (_, i) => encode(w => (w.writeString(`name-${i}`), w.writeU64(BigInt(i)))));
  const inserts = record(module, db => {
    for (const args of names) db.callReducer('insert_one', args);
  });
  let diverged = 0;
  const replayMs = timeSync(() => (diverged = replayHistory(inserts.history, module).divergences.length));
  if (diverged) throw new Error(`history replay: ${diverged} divergences`);
  emit('history_record_tx_per_s', (ENTRIES - 1) / inserts.seconds, 'tx/s');
  emit('history_replay_entries_per_s', (ENTRIES / replayMs) * 1000, 'tx/s');
}
