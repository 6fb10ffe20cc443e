/**
 * Replay: re-executes a recorded history against a module version (the
 * current, maybe edited, one) and reports where it diverges.
 *
 * How it works: a fresh database (same name and owner, so the same database
 * identity) runs on a clock replay pins to each entry's recorded time.
 * Entries a caller started (publish, connect with its JWT, disconnect,
 * reducer, procedure, SQL) are called again with the recorded sender,
 * connection, timestamp and args. Schedules are not called directly: at
 * each recorded `scheduled` entry the replay runs `runDue` at that entry's
 * time, so the engine's own scheduler fires whatever the replayed module
 * queued — the same module queues the same rows, so the same runs happen
 * in the same order with the same deltas, and an edited module's schedule
 * changes show up as missing or extra entries. Cleanups and immediates are
 * consequences; they are matched against what the engine produced after
 * their cause.
 *
 * Replayed entries are paired with recorded ones (align.ts) and compared;
 * unpaired ones are reported as `missing` / `extra`. The replayed entries carry the replayed module's
 * console output: logging added to the code shows up retroactively.
 */
import { openDatabase, type Carry, type Database } from '../engine/database.ts';
import { createAligner } from './align.ts';
import { tableNames, type CompareContext, type Divergence, type TableNames } from './compare.ts';
import { INPUT_KINDS, stepEnd, type History, type LogEntry } from './entry.ts';
import { historyHeader, recordHistory } from './recorder.ts';
import { createReplayClock } from './replay-clock.ts';

export type CompiledModule = { prelude: string; code: string };

export type ReplayOptions = {
  /**
   * Report divergences from this position on. Earlier entries still run:
   * the module's hidden state (`ctx.random`'s generator, module-level
   * variables), the schedule queue and the connections all come from
   * executing them.
   */
  from?: number;
  /** Stop after this recorded position (and the cleanups and immediates right after it). */
  to?: number;
  /** Console output differences are not divergences. */
  ignoreLogs?: boolean;
};

export type ReplayResult = {
  /** The replay as a history of its own: header of the replayed module, entries as re-executed. */
  history: History;
  divergences: Divergence[];
  /** The replayed module is the one that recorded the history: every divergence is nondeterminism. */
  sameModule: boolean;
  /** Recorded entries replayed. */
  replayed: number;
  /** The database after the replay (a fork continues on it). */
  db: Database;
};

/** The data a recorded update publish carried in (its delta's inserts), for the replaying database's tables. */
function carryOf(db: Database, r: LogEntry, tables: TableNames): Carry {
  const rows: Uint8Array[][] = db.schema.tables.map(() => []);
  const idOf = (recorded: number): number | undefined => db.findTable(tables[recorded] ?? '')?.id;
  for (const d of r.delta) {
    const id = idOf(d.tableId);
    if (id === undefined) throw new Error(`replay: the publish carried rows of table ${tables[d.tableId] ?? d.tableId}, which this module lacks`);
    rows[id] = d.inserts;
  }
  const sequences = (r.sequences ?? []).flatMap(s => {
    const tableId = idOf(s.tableId);
    return tableId === undefined ? [] : [{ ...s, tableId }];
  });
  return { rows, sequences, connections: r.carried ?? [] };
}

/** Runs the call that started recorded entry `r`. */
function drive(db: Database, r: LogEntry, tables: TableNames): void {
  const caller = { identity: r.sender, connectionId: r.connectionId };
  const args = r.args ?? new Uint8Array(0);
  switch (r.kind) {
    case 'publish': db.publish(r.timestamp, r.carried && carryOf(db, r, tables)); return;
    case 'connect': db.connect({ ...caller, jwtPayload: r.jwtPayload }, r.timestamp); return;
    case 'disconnect': db.disconnect(r.connectionId, r.timestamp); return;
    case 'reducer': db.callReducer(r.reducer ?? '', args, caller, r.timestamp); return;
    case 'procedure': db.callProcedure(r.reducer ?? '', args, caller); return;
    case 'sql': db.sql(r.sql ?? '', caller); return;
    default: throw new Error(`replay: entry ${r.position} (${r.kind}) is not a call`);
  }
}

export function replayHistory(history: History, module: CompiledModule, opts: ReplayOptions = {}): ReplayResult {
  const recorded = history.entries;
  const first = recorded[0];
  if (!first || first.kind !== 'publish') throw new Error('replay: a history starts with its publish entry');
  const end = opts.to === undefined ? recorded.length - 1 : stepEnd(recorded, Math.min(opts.to, recorded.length - 1));
  const from = opts.from ?? 0;
  const time = createReplayClock(first.clock ?? first.timestamp);
  const { name, owner } = history.header.database;
  const db = openDatabase({ prelude: module.prelude, code: module.code, clock: time.clock, name, owner });
  const header = historyHeader(db, module.code, name);
  const produced = recordHistory(db).entries;
  const ctx: CompareContext = { recordedTables: tableNames(history.header), replayedTables: tableNames(header), ignoreLogs: opts.ignoreLogs };
  const divergences: Divergence[] = [];
  const align = createAligner(produced, ctx, d => {
    if (d.position >= from) divergences.push(d);
  });
  /** `runDue` already ran up to here since the last call (calls may queue more). */
  let dueUntil: bigint | undefined;

  for (let i = 0; i <= end; i++) {
    const r = recorded[i]!;
    if (INPUT_KINDS.has(r.kind)) {
      align.flush();
      const first = produced.length;
      time.pin(r.clock ?? r.timestamp);
      drive(db, r, ctx.recordedTables);
      dueUntil = undefined;
      align.call(r, first);
    } else if (r.kind === 'scheduled') {
      let j = align.exactRun(r);
      if (j < 0 && (dueUntil === undefined || r.timestamp > dueUntil)) {
        align.flush();
        time.pin(r.clock ?? r.timestamp);
        db.runDue(r.timestamp);
        dueUntil = r.timestamp;
        j = align.exactRun(r);
      }
      align.run(r, j, recorded, i);
    } else {
      align.consequence(r);
    }
  }
  align.flush();
  return { history: { header, entries: produced }, divergences, sameModule: header.moduleHash === history.header.moduleHash, replayed: end + 1, db };
}
