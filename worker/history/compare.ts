/**
 * Comparing a recorded entry with its replayed counterpart, field group by
 * field group. Deltas are compared per table *name* (a module edit may
 * renumber tables), row bytes in order; internal failures by their first
 * line (the stack below it moves with every edit).
 */
import type { TxDelta } from '../db/datastore-types.ts';
import type { Outcome } from '../engine/records.ts';
import type { HistoryHeader, LogEntry } from './entry.ts';

export type DivergenceField = 'call' | 'outcome' | 'delta' | 'logs';

export type Divergence =
  /** Both ran, and differ in `fields`. */
  | { type: 'changed'; position: number; fields: DivergenceField[]; recorded: LogEntry; replayed: LogEntry }
  /** The recorded entry has no counterpart in the replay (e.g. a schedule that no longer fires). */
  | { type: 'missing'; position: number; recorded: LogEntry }
  /** The replay produced an entry the recording lacks; `position` is the recorded entry it follows. */
  | { type: 'extra'; position: number; replayed: LogEntry };

/** Table id → name, per header. */
export type TableNames = readonly (string | undefined)[];

export function tableNames(header: Pick<HistoryHeader, 'tables'>): TableNames {
  const names: (string | undefined)[] = [];
  for (const t of header.tables) names[t.id] = t.name;
  return names;
}

export function bytesEqual(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function rowsEqual(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!bytesEqual(a[i], b[i])) return false;
  return true;
}

export function sameDelta(a: TxDelta, aNames: TableNames, b: TxDelta, bNames: TableNames): boolean {
  if (a.length !== b.length) return false;
  for (const t of a) {
    const name = aNames[t.tableId] ?? `#${t.tableId}`;
    const other = b.find(o => (bNames[o.tableId] ?? `#${o.tableId}`) === name);
    if (other === undefined || !rowsEqual(t.inserts, other.inserts) || !rowsEqual(t.deletes, other.deletes)) return false;
  }
  return true;
}

const firstLine = (s: string): string => s.split('\n', 1)[0]!;

export function sameOutcome(a: Outcome, b: Outcome): boolean {
  if (a.status !== b.status) return false;
  if (a.status === 'committed') return true;
  if (a.message !== (b as { message: string }).message) return false;
  if (a.status === 'rejected') return true;
  const o = b as Extract<Outcome, { status: 'failed' }>;
  if (a.kind !== o.kind) return false;
  return a.kind === 'sender' || (o.kind === 'internal' && firstLine(a.detail) === firstLine(o.detail));
}

export function sameLogs(a: LogEntry['logs'], b: LogEntry['logs']): boolean {
  return a.length === b.length && a.every((l, i) => l.level === b[i]!.level && l.message === b[i]!.message);
}

/** What was called, by whom and when. */
export function sameCall(a: LogEntry, b: LogEntry): boolean {
  return a.kind === b.kind && a.reducer === b.reducer && a.sender === b.sender && a.connectionId === b.connectionId && a.timestamp === b.timestamp && a.sql === b.sql && bytesEqual(a.args, b.args);
}

export type CompareContext = { recordedTables: TableNames; replayedTables: TableNames; ignoreLogs?: boolean };

/** The field groups in which `replayed` differs from `recorded` (empty: the same). */
export function compareEntries(recorded: LogEntry, replayed: LogEntry, ctx: CompareContext): DivergenceField[] {
  const fields: DivergenceField[] = [];
  if (!sameCall(recorded, replayed)) fields.push('call');
  if (!sameOutcome(recorded.outcome, replayed.outcome)) fields.push('outcome');
  if (!sameDelta(recorded.delta, ctx.recordedTables, replayed.delta, ctx.replayedTables)) fields.push('delta');
  if (!ctx.ignoreLogs && !sameLogs(recorded.logs, replayed.logs)) fields.push('logs');
  return fields;
}
