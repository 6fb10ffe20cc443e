import type { Divergence } from './compare.ts';
import type { History } from './entry.ts';
import { replayHistory, type CompiledModule } from './replay.ts';

export type DeterminismReport = {
  deterministic: boolean;
  /** Each entry whose replay differed: same module, same inputs, different result. */
  nondeterministic: Divergence[];
  replayed: number;
};

/**
 * Replays a history with the module version that recorded it: every
 * recorded delta (and outcome, and the set of entries) must come back
 * identical, and each difference is nondeterminism in the module (state
 * kept outside tables across databases, `Date.now()`, ...). Console output
 * is not compared: timers print wall-clock durations.
 */
export function checkDeterminism(history: History, module: CompiledModule): DeterminismReport {
  const result = replayHistory(history, module, { ignoreLogs: true });
  if (!result.sameModule) throw new Error(`checkDeterminism: the module is not the version that recorded the history (recorded ${history.header.moduleHash.slice(0, 12)}, given ${result.history.header.moduleHash.slice(0, 12)})`);
  return { deterministic: result.divergences.length === 0, nondeterministic: result.divergences, replayed: result.replayed };
}
