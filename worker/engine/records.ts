import type { TxDelta } from '../db/datastore-types.ts';

export type TxKind =
  | 'publish'
  | 'connect'
  | 'disconnect'
  | 'reducer'
  | 'scheduled'
  | 'schedule-cleanup'
  | 'immediate'
  | 'procedure'
  | 'sql';

export type LogLine = { level: LogLevel; message: string };
export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'panic';

export const LOG_LEVELS: Record<number, LogLevel> = {
  0: 'error',
  1: 'warn',
  2: 'info',
  3: 'debug',
  4: 'trace',
  101: 'panic',
};

/** How a call ended, as upstream's `EventStatus` plus the calls refused before running. */
export type Outcome =
  | { status: 'committed' }
  /** `SenderError`: its message is what the client sees. */
  | { status: 'failed'; kind: 'sender'; message: string }
  /** Anything else thrown: clients see upstream's fixed text; `detail` keeps the real exception for the owner. */
  | { status: 'failed'; kind: 'internal'; message: string; detail: string }
  /** Refused before it ran (no such reducer, lifecycle reducer, bad arguments). */
  | { status: 'rejected'; message: string };

/** One transaction (or failed call): what the reducer log shows and history replays. */
export type TxRecord = {
  seq: number;
  kind: TxKind;
  /** Canonical reducer (or procedure) name, when a function ran. */
  reducer: string | undefined;
  /** BSATN args as the call carried them. */
  args: Uint8Array | undefined;
  sender: bigint;
  connectionId: bigint;
  timestamp: bigint;
  outcome: Outcome;
  logs: LogLine[];
  durationMs: number;
  delta: TxDelta;
  /** The statement, for SQL DML transactions. */
  sql?: string;
  /** For a publish that carried a running database's data over: the connections it kept open. */
  carried?: { identity: bigint; connectionId: bigint; jwtPayload?: string }[];
};

export const INTERNAL_ERROR_MESSAGE = 'The instance encountered a fatal error.';
