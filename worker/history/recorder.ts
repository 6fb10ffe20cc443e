/**
 * Records a database's history: every `TxRecord` becomes a `LogEntry` with
 * what replay needs besides the record — the JWT payload of a connect, the
 * database clock when it differs from the call's timestamp, and sequence
 * positions when they moved. Attach before `publish` so entry 0 is the
 * publish.
 */
import { blake3 } from '@noble/hashes/blake3.js';
import type { SequenceState } from '../db/datastore.ts';
import { asMem } from '../db/mem-datastore.ts';
import type { Database } from '../engine/database.ts';
import { identityFromClaims, LOCAL_ISSUER } from '../engine/identity.ts';
import type { TxRecord } from '../engine/records.ts';
import { bytesToHex } from './codec.ts';
import { HISTORY_FORMAT, HISTORY_VERSION, toLogEntry, type EntryExtras, type HistoryHeader, type LogEntry } from './entry.ts';

const utf8 = new TextEncoder();

/** Identifies a module version: blake3 of the compiled module code, hex. */
export function moduleHash(code: string): string {
  return bytesToHex(blake3(utf8.encode(code)));
}

/** The header for a history of `db` (opened with `name`, default as `openDatabase`), running the module compiled to `code`. */
export function historyHeader(db: Database, code: string, name = 'playground'): HistoryHeader {
  if (identityFromClaims(LOCAL_ISSUER, `database:${name}`) !== db.databaseIdentity) throw new Error(`historyHeader: the database was not opened with name "${name}"`);
  return {
    format: HISTORY_FORMAT,
    version: HISTORY_VERSION,
    moduleHash: moduleHash(code),
    database: { name, owner: db.owner },
    tables: db.schema.tables.map(t => ({ id: t.id, name: t.name })),
  };
}

export type Recorder = {
  /** Every entry recorded so far (the same array, growing). */
  readonly entries: LogEntry[];
  /** Stops listening. */
  stop(): void;
};

/**
 * Every sequence's next value (as `snapshotSequences`) when any moved since
 * the last call (or on the first call), else undefined — without allocating
 * when none moved, since this runs after every transaction. Reads the
 * datastore's sequence sets directly.
 */
function sequenceWatch(db: Database): () => SequenceState[] | undefined {
  const sets = asMem(db.store).tableList.flatMap(t => (t.sequences ? [t.sequences] : []));
  const seen: number[] = [];
  let first = true;
  return () => {
    let moved = first;
    first = false;
    let k = 0;
    for (const set of sets) {
      for (const next of set.next) {
        if (seen[k] !== next) {
          seen[k] = next;
          moved = true;
        }
        k++;
      }
    }
    if (!moved) return undefined;
    const out: SequenceState[] = [];
    for (const set of sets) set.cols.forEach((column, s) => out.push({ tableId: set.tableId, column, next: set.next[s]! }));
    return out;
  };
}

/**
 * Listens to `db` and turns each record into an entry, numbered from
 * `firstPosition` (0 unless continuing a timeline), handing it to `onEntry`
 * (which must not throw: the transaction already committed).
 */
export function recordHistory(db: Database, opts: { firstPosition?: number; onEntry?: (e: LogEntry) => void } = {}): Recorder {
  const entries: LogEntry[] = [];
  let position = opts.firstPosition ?? 0;
  const sequences = sequenceWatch(db);
  const stop = db.onTransaction((r: TxRecord) => {
    const extras: EntryExtras = {};
    if (r.kind === 'connect') {
      const jwt = db.jwtPayloadOf(r.connectionId);
      if (jwt !== undefined) extras.jwtPayload = jwt;
    }
    const now = db.now();
    if (now !== r.timestamp) extras.clock = now;
    const moved = sequences();
    if (moved) extras.sequences = moved;
    const entry = toLogEntry(r, position++, extras);
    entries.push(entry);
    opts.onEntry?.(entry);
  });
  return { entries, stop };
}
