import type { Database } from '../engine/database.ts';
import { toHex } from '../engine/identity.ts';
import type { LogLine, Outcome, TxKind, TxRecord } from '../engine/records.ts';
import { formatTimestamp } from '../values/json-codec.ts';

/** A transaction as the UI shows it: plain data, no BSATN. */
export type TxView = {
  seq: number;
  kind: TxKind;
  reducer: string | null;
  /** `owner`, `database`, a client's name, or the identity's hex. */
  caller: string;
  /** RFC 3339, microsecond precision. */
  timestamp: string;
  outcome: Outcome;
  logs: LogLine[];
  durationMs: number;
  /** Tables the transaction changed, with row counts. */
  changes: { table: string; inserts: number; deletes: number }[];
};

export function toTxView(
  r: TxRecord,
  db: Database,
  nameOf: (identity: bigint) => string | undefined
): TxView {
  const caller =
    r.sender === db.owner
      ? 'owner'
      : r.sender === db.databaseIdentity
        ? 'database'
        : (nameOf(r.sender) ?? toHex(r.sender, 32));
  return {
    seq: r.seq,
    kind: r.kind,
    reducer: r.reducer ?? null,
    caller,
    timestamp: formatTimestamp(r.timestamp),
    outcome: r.outcome,
    logs: r.logs,
    durationMs: r.durationMs,
    changes: r.delta.map(d => ({
      table: db.schema.tables[d.tableId]?.name ?? `#${d.tableId}`,
      inserts: d.inserts.length,
      deletes: d.deletes.length,
    })),
  };
}
