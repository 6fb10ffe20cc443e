import type { SourceFiles } from '../build/build.ts';
import type { Micros } from '../engine/clock.ts';
import type { DataBase } from './carry.ts';

/**
 * One input the engine executed, with the time it ran at. The engine is
 * deterministic given timestamps, so replaying the same inputs at the same
 * times into a fresh worker rebuilds the same state. Connection ids are
 * recorded where a client may hold several connections (SDK clients, a
 * second tab of the same identity); without one, the client's newest
 * connection is meant.
 */
export type Input =
  /** `base`: the data a publish over a running database carried over (no `init` runs then). */
  | { kind: 'publish'; at: Micros; base?: DataBase }
  | { kind: 'connect'; client: string; connectionId?: bigint; at: Micros }
  | { kind: 'disconnect'; client: string; connectionId?: bigint; at: Micros }
  /** `as: null` is the database owner; `args` is the BSATN the reducer received. */
  | { kind: 'call'; reducer: string; args: Uint8Array; as: string | null; connectionId?: bigint; at: Micros }
  /** An SQL statement that wrote (DML); reads are not journaled. `as: null` is the owner. */
  | { kind: 'sql'; text: string; as: string | null; at: Micros }
  /** The schedule timer fired: every schedule due at `at` ran. */
  | { kind: 'tick'; at: Micros };

/**
 * An input and where it sits: `session` is the publish time of the module
 * version it ran against, `index` its position in that session (0 = the
 * publish). The pair lets a journal drop repeats and stale entries.
 */
export type JournalEntry = { session: Micros; index: number; input: Input };

/** Everything needed to rebuild a session in a fresh worker. `inputs[0]` is the publish. */
export type Journal = { files: SourceFiles; entry: string; inputs: Input[] };
