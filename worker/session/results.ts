import type { Diagnostic } from '../build/build.ts';
import type { JournalEntry } from './journal.ts';
import type { TxView } from './views.ts';

/** Why a request was not carried out. Dispatch on `code`: classes do not survive comlink. */
export type HostFailure =
  | { code: 'compile'; message: string; diagnostics: Diagnostic[] }
  /** Publishing over the running database would lose data: upstream's reasons, one per line; publishing fresh clears it. */
  | { code: 'migration'; message: string; reasons: string[] }
  | {
      code:
        | 'load'
        | 'init'
        | 'no-module'
        | 'no-such-reducer'
        | 'no-such-table'
        | 'bad-args'
        | 'not-connected'
        /** An SQL statement that did not parse, type-check or run. */
        | 'sql'
        /** A live query that did not compile. */
        | 'subscription'
        /** The client bindings for SDK clients did not build. */
        | 'bindings'
        /** The page's watchdog gave up on the engine and restarted it. */
        | 'timeout'
        /** The call was queued on an engine that was restarted before it ran. */
        | 'restarted'
        /** The engine's worker failed to start or crashed. */
        | 'crashed'
        /** The user cancelled it: the engine was restarted from the last committed state. */
        | 'cancelled'
        /** The browser's storage refused a write (full, or failing); nothing was changed. */
        | 'storage';
      message: string;
    };

export type Failure = { ok: false; error: HostFailure };

export const fail = (
  code: Exclude<HostFailure['code'], 'compile' | 'migration'>,
  message: string
): Failure => ({ ok: false, error: { code, message } });

/**
 * An input the engine ran. `tx` is its transaction (a reducer's outcome,
 * failures included), null when it ran nothing (e.g. no lifecycle reducer).
 */
export type InputResult =
  | { ok: true; entry: JournalEntry; tx: TxView | null }
  | Failure;
