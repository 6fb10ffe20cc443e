/**
 * A replay result as plain JSON for people and tools (the CLI's `--json`,
 * the UI's side-by-side view): each divergence with the recorded and the
 * replayed entry next to each other, rows and reducer args decoded with
 * the replayed module's schema where they still decode (hex otherwise).
 */
import type { ModuleSchema } from '../module/schema-types.ts';
import { toHex } from '../engine/identity.ts';
import { decodeRowJson, formatTimestamp, type Json } from '../values/json-codec.ts';
import { bytesToHex } from './codec.ts';
import type { Divergence, DivergenceField, TableNames } from './compare.ts';
import { tableNames } from './compare.ts';
import type { HistoryHeader, LogEntry } from './entry.ts';
import type { ReplayResult } from './replay.ts';

export type EntryView = {
  position: number;
  kind: string;
  reducer?: string;
  sender: string;
  connectionId?: string;
  timestamp: string;
  args?: Json;
  sql?: string;
  outcome: LogEntry['outcome'];
  logs: LogEntry['logs'];
  /** Per table: rows deleted and inserted. */
  delta: Record<string, { deletes: Json[]; inserts: Json[] }>;
};

export type DivergenceView = {
  type: Divergence['type'];
  position: number;
  fields?: DivergenceField[];
  recorded?: EntryView;
  replayed?: EntryView;
};

export type ReplayReport = {
  ok: boolean;
  /** Recorded entries replayed. */
  replayed: number;
  /** The module that replayed is the one that recorded: the divergences are nondeterminism. */
  sameModule: boolean;
  nondeterministic: boolean;
  divergences: DivergenceView[];
};

function decode(schema: ModuleSchema, type: Parameters<typeof decodeRowJson>[0] | undefined, bytes: Uint8Array): Json {
  if (type) {
    try {
      return decodeRowJson(type, schema.typespace, bytes);
    } catch {
      // The type changed since the recording: show the bytes.
    }
  }
  return { hex: bytesToHex(bytes) };
}

/** One entry, readable: `names` maps its table ids (of the history it belongs to) to names. */
export function entryView(e: LogEntry, names: TableNames, schema: ModuleSchema): EntryView {
  const fn = e.kind === 'reducer' || e.kind === 'immediate' ? schema.reducers.find(r => r.name === e.reducer) : undefined;
  const view: EntryView = {
    position: e.position,
    kind: e.kind,
    ...(e.reducer !== undefined && { reducer: e.reducer }),
    ...(e.args && e.args.length > 0 && { args: decode(schema, fn?.paramsType, e.args) }),
    ...(e.sql !== undefined && { sql: e.sql }),
    sender: toHex(e.sender, 32),
    ...(e.connectionId !== 0n && { connectionId: toHex(e.connectionId, 16) }),
    timestamp: formatTimestamp(e.timestamp),
    outcome: e.outcome,
    logs: e.logs,
    delta: {},
  };
  for (const t of e.delta) {
    const name = names[t.tableId] ?? `#${t.tableId}`;
    const table = schema.tables.find(s => s.name === name);
    view.delta[name] = { deletes: t.deletes.map(r => decode(schema, table?.rowType, r)), inserts: t.inserts.map(r => decode(schema, table?.rowType, r)) };
  }
  return view;
}

export function replayReport(result: ReplayResult, recorded: HistoryHeader, schema: ModuleSchema): ReplayReport {
  const recordedNames = tableNames(recorded);
  const replayedNames = tableNames(result.history.header);
  const divergences = result.divergences.map((d): DivergenceView => {
    const out: DivergenceView = { type: d.type, position: d.position };
    if (d.type === 'changed') out.fields = d.fields;
    if (d.type !== 'extra') out.recorded = entryView(d.recorded, recordedNames, schema);
    if (d.type !== 'missing') out.replayed = entryView(d.replayed, replayedNames, schema);
    return out;
  });
  return { ok: divergences.length === 0, replayed: result.replayed, sameModule: result.sameModule, nondeterministic: result.sameModule && divergences.length > 0, divergences };
}
