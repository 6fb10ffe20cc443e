import type { Clock, Micros } from '../engine/clock.ts';

/**
 * The clock replay drives: `pin` puts it at an entry's recorded time (even
 * backwards, to reproduce a recording whose wall clock stepped back), and
 * the engine's own `set` moves it forward only, as a virtual clock does
 * while `runDue` walks through due schedules.
 */
export function createReplayClock(start: Micros) {
  let t = start;
  const clock: Clock = {
    virtual: true,
    now: () => t,
    set(next) {
      if (next > t) t = next;
    },
  };
  return {
    clock,
    pin(at: Micros): void {
      t = at;
    },
  };
}
