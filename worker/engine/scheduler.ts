/**
 * Schedule tables (upstream crates/core/src/host/scheduler.rs): writing a row
 * queues it at write time, non-transactionally, together with the row as
 * written (upstream keeps its hash). At fire time the row is re-read by id;
 * a deleted row (cancelled, or never committed) or a row that changed since
 * the entry was queued runs nothing: the entry is stale. After a run, an
 * unchanged interval row re-fires on its grid, skipping missed ticks, and an
 * unchanged one-shot row is deleted, even when the reducer failed.
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
  /** The row (BSATN) as it was when queued; the entry is stale once the stored row differs. */
  row: Uint8Array;
};

/** `≥ 2^36 − 1` ms is refused with errno 13 (SCHEDULE_AT_DELAY_TOO_LONG). */
export const MAX_SCHEDULE_DELAY_MICROS = ((1n << 36n) - 1n) * 1000n;

export function sameRow(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function createScheduler() {
  // Entries per row key; `order` breaks ties between entries due at the same time (first queued first).
  const byKey = new Map<string, QueueEntry[]>();
  const order = new WeakMap<QueueEntry, number>();
  let seq = 0;
  const keyOf = (tableId: number, id: bigint): string => `${tableId}:${id}`;
  const add = (e: QueueEntry): void => {
    const key = keyOf(e.tableId, e.id);
    const list = byKey.get(key) ?? [];
    // The same row queued twice for the same time would run twice; keep one.
    if (list.some(x => x.at === e.at && sameRow(x.row, e.row))) return;
    order.set(e, seq++);
    list.push(e);
    byKey.set(key, list);
  };
  const all = (): QueueEntry[] => [...byKey.values()].flat();
  const earlier = (a: QueueEntry, b: QueueEntry): boolean => a.at < b.at || (a.at === b.at && order.get(a)! < order.get(b)!);
  return {
    /** Queues a row as written; `now` is max(call timestamp, clock). Returns false if the delay is too long. */
    schedule(tableId: number, id: bigint, at: ScheduleAtValue, now: Micros, row: Uint8Array): boolean {
      const when = at.tag === 'Interval' ? now + at.micros : at.micros;
      if (when - now >= MAX_SCHEDULE_DELAY_MICROS) return false;
      add({ tableId, id, at: when, interval: at.tag === 'Interval' ? at.micros : undefined, row: row.slice() });
      return true;
    },
    /** The earliest entry due at or before `now`, removed from the queue; ties by insertion order. */
    takeDue(now: Micros): QueueEntry | undefined {
      let best: QueueEntry | undefined;
      for (const list of byKey.values()) for (const e of list) if (e.at <= now && (!best || earlier(e, best))) best = e;
      if (best) {
        const key = keyOf(best.tableId, best.id);
        const rest = byKey.get(key)!.filter(e => e !== best);
        if (rest.length) byKey.set(key, rest);
        else byKey.delete(key);
      }
      return best;
    },
    /** Re-queues an interval entry (whose row is unchanged) at its next tick strictly after `now` (`next_interval_tick_after`). */
    reschedule(entry: QueueEntry, now: Micros): void {
      if (entry.interval === undefined) return;
      // Upstream takes |interval|; a zero interval would re-fire at once forever, so it becomes 1 µs.
      const period = entry.interval > 0n ? entry.interval : entry.interval < 0n ? -entry.interval : 1n;
      let next = entry.at + period;
      if (next <= now) next += ((now - next) / period + 1n) * period;
      add({ ...entry, at: next });
    },
    /** Time of the next entry, for a real clock's timer. */
    nextAt(): Micros | undefined {
      let min: Micros | undefined;
      for (const list of byKey.values()) for (const e of list) if (min === undefined || e.at < min) min = e.at;
      return min;
    },
    clear(): void {
      byKey.clear();
    },
    /** Pending entries, earliest first (the UI's schedule view); stale ones stay until they fall due. */
    pending(): QueueEntry[] {
      return all().sort((a, b) => (earlier(a, b) ? -1 : earlier(b, a) ? 1 : 0));
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
