import { afterAll, expect, it } from 'vitest';
import { createHost, type HostEvent, type Input } from './api.ts';
import { esbuild, loadPrelude } from './node/esbuild.ts';

const TICKER = {
  'index.ts': `
import { schema, table, t, ScheduleAt } from 'spacetimedb/server';
const hit = table({ name: 'hit', public: true }, { n: t.u32().primaryKey(), at: t.timestamp() });
const timer = table({ name: 'timer' }, { id: t.u64().primaryKey().autoInc(), at: t.scheduleAt() });
const spacetimedb = schema({ hit, timer });
export default spacetimedb;
export const start = spacetimedb.reducer(ctx => {
  ctx.db.timer.insert({ id: 0n, at: ScheduleAt.interval(20_000n) });
});
export const fire = spacetimedb.reducer({ onSchedule: timer }, { timer: timer.rowType }, ctx => {
  ctx.db.hit.insert({ n: Number(ctx.db.hit.count()), at: ctx.timestamp });
});
`,
};

afterAll(() => esbuild.stop());

it('runs due schedules on the real clock and journals each tick for replay', async () => {
  const prelude = await loadPrelude();
  const host = createHost({ esbuild, prelude });
  const events: HostEvent[] = [];
  const unsubscribe = host.onEvent(e => events.push(e));
  const published = await host.publish(TICKER, 'index.ts');
  if (!published.ok) throw new Error(JSON.stringify(published.error));
  host.callReducer('start', '[]');
  await new Promise(resolve => setTimeout(resolve, 150));
  host.reset();
  unsubscribe();

  const inputs: Input[] = events.flatMap(e => (e.type === 'input' && published.ok && e.entry.session === published.session ? [e.entry.input] : []));
  const ticks = inputs.filter(i => i.kind === 'tick');
  expect(ticks.length).toBeGreaterThanOrEqual(2);
  const live = events.flatMap(e => (e.type === 'tx' && e.tx.reducer === 'fire' ? [e.tx.timestamp] : []));

  const replica = createHost({ esbuild, prelude });
  expect((await replica.restore({ files: TICKER, entry: 'index.ts', inputs })).ok).toBe(true);
  const rows = replica.rows('hit');
  if (!rows.ok) throw new Error(rows.error.message);
  expect(rows.rows.map(r => (r as { at: string }).at)).toEqual(live);
  replica.reset();
});
