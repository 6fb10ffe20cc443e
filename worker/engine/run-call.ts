import type { Datastore, TxDelta } from '../db/datastore-types.ts';
import type { ModuleInstance } from '../runtime/instance.ts';
import { INTERNAL_ERROR_MESSAGE, type Outcome } from './records.ts';

export type CallResult = { outcome: Outcome; delta: TxDelta; durationMs: number };

const now = (): number => performance.now();

/** The real exception, for the owner: stack when there is one, else its string form. */
export function describeThrown(e: unknown): string {
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  try {
    return typeof e === 'object' ? JSON.stringify(e) : String(e);
  } catch {
    return String(e);
  }
}

/**
 * Runs one module function in its own transaction with upstream's outcome
 * mapping (crates/core/src/host/wasm_common/module_host_actor.rs): return →
 * commit; `SenderError` → user failure with its message; anything else, or a
 * return value other than `undefined` → internal failure. Any failure rolls
 * back every write.
 */
export function runInTx(
  instance: ModuleInstance,
  store: Datastore,
  fn: () => unknown,
  opts: { requireUndefined: boolean; afterCommit?: () => void } = { requireUndefined: true }
): CallResult {
  const start = now();
  store.begin();
  try {
    const ret = instance.run(fn);
    if (opts.requireUndefined && ret !== undefined) {
      throw new TypeError('Reducer returned a value other than `undefined`');
    }
  } catch (e) {
    store.rollback();
    return { outcome: failure(instance, e), delta: [], durationMs: now() - start };
  }
  const delta = store.commit();
  return { outcome: { status: 'committed' }, delta, durationMs: now() - start };
}

export function failure(instance: ModuleInstance, e: unknown): Outcome {
  const SenderError = instance.hooks.__sender_error_class__;
  if (e instanceof SenderError) return { status: 'failed', kind: 'sender', message: String(e.message) };
  return { status: 'failed', kind: 'internal', message: INTERNAL_ERROR_MESSAGE, detail: instance.mapStack(describeThrown(e)) };
}
