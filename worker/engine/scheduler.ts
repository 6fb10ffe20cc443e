/**
 * Schedule tables (upstream crates/core/src/host/scheduler.rs): writing a row
 * queues it at write time, non-transactionally; at fire time the row is
 * re-read by id, so a deleted (or never committed) row runs nothing.
 * Interval rows stay and re-fire on their grid, skipping missed ticks;
 * one-shot rows are deleted after running, even when the reducer failed.
 */
import type { Micros } from './clock.ts';

export type ScheduleAtValue = { tag: 'Interval'; micros: bigint } | { tag: 'Time'; micros: bigint };

export type QueueEntry = {
  tableId: number;
  /** The row's u64 primary key (`scheduled_id`). */
  id: bigint;
  /** When it should run. */
  at: Micros;
  /** Set for `Interval` rows: the period. */
  interval: bigint | undefined;
};

/** `≥ 2^36 − 1` ms is refused with errno 13 (SCHEDULE_AT_DELAY_TOO_LONG). */
export const MAX_SCHEDULE_DELAY_MICROS = ((1n << 36n) - 1n) * 1000n;

export function createScheduler() {
  const entries = new Map<string, QueueEntry>();
  const keyOf = (tableId: number, id: bigint): string => `${tableId}:${id}`;
  return {
    /** Queues (or re-queues) a row; `now` is max(call timestamp, clock). Returns false if the delay is too long. */
    schedule(tableId: number, id: bigint, at: ScheduleAtValue, now: Micros): boolean {
      const when = at.tag === 'Interval' ? now + at.micros : at.micros;
      if (when - now >= MAX_SCHEDULE_DELAY_MICROS) return false;
      entries.set(keyOf(tableId, id), {
        tableId,
        id,
        at: when,
        interval: at.tag === 'Interval' ? at.micros : undefined,
      });
      return true;
    },
    /** The earliest entry due at or before `now`, removed from the queue; ties by insertion order. */
    takeDue(now: Micros): QueueEntry | undefined {
      let best: QueueEntry | undefined;
      for (const e of entries.values()) if (e.at <= now && (!best || e.at < best.at)) best = e;
      if (best) entries.delete(keyOf(best.tableId, best.id));
      return best;
    },
    /** Re-queues an interval entry at its next tick strictly after `now`, unless the row was re-scheduled meanwhile. */
    reschedule(entry: QueueEntry, now: Micros): void {
      if (entry.interval === undefined || entries.has(keyOf(entry.tableId, entry.id))) return;
      const period = entry.interval > 0n ? entry.interval : 1n;
      let next = entry.at + period;
      if (next <= now) next += ((now - next) / period + 1n) * period;
      entries.set(keyOf(entry.tableId, entry.id), { ...entry, at: next });
    },
    /** Time of the next entry, for a real clock's timer. */
    nextAt(): Micros | undefined {
      let min: Micros | undefined;
      for (const e of entries.values()) if (min === undefined || e.at < min) min = e.at;
      return min;
    },
    clear(): void {
      entries.clear();
    },
    /** Pending entries, earliest first (the UI's schedule view). */
    pending(): QueueEntry[] {
      return [...entries.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
