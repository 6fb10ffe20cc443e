// A schedule inside the database: every hour, count the cards completed on
// each day and store the totals in `metric`.
import { ScheduleAt, SenderError } from 'spacetimedb/server';
import type { Timestamp } from 'spacetimedb';
import spacetimedb, { metricTimer } from './schema';

const ROLLUP_EVERY_MICROS = 60n * 60n * 1_000_000n; // one hour

// Runs once, when the database is first published: start the schedule.
export const init = spacetimedb.init(ctx => {
  ctx.db.metricTimer.insert({
    scheduled_id: 0n, // assigned by autoInc
    scheduled_at: ScheduleAt.interval(ROLLUP_EVERY_MICROS),
  });
});

/** The UTC calendar day of a timestamp, e.g. '2025-01-31'. */
function dayOf(timestamp: Timestamp) {
  return timestamp.toDate().toISOString().slice(0, 10);
}

export const rollup_metrics = spacetimedb.reducer(
  { onSchedule: metricTimer },
  { timer: metricTimer.rowType },
  ctx => {
    // The scheduler calls as the database itself; nobody else may.
    if (!ctx.sender.isEqual(ctx.databaseIdentity)) {
      throw new SenderError('rollup_metrics runs only on its schedule');
    }
    const completed = new Map<string, number>();
    for (const card of ctx.db.card.iter()) {
      if (card.state !== 'done' || !card.completed_at) continue;
      const day = dayOf(card.completed_at);
      completed.set(day, (completed.get(day) ?? 0) + 1);
    }
    // A day whose cards all left 'done' again counts zero.
    for (const row of ctx.db.metric.iter()) {
      if (!completed.has(row.day)) completed.set(row.day, 0);
    }
    for (const [day, cards_completed] of completed) {
      const existing = ctx.db.metric.day.find(day);
      if (!existing) {
        ctx.db.metric.insert({ day, cards_completed });
      } else if (existing.cards_completed !== cards_completed) {
        ctx.db.metric.day.update({ day, cards_completed });
      }
    }
  }
);
