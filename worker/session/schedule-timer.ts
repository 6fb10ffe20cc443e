import type { Micros } from '../engine/clock.ts';
import type { Database } from '../engine/database.ts';

// Captured at load: while module code runs, the realm guard hides timers.
const setTimer = globalThis.setTimeout;
const clearTimer = globalThis.clearTimeout;
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * One real-time timer for the database's next due schedule. When it fires,
 * `tick(at)` runs the due schedules as an input; `live()` false (a replay in
 * progress) keeps it disarmed.
 */
export function createScheduleTimer(
  db: Database,
  realNow: () => Micros,
  live: () => boolean,
  tick: (at: Micros) => void
) {
  let timer: ReturnType<typeof setTimer> | undefined;
  let stopped = false;

  function arm(): void {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    const next = db.nextScheduleAt();
    if (next === undefined || stopped || !live()) return;
    const delayMs = Number((next - realNow() + 999n) / 1000n);
    timer = setTimer(fire, Math.min(Math.max(delayMs, 0), MAX_DELAY_MS));
  }

  function fire(): void {
    timer = undefined;
    const at = realNow();
    const next = db.nextScheduleAt();
    if (next !== undefined && next <= at) tick(at);
    else arm();
  }

  return {
    arm,
    stop(): void {
      stopped = true;
      if (timer !== undefined) clearTimer(timer);
    },
  };
}
