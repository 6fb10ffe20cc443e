/**
 * The history of a database: one `LogEntry` per transaction the engine
 * recorded (publish, connect, disconnect, reducer calls including failed
 * and refused ones, schedules, immediates, procedures, SQL DML), in order,
 * behind a header that names the module version and database.
 *
 * An entry holds both what replay needs to re-run the call (kind, reducer,
 * args, sender, connection, JWT, timestamp, the clock) and what the call
 * did (outcome, console output, duration, row delta, sequence positions),
 * so that seeking needs no module code and replay can compare.
 *
 * Browser-safe: no Node imports here or in anything this folder's
 * non-test files import.
 */
import type { TxDelta } from '../db/datastore-types.ts';
import type { SequenceState } from '../db/sequences.ts';
import type { Micros } from '../engine/clock.ts';
import type { LogLine, Outcome, TxKind, TxRecord } from '../engine/records.ts';

export const HISTORY_FORMAT = 'spacetime-playground-history';
export const HISTORY_VERSION = 1;

export type LogEntry = {
  /** 0 for the publish, then 1, 2, ... with no gaps. */
  position: number;
  kind: TxKind;
  /** Canonical reducer or procedure name (the requested name for refused calls). */
  reducer?: string;
  /** BSATN args as the call carried them. */
  args?: Uint8Array;
  sender: bigint;
  connectionId: bigint;
  /** For connects: the JWT payload the client presented (`ctx.senderAuth.jwt`). */
  jwtPayload?: string;
  timestamp: Micros;
  /** The database clock while the call ran, when it differs from `timestamp`. */
  clock?: Micros;
  outcome: Outcome;
  logs: LogLine[];
  durationMs: number;
  delta: TxDelta;
  /** The statement, for SQL DML. */
  sql?: string;
  /** Every autoinc sequence's next value after this entry, when any changed since the previous entry. */
  sequences?: SequenceState[];
  /** A publish over a running database: its delta inserts the carried rows; these connections stayed open. */
  carried?: { identity: bigint; connectionId: bigint; jwtPayload?: string }[];
};

export type HistoryHeader = {
  format: typeof HISTORY_FORMAT;
  version: typeof HISTORY_VERSION;
  /** `moduleHash` of the compiled module that recorded the entries. */
  moduleHash: string;
  /** `openDatabase` options that fix the database identity and the owner. */
  database: { name: string; owner: bigint };
  /** Table names by id in the recording schema: replay compares deltas by table name. */
  tables: { id: number; name: string }[];
  /** Set on a timeline forked from another one. */
  forkOf?: { timeline: string; position: number };
};

export type History = { header: HistoryHeader; entries: LogEntry[] };

/** Kinds a caller starts; the others are consequences of earlier entries or of time passing. */
export const INPUT_KINDS: ReadonlySet<TxKind> = new Set(['publish', 'connect', 'disconnect', 'reducer', 'procedure', 'sql']);

/** Kinds that run right after the entry that caused them, inside the same engine call. */
export const TRAILING_KINDS: ReadonlySet<TxKind> = new Set(['schedule-cleanup', 'immediate']);

/** What the recorder adds to a `TxRecord`. */
export type EntryExtras = { jwtPayload?: string; clock?: Micros; sequences?: SequenceState[] };

/** The entry for a record (optional fields only when set; arrays shared with the record). */
export function toLogEntry(record: TxRecord, position: number, extras: EntryExtras = {}): LogEntry {
  const entry: LogEntry = {
    position,
    kind: record.kind,
    sender: record.sender,
    connectionId: record.connectionId,
    timestamp: record.timestamp,
    outcome: record.outcome,
    logs: record.logs,
    durationMs: record.durationMs,
    delta: record.delta,
  };
  if (record.reducer !== undefined) entry.reducer = record.reducer;
  if (record.args !== undefined) entry.args = record.args;
  if (record.sql !== undefined) entry.sql = record.sql;
  if (record.carried !== undefined) entry.carried = record.carried;
  if (extras.jwtPayload !== undefined) entry.jwtPayload = extras.jwtPayload;
  if (extras.clock !== undefined) entry.clock = extras.clock;
  if (extras.sequences !== undefined) entry.sequences = extras.sequences;
  return entry;
}

/**
 * The last position of the step `position` belongs to: the entry, the
 * cleanups and immediates right after it and, for a scheduled run, the
 * runs right after it at the same time (one `runDue` fires those together).
 * Forks and partial replays cut histories at step ends.
 */
export function stepEnd(entries: readonly LogEntry[], position: number): number {
  let start = position;
  while (start > 0 && TRAILING_KINDS.has(entries[start]!.kind)) start--;
  const first = entries[start]!;
  let end = position;
  for (;;) {
    while (end + 1 < entries.length && TRAILING_KINDS.has(entries[end + 1]!.kind)) end++;
    const next = entries[end + 1];
    if (first.kind !== 'scheduled' || next?.kind !== 'scheduled' || next.timestamp !== first.timestamp) return end;
    end++;
  }
}
