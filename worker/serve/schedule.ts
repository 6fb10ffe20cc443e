/**
 * Schedules on the real clock: one timer armed for the next schedule due,
 * re-armed (once per microtask) after every transaction.
 */
import type { Database } from '../engine/database.ts';

export type ScheduleTimer = {
  /** Clears the timer and never arms it again. */
  stop(): void;
};

export function startScheduleTimer(db: Database, log: (line: string) => void): ScheduleTimer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let armPending = false;
  let stopped = false;
  const arm = (): void => {
    armPending = false;
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    const at = db.nextScheduleAt();
    if (at === undefined) return;
    const delayMs = Math.max(0, Math.min(2 ** 31 - 1, Number((at - db.now()) / 1000n)));
    timer = setTimeout(() => {
      timer = undefined;
      try {
        db.runDue();
      } catch (e) {
        log(`schedule error: ${e instanceof Error ? e.message : String(e)}`);
      }
      arm();
    }, delayMs);
  };
  db.onTransaction(() => {
    if (!armPending) {
      armPending = true;
      queueMicrotask(arm);
    }
  });
  arm();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
