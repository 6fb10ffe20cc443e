/**
 * The types a `Database` is opened and called with: its options, who makes
 * a call, an open connection, and the state an update publish carries in.
 */
import type { SequenceState } from '../db/datastore.ts';
import type { Clock } from './clock.ts';

export type DatabaseOptions = {
  /** The library prelude (`buildPrelude`). */
  prelude: string;
  /** The compiled module (`buildModule`). */
  code: string;
  /** Its source map, so internal errors point into the module's own files. */
  sourceMap?: string;
  clock: Clock;
  /** Database name; also seeds the database identity. */
  name?: string;
  /** The owner's identity; defaults to the identity of the `owner` subject. */
  owner?: bigint;
};

/** Who makes a call: identity plus connection id (0n for none). */
export type Caller = { identity: bigint; connectionId: bigint };

export type ConnectedClient = Caller & { jwtPayload?: string };

/** A running database's state handed to the next module version: rows by table id of the new schema. */
export type Carry = { rows: Uint8Array[][]; sequences: SequenceState[]; connections: ConnectedClient[] };
