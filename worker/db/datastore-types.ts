/**
 * The datastore's contract: tables of BSATN rows with indexes, sequences and
 * one transaction at a time with an undo log. `worker/runtime/sys.ts` maps the
 * `spacetime:sys@2.x` syscalls onto these verbs one to one.
 */
import type { ModuleSchema } from '../module/schema-types.ts';

/** upstream `crates/primitives/src/errno.rs`. */
export const ERRNO = {
  HOST_CALL_FAILURE: 1,
  NOT_IN_TRANSACTION: 2,
  BSATN_DECODE_ERROR: 3,
  NO_SUCH_TABLE: 4,
  NO_SUCH_INDEX: 5,
  NO_SUCH_ITER: 6,
  NO_SUCH_CONSOLE_TIMER: 7,
  NO_SUCH_BYTES: 8,
  NO_SPACE: 9,
  WRONG_INDEX_ALGO: 10,
  BUFFER_TOO_SMALL: 11,
  UNIQUE_ALREADY_EXISTS: 12,
  SCHEDULE_AT_DELAY_TOO_LONG: 13,
  INDEX_NOT_UNIQUE: 14,
  NO_SUCH_ROW: 15,
  AUTO_INC_OVERFLOW: 16,
  WOULD_BLOCK_TRANSACTION: 17,
  TRANSACTION_NOT_ANONYMOUS: 18,
  TRANSACTION_IS_READ_ONLY: 19,
  TRANSACTION_IS_MUT: 20,
  HTTP_ERROR: 21,
} as const;

/** strerror texts, upstream `errno.rs`. */
export const ERRNO_MESSAGE: Record<number, string> = {
  1: 'ABI called by host returned an error',
  2: 'ABI call can only be made while in a transaction',
  3: "Couldn't decode the BSATN to the expected type",
  4: 'No such table',
  5: 'No such index',
  6: 'The provided row iterator is not valid',
  7: 'The provided console timer does not exist',
  8: 'The provided bytes source or sink is not valid',
  9: 'The provided sink has no more space left',
  10: 'The index was not of the expected algorithm type',
  11: 'The provided buffer is not large enough to store the data',
  12: 'Value with given unique identifier already exists',
  13: 'Specified delay in scheduling row was too long',
  14: 'The index was not unique',
  15: 'The row was not found, e.g., in an update call',
  16: 'The auto-increment sequence overflowed',
  17: 'Attempted to create a mutable transaction while another mutable or read transaction is open',
  18: 'The transaction is not anonymous',
  19: 'The transaction is a read-only transaction',
  20: 'The transaction is a mutable transaction',
  21: 'The HTTP request failed',
};

/** A failure the host reports to the module as an errno (thrown as the module's own error class). */
export class HostError extends Error {
  readonly errno: number;
  constructor(errno: number, message = ERRNO_MESSAGE[errno] ?? `errno ${errno}`) {
    super(message);
    this.errno = errno;
    this.name = 'HostError';
  }
}

/** Rows one transaction inserted and deleted in one table (BSATN). Net: a row never appears in both. */
export type TableDelta = {
  tableId: number;
  inserts: Uint8Array[];
  deletes: Uint8Array[];
};

/** Only tables with changes appear, in table id order. */
export type TxDelta = TableDelta[];

export type WriteResult = {
  /** The row as stored (autoinc values filled in). */
  row: Uint8Array;
  /** BSATN of the generated autoinc values, in column order (empty if none). */
  generated: Uint8Array;
};

export type Datastore = {
  readonly schema: ModuleSchema;
  /** True between `begin` and `commit`/`rollback`. */
  readonly inTx: boolean;
  begin(): void;
  /** Ends the transaction and returns its net delta. */
  commit(): TxDelta;
  /** Undoes every write since `begin`. Sequences stay advanced. */
  rollback(): void;

  rowCount(tableId: number): bigint;
  /** Rows in table order (insertion order). */
  scanTable(tableId: number): Uint8Array[];
  /** `key` is BSATN of the full key (single value or concatenated columns). */
  scanPoint(indexId: number, key: Uint8Array): Uint8Array[];
  /** Upstream's `prefix ‖ rstart ‖ rend` encoding (`rendLen == 0` means rend = rstart). Rows in key order. */
  scanRange(indexId: number, buf: Uint8Array, prefixLen: number, prefixElems: number, rstartLen: number, rendLen: number): Uint8Array[];

  insert(tableId: number, row: Uint8Array): WriteResult;
  /** Finds the old row through unique index `indexId` by the new row's key, replaces it. */
  update(tableId: number, indexId: number, row: Uint8Array): WriteResult;
  deleteByPoint(indexId: number, key: Uint8Array): number;
  deleteByRange(indexId: number, buf: Uint8Array, prefixLen: number, prefixElems: number, rstartLen: number, rendLen: number): number;
  /** Deletes each row equal (whole-row BSATN) to one of `rows`. */
  deleteAllByEq(tableId: number, rows: Uint8Array[]): number;
  clear(tableId: number): bigint;
};
