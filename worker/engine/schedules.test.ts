import { describe, expect, it } from 'vitest';
import type { TxRecord } from './records.ts';
import { START, openTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { formatTimestamp as iso } from '../values/time.ts';

// Upstream crates/core/src/host/scheduler.rs: a row is queued when written; at fire time the row is
// re-read (a deleted row runs nothing); the call has sender = database identity, no connection id,
// timestamp = max(now, intended); afterwards a one-shot row is deleted in its own internal tx (also
// after a failure) and an interval row is re-queued at `next_interval_tick_after(last_intended)`.
const MODULE = `
import { schema, table, t, ScheduleAt, errors } from 'spacetimedb/server';
const tick = table({ name: 'tick' }, { scheduled_id: t.u64().primaryKey().autoInc(), scheduled_at: t.scheduleAt(), label: t.string() });
const fired = table({ name: 'fired', public: true }, {
  n: t.u64().primaryKey().autoInc(), label: t.string(), at: t.timestamp(), by_db: t.bool(), no_conn: t.bool(),
});
const spacetimedb = schema({ tick, fired });
export default spacetimedb;
export const on_tick = spacetimedb.reducer({ onSchedule: tick }, { arg: tick.rowType }, (ctx, { arg }) => {
  ctx.db.fired.insert({ n: 0n, label: arg.label, at: ctx.timestamp, by_db: ctx.sender.isEqual(ctx.identity), no_conn: ctx.connectionId === null });
  console.log('fired ' + arg.label);
  if (arg.label.startsWith('fail')) throw new Error('scheduled failure');
  if (arg.label.startsWith('again') && arg.label !== 'again0') {
    const next = ScheduleAt.time(ctx.timestamp.microsSinceUnixEpoch + 1_000_000n);
    ctx.db.tick.scheduled_id.update({ ...arg, scheduled_at: next, label: 'again' + (Number(arg.label.slice(5)) - 1) });
  }
});
export const move_then_fail = spacetimedb.reducer({ id: t.u64(), delay: t.i64() }, (ctx, { id, delay }) => {
  const row = ctx.db.tick.scheduled_id.find(id)!;
  ctx.db.tick.scheduled_id.update({ ...row, scheduled_at: ScheduleAt.time(ctx.timestamp.microsSinceUnixEpoch + delay) });
  throw new Error('not moving after all');
});
export const every = spacetimedb.reducer({ micros: t.i64(), label: t.string() }, (ctx, { micros, label }) => {
  const row = ctx.db.tick.insert({ scheduled_id: 0n, scheduled_at: ScheduleAt.interval(micros), label });
  console.log('id ' + row.scheduled_id);
});
export const once = spacetimedb.reducer({ delay: t.i64(), label: t.string() }, (ctx, { delay, label }) => {
  ctx.db.tick.insert({ scheduled_id: 0n, scheduled_at: ScheduleAt.time(ctx.timestamp.microsSinceUnixEpoch + delay), label });
});
export const cancel = spacetimedb.reducer({ id: t.u64() }, (ctx, { id }) => { console.log('deleted ' + ctx.db.tick.scheduled_id.delete(id)); });
export const try_interval = spacetimedb.reducer({ micros: t.i64() }, (ctx, { micros }) => {
  try {
    ctx.db.tick.insert({ scheduled_id: 0n, scheduled_at: ScheduleAt.interval(micros), label: 'long' });
    console.log('scheduled');
  } catch (e) {
    console.log((e as Error).name + ' ' + (e instanceof errors.ScheduleAtDelayTooLong) + ' ' + (e as Error).message);
  }
});
`;

const SEC = 1_000_000n;
const MAX_DELAY = ((1n << 36n) - 1n) * 1000n; // 2^36 - 1 ms, in micros (scheduler.rs MAX_SCHEDULE_DELAY)

type Fired = { n: number; label: string; at: string; by_db: boolean; no_conn: boolean };
const fired = (t: TestDatabase): Fired[] => t.rows('fired') as Fired[];
const kinds = (rs: TxRecord[]): string[] => rs.map(r => `${r.kind}:${r.reducer ?? '-'}:${r.outcome.status}`);
const since = (t: TestDatabase, n: number): TxRecord[] => t.records.slice(n);

describe('scheduled reducers', () => {
  it('runs an interval schedule first at insert time + interval, then on its grid, as the database', async () => {
    const t = await openTestDatabase(MODULE);
    t.call('every', [String(SEC), 'tick']);
    const mark = t.records.length;
    t.db.advance(3n * SEC + SEC / 2n);
    expect(kinds(since(t, mark))).toEqual(['scheduled:on_tick:committed', 'scheduled:on_tick:committed', 'scheduled:on_tick:committed']);
    const runs = since(t, mark);
    expect(runs.map(r => r.timestamp)).toEqual([START + SEC, START + 2n * SEC, START + 3n * SEC]);
    expect(runs.every(r => r.sender === t.db.databaseIdentity && r.connectionId === 0n)).toBe(true);
    expect(fired(t).map(f => [f.at, f.by_db, f.no_conn])).toEqual([1n, 2n, 3n].map(k => [iso(START + k * SEC), true, true]));
    expect(t.db.nextScheduleAt()).toBe(START + 4n * SEC);
    expect(t.rows('tick')).toHaveLength(1);
  });

  // scheduler.rs next_interval_tick_after: missed ticks are skipped, the grid does not drift.
  it('skips missed interval ticks and stays on the grid', async () => {
    const t = await openTestDatabase(MODULE);
    t.call('every', [String(SEC), 'tick']);
    const mark = t.records.length;
    t.clock.set(START + 5n * SEC + SEC / 2n);
    t.db.runDue();
    expect(since(t, mark).map(r => r.timestamp)).toEqual([START + 5n * SEC + SEC / 2n]);
    expect(t.db.nextScheduleAt()).toBe(START + 6n * SEC);
    t.db.advance(SEC / 2n);
    expect(since(t, mark).map(r => r.timestamp)).toEqual([START + 5n * SEC + SEC / 2n, START + 6n * SEC]);
  });

  it('runs a one-shot schedule once at its time, then deletes the row in a separate record', async () => {
    const t = await openTestDatabase(MODULE);
    t.call('once', [String(2n * SEC), 'later']);
    const mark = t.records.length;
    t.db.advance(SEC);
    expect(since(t, mark)).toEqual([]);
    t.db.advance(5n * SEC);
    const [run, cleanup] = since(t, mark);
    expect(kinds(since(t, mark))).toEqual(['scheduled:on_tick:committed', 'schedule-cleanup:-:committed']);
    expect(run!.timestamp).toBe(START + 2n * SEC);
    expect(cleanup!.sender).toBe(t.db.databaseIdentity);
    expect(cleanup!.delta).toHaveLength(1);
    expect(cleanup!.delta[0]!.deletes).toHaveLength(1);
    expect(cleanup!.delta[0]!.inserts).toHaveLength(0);
    expect(t.rows('tick')).toEqual([]);
    expect(fired(t).map(f => f.label)).toEqual(['later']);
    expect(t.db.pendingSchedules()).toEqual([]);
  });

  it('deletes a one-shot row even when its reducer fails, keeping none of the reducer writes', async () => {
    const t = await openTestDatabase(MODULE);
    t.call('once', [String(SEC), 'fail-once']);
    const mark = t.records.length;
    t.db.advance(2n * SEC);
    expect(kinds(since(t, mark))).toEqual(['scheduled:on_tick:failed', 'schedule-cleanup:-:committed']);
    expect(since(t, mark)[0]!.logs.map(l => l.message)).toEqual(['fired fail-once']);
    expect(t.rows('tick')).toEqual([]);
    expect(fired(t)).toEqual([]);
  });

  it('keeps an interval row and its schedule when a run fails', async () => {
    const t = await openTestDatabase(MODULE);
    t.call('every', [String(SEC), 'fail-every']);
    const mark = t.records.length;
    t.db.advance(2n * SEC);
    expect(kinds(since(t, mark))).toEqual(['scheduled:on_tick:failed', 'scheduled:on_tick:failed']);
    expect(t.rows('tick')).toHaveLength(1);
    expect(t.db.nextScheduleAt()).toBe(START + 3n * SEC);
  });

  it('cancels a schedule when its row is deleted before it fires', async () => {
    const t = await openTestDatabase(MODULE);
    t.call('once', [String(2n * SEC), 'never']);
    const id = (t.rows('tick')[0] as { scheduled_id: number }).scheduled_id;
    expect(t.call('cancel', [id]).logs.map(l => l.message)).toEqual(['deleted true']);
    const mark = t.records.length;
    t.db.advance(10n * SEC);
    expect(since(t, mark)).toEqual([]);
    expect(fired(t)).toEqual([]);
  });

  it('fires a time in the past on the next runDue, with the current time as timestamp', async () => {
    const t = await openTestDatabase(MODULE);
    t.call('once', [String(-5n * SEC), 'late']);
    const mark = t.records.length;
    t.db.runDue();
    expect(kinds(since(t, mark))).toEqual(['scheduled:on_tick:committed', 'schedule-cleanup:-:committed']);
    expect(since(t, mark)[0]!.timestamp).toBe(START);
    expect(fired(t).map(f => [f.label, f.at])).toEqual([['late', iso(START)]]);
  });

  // scheduler.rs: a queue entry carries the row's hash; at fire time and at cleanup an entry
  // whose row changed since it was queued is stale and does nothing.
  it('keeps a one-shot row that its own run re-scheduled by updating it', async () => {
    const t = await openTestDatabase(MODULE);
    t.call('once', [String(SEC), 'again2']);
    const mark = t.records.length;
    t.db.advance(10n * SEC);
    expect(kinds(since(t, mark))).toEqual([
      'scheduled:on_tick:committed',
      'scheduled:on_tick:committed',
      'scheduled:on_tick:committed',
      'schedule-cleanup:-:committed',
    ]);
    expect(fired(t).map(f => [f.label, f.at])).toEqual([
      ['again2', iso(START + SEC)],
      ['again1', iso(START + 2n * SEC)],
      ['again0', iso(START + 3n * SEC)],
    ]);
    expect(t.rows('tick')).toEqual([]);
  });

  it('ignores the queue entry of an update that rolled back', async () => {
    const t = await openTestDatabase(MODULE);
    t.call('once', [String(10n * SEC), 'on time']);
    const id = (t.rows('tick')[0] as { scheduled_id: number }).scheduled_id;
    expect(t.call('move_then_fail', [id, String(2n * SEC)]).outcome.status).toBe('failed');
    const mark = t.records.length;
    t.db.advance(5n * SEC);
    expect(since(t, mark)).toEqual([]);
    t.db.advance(5n * SEC);
    expect(kinds(since(t, mark))).toEqual(['scheduled:on_tick:committed', 'schedule-cleanup:-:committed']);
    expect(fired(t).map(f => [f.label, f.at])).toEqual([['on time', iso(START + 10n * SEC)]]);
  });

  it('refuses a delay of 2^36-1 ms or more with errors.ScheduleAtDelayTooLong (13)', async () => {
    const t = await openTestDatabase(MODULE);
    const msg = (r: TxRecord) => r.logs.map(l => l.message);
    expect(msg(t.call('try_interval', [String(MAX_DELAY)]))).toEqual([
      'ScheduleAtDelayTooLong true Specified delay in scheduling row was too long',
    ]);
    // instance_env.rs `insert`: the row is inserted before `schedule_row` fails and stays in the
    // tx, so a caught error leaves an unscheduled row behind.
    expect(t.rows('tick')).toHaveLength(1);
    expect(t.db.pendingSchedules()).toEqual([]);
    expect(msg(t.call('try_interval', [String(MAX_DELAY - 1n)]))).toEqual(['scheduled']);
    expect(t.db.pendingSchedules().map(e => e.at)).toEqual([START + MAX_DELAY - 1n]);
    const r = t.call('once', [String(MAX_DELAY), 'far']);
    expect(r.outcome.status).toBe('failed');
    if (r.outcome.status === 'failed' && r.outcome.kind === 'internal') expect(r.outcome.detail).toContain('ScheduleAtDelayTooLong');
    expect(t.rows('tick').map(x => (x as { label: string }).label)).toEqual(['long', 'long']);
    expect(t.call('once', [String(MAX_DELAY - 1n), 'far']).outcome).toEqual({ status: 'committed' });
  });
});
