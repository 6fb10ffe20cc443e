import type { Clock, Micros } from '../engine/clock.ts';

/**
 * Wall-clock time that holds still while an input runs, at the time the
 * input records. A live call and its replay in a fresh worker then read the
 * same time everywhere (reducer timestamp, schedules it creates, the
 * immediate reducers it triggers), which is what makes replay exact.
 */
export function createPinnedClock() {
  let pinned: Micros | undefined;
  let last = 0n;
  /** Never goes backwards, even if the system clock does. */
  const realNow = (): Micros => {
    const t = BigInt(Date.now()) * 1000n;
    if (t > last) last = t;
    return last;
  };
  const clock: Clock = {
    virtual: false,
    now: () => pinned ?? realNow(),
    set() {},
  };
  return {
    clock,
    realNow,
    /** Runs `fn` with the clock reading `at` throughout. */
    at<T>(at: Micros, fn: () => T): T {
      pinned = at;
      if (at > last) last = at;
      try {
        return fn();
      } finally {
        pinned = undefined;
      }
    },
  };
}
