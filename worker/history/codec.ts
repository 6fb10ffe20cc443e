/**
 * The history file: JSON lines, the header first, then one entry per line,
 * so a file can grow by appending and a write cut short by a crash loses at
 * most the unfinished last line. Bigints are strings (identities and
 * connection ids as `0x` hex, times as decimal microseconds), bytes are hex.
 * `parseHistory(serializeHistory(h))` equals `h`, and re-serializing gives
 * the same text.
 */
import type { TableDelta } from '../db/datastore-types.ts';
import { toHex } from '../engine/identity.ts';
import { HISTORY_FORMAT, HISTORY_VERSION, type History, type HistoryHeader, type LogEntry } from './entry.ts';

export class HistoryFormatError extends Error {
  override name = 'HistoryFormatError';
}

type JsonObject = Record<string, unknown>;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function bytesToHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX[b[i]!];
  return s;
}

export function hexToBytes(s: string): Uint8Array {
  if (s.length % 2 !== 0 || !/^[0-9a-f]*$/.test(s)) throw new HistoryFormatError(`not a hex byte string: "${s.slice(0, 20)}"`);
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const big = (v: unknown, what: string): bigint => {
  if (typeof v !== 'string' || !/^(0x[0-9a-f]+|-?\d+)$/.test(v)) throw new HistoryFormatError(`${what}: expected an integer string`);
  return BigInt(v);
};

export function encodeHeader(h: HistoryHeader): JsonObject {
  return { ...h, database: { name: h.database.name, owner: toHex(h.database.owner, 32) } };
}

export function decodeHeader(v: unknown): HistoryHeader {
  const o = v as JsonObject | null;
  if (!o || typeof o !== 'object' || o.format !== HISTORY_FORMAT) throw new HistoryFormatError(`not a history file (first line must be a "${HISTORY_FORMAT}" header)`);
  if (o.version !== HISTORY_VERSION) throw new HistoryFormatError(`history format version ${String(o.version)} is not supported (expected ${HISTORY_VERSION})`);
  const db = o.database as JsonObject | null;
  if (typeof o.moduleHash !== 'string' || !Array.isArray(o.tables) || !db || typeof db.name !== 'string') throw new HistoryFormatError('history header: moduleHash, database and tables are required');
  return { ...(o as HistoryHeader), database: { name: String(db.name), owner: big(db.owner, 'database.owner') } };
}

export function encodeEntry(e: LogEntry): JsonObject {
  const out: JsonObject = { position: e.position, kind: e.kind };
  if (e.reducer !== undefined) out.reducer = e.reducer;
  if (e.args !== undefined) out.args = bytesToHex(e.args);
  out.sender = toHex(e.sender, 32);
  out.connectionId = toHex(e.connectionId, 16);
  if (e.jwtPayload !== undefined) out.jwtPayload = e.jwtPayload;
  out.timestamp = e.timestamp.toString();
  if (e.clock !== undefined) out.clock = e.clock.toString();
  out.outcome = e.outcome;
  out.logs = e.logs;
  out.durationMs = e.durationMs;
  out.delta = e.delta.map(t => ({ tableId: t.tableId, inserts: t.inserts.map(bytesToHex), deletes: t.deletes.map(bytesToHex) }));
  if (e.sql !== undefined) out.sql = e.sql;
  if (e.sequences !== undefined) out.sequences = e.sequences;
  if (e.carried !== undefined) {
    out.carried = e.carried.map(c => ({ identity: toHex(c.identity, 32), connectionId: toHex(c.connectionId, 16), ...(c.jwtPayload === undefined ? {} : { jwtPayload: c.jwtPayload }) }));
  }
  return out;
}

export function decodeEntry(v: unknown): LogEntry {
  const o = v as JsonObject;
  if (!o || typeof o !== 'object' || typeof o.position !== 'number' || typeof o.kind !== 'string') throw new HistoryFormatError('not a history entry');
  const delta = (o.delta ?? []) as { tableId: number; inserts: string[]; deletes: string[] }[];
  const e: LogEntry = {
    position: o.position,
    kind: o.kind as LogEntry['kind'],
    sender: big(o.sender, 'sender'),
    connectionId: big(o.connectionId, 'connectionId'),
    timestamp: big(o.timestamp, 'timestamp'),
    outcome: o.outcome as LogEntry['outcome'],
    logs: (o.logs ?? []) as LogEntry['logs'],
    durationMs: Number(o.durationMs ?? 0),
    delta: delta.map((t): TableDelta => ({ tableId: t.tableId, inserts: t.inserts.map(hexToBytes), deletes: t.deletes.map(hexToBytes) })),
  };
  if (typeof o.reducer === 'string') e.reducer = o.reducer;
  if (typeof o.args === 'string') e.args = hexToBytes(o.args);
  if (typeof o.jwtPayload === 'string') e.jwtPayload = o.jwtPayload;
  if (o.clock !== undefined) e.clock = big(o.clock, 'clock');
  if (typeof o.sql === 'string') e.sql = o.sql;
  if (Array.isArray(o.sequences)) e.sequences = o.sequences as LogEntry['sequences'];
  if (Array.isArray(o.carried)) {
    e.carried = (o.carried as JsonObject[]).map(c => ({
      identity: big(c.identity, 'carried identity'),
      connectionId: big(c.connectionId, 'carried connectionId'),
      ...(typeof c.jwtPayload === 'string' ? { jwtPayload: c.jwtPayload } : {}),
    }));
  }
  return e;
}

/** One line (with its newline) per entry: what appending to a history file writes. */
export function serializeEntries(entries: readonly LogEntry[]): string {
  let s = '';
  for (const e of entries) s += JSON.stringify(encodeEntry(e)) + '\n';
  return s;
}

export function serializeHistory(h: History): string {
  return JSON.stringify(encodeHeader(h.header)) + '\n' + serializeEntries(h.entries);
}

/**
 * Parses a history file. A last line without its newline that does not
 * parse is a write cut short: it is dropped (`truncated: true`). Positions
 * must run 0, 1, 2, ... without gaps.
 */
export function parseHistory(text: string): History & { truncated: boolean } {
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  let truncated = false;
  if (last.trim() !== '') {
    try {
      JSON.parse(last);
      lines.push(last);
    } catch {
      truncated = true;
    }
  }
  const [first, ...rest] = lines.filter(l => l.trim() !== '');
  if (first === undefined) throw new HistoryFormatError('empty history file');
  const header = decodeHeader(parseLine(first, 1));
  const entries = rest.map((line, i) => {
    const e = decodeEntry(parseLine(line, i + 2));
    if (e.position !== i) throw new HistoryFormatError(`line ${i + 2}: entry position ${e.position}, expected ${i}`);
    return e;
  });
  return { header, entries, truncated };
}

function parseLine(line: string, n: number): unknown {
  try {
    return JSON.parse(line);
  } catch (e) {
    throw new HistoryFormatError(`line ${n}: ${(e as Error).message}`);
  }
}
