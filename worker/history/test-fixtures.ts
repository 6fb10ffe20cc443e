/**
 * Shared by the history tests (Node only): a module that uses every kind of
 * entry, a recorded database on a virtual clock, and a seeded workload.
 */
import { snapshot, type DatastoreSnapshot } from '../db/datastore.ts';
import { createVirtualClock } from '../engine/clock.ts';
import { openDatabase, type Caller } from '../engine/database.ts';
import { identityFromClaims, LOCAL_ISSUER } from '../engine/identity.ts';
import type { TxRecord } from '../engine/records.ts';
import { encodeArgs } from '../scenario/args.ts';
import { compile, START } from '../testing/test-db.ts';
import type { History } from './entry.ts';
import { historyHeader, recordHistory } from './recorder.ts';

export const SEC = 1_000_000n;

export const MODULE = `
import { schema, table, t, ScheduleAt, SenderError } from 'spacetimedb/server';
import { BinaryWriter } from 'spacetimedb';
import * as sys from 'spacetime:sys@2.0';
const item = table({ name: 'item', public: true }, {
  id: t.u64().primaryKey().autoInc(), label: t.string().index('btree'), n: t.u32(),
});
const note = table({ name: 'note' }, { id: t.u64().primaryKey().autoInc(), text: t.string(), at: t.timestamp() });
const seen = table({ name: 'seen' }, { conn: t.connectionId().primaryKey(), sub: t.string() });
const tick = table({ name: 'tick' }, { scheduled_id: t.u64().primaryKey().autoInc(), scheduled_at: t.scheduleAt(), label: t.string() });
const spacetimedb = schema({ item, note, seen, tick });
export default spacetimedb;
export const init = spacetimedb.init(ctx => { ctx.db.item.insert({ id: 0n, label: 'seed', n: 0 }); });
export const onConnect = spacetimedb.clientConnected(ctx => {
  const sub = ctx.senderAuth.jwt?.subject ?? '?';
  if (sub === 'banned') throw new SenderError('go away');
  ctx.db.seen.insert({ conn: ctx.connectionId!, sub });
});
export const onDisconnect = spacetimedb.clientDisconnected(ctx => { ctx.db.seen.conn.delete(ctx.connectionId!); });
export const add = spacetimedb.reducer({ label: t.string(), n: t.u32() }, (ctx, { label, n }) => {
  if (!label) throw new SenderError('empty label');
  ctx.db.item.insert({ id: 0n, label, n });
  //ADD_LOG
});
export const bump = spacetimedb.reducer({ id: t.u64() }, (ctx, { id }) => {
  const row = ctx.db.item.id.find(id);
  if (!row) throw new SenderError('no item ' + id);
  ctx.db.item.id.update({ ...row, n: row.n + 1 });
});
export const remove = spacetimedb.reducer({ id: t.u64() }, (ctx, { id }) => { ctx.db.item.id.delete(id); });
export const crash = spacetimedb.reducer({ label: t.string() }, (ctx, { label }) => {
  ctx.db.item.insert({ id: 0n, label, n: 1 });
  throw new Error('crashed on ' + label);
});
export const later = spacetimedb.reducer({ delay: t.i64(), label: t.string() }, (ctx, { delay, label }) => {
  ctx.db.tick.insert({ scheduled_id: 0n, scheduled_at: ScheduleAt.time(ctx.timestamp.microsSinceUnixEpoch + delay), label });
});
export const every = spacetimedb.reducer({ micros: t.i64(), label: t.string() }, (ctx, { micros, label }) => {
  ctx.db.tick.insert({ scheduled_id: 0n, scheduled_at: ScheduleAt.interval(micros), label });
});
export const on_tick = spacetimedb.reducer({ onSchedule: tick }, { arg: tick.rowType }, (ctx, { arg }) => {
  ctx.db.note.insert({ id: 0n, text: 'tick ' + arg.label + ' ' + ctx.random.uint32(), at: ctx.timestamp });
  console.log('tick ' + arg.label);
});
export const kick = spacetimedb.reducer({ text: t.string() }, (ctx, { text }) => {
  const w = new BinaryWriter(64);
  w.writeString(text);
  sys.volatile_nonatomic_schedule_immediate('note_it', w.getBuffer());
});
export const jot = spacetimedb.procedure({ text: t.string() }, t.u64(), (ctx, { text }) =>
  ctx.withTx(tx => tx.db.note.insert({ id: 0n, text, at: tx.timestamp }).id));
export const note_it = spacetimedb.reducer({ text: t.string() }, (ctx, { text }) => {
  ctx.db.note.insert({ id: 0n, text, at: ctx.timestamp });
});
`;

/** The module with edits applied: each [search, replace] must match. */
export function edited(...edits: [string, string][]): string {
  return edits.reduce((src, [a, b]) => {
    if (!src.includes(a)) throw new Error(`edit: "${a}" not in the module`);
    return src.replace(a, b);
  }, MODULE);
}

/** A published database recording its history from the publish on. */
export async function openRecorded(source: string = MODULE) {
  const module = await compile(source);
  const clock = createVirtualClock(START);
  const db = openDatabase({ prelude: module.prelude, code: module.code, clock });
  const history: History = { header: historyHeader(db, module.code), entries: [] };
  const records: TxRecord[] = [];
  /** The datastore right after each record: what seeking must reproduce. */
  const states: DatastoreSnapshot[] = [];
  db.onTransaction(r => {
    records.push(r);
    states.push(structuredClone(snapshot(db.store)));
  });
  recordHistory(db, { onEntry: e => history.entries.push(e) });
  db.publish();
  const clients = new Map<string, Caller>();
  return {
    db,
    clock,
    module,
    history,
    records,
    states,
    call(name: string, args: unknown = [], as?: string): TxRecord {
      const r = db.findReducer(name);
      const encoded = r ? encodeArgs(r.params, r.paramsType, db.schema.typespace, args, () => undefined) : new Uint8Array(0);
      return db.callReducer(name, encoded, as === undefined ? undefined : clients.get(as));
    },
    connect(name: string): TxRecord {
      const caller = { identity: identityFromClaims(LOCAL_ISSUER, name), connectionId: BigInt(clients.size + 1) * 1000n + 7n };
      clients.set(name, caller);
      return db.connect({ ...caller, jwtPayload: JSON.stringify({ iss: LOCAL_ISSUER, sub: name, aud: ['spacetimedb'] }) });
    },
    disconnect: (name: string) => db.disconnect(clients.get(name)!.connectionId),
  };
}

export type Recorded = Awaited<ReturnType<typeof openRecorded>>;

/** A fixed script touching every entry kind: connects (one refused), calls that commit, fail and are refused, schedules, immediates, SQL. */
export function runScript(t: Recorded): void {
  t.connect('alice');
  t.connect('banned');
  t.connect('bob');
  t.call('add', ['apple', 3], 'alice');
  t.call('add', ['', 1], 'bob');
  t.call('bump', [2], 'bob');
  t.call('bump', [99], 'bob');
  t.call('crash', ['boom'], 'alice');
  t.call('nope', [], 'alice');
  t.call('later', [String(2n * SEC), 'once'], 'alice');
  t.call('every', [String(SEC), 'beat'], 'bob');
  t.db.advance(3n * SEC + SEC / 2n);
  t.call('kick', ['hello'], 'alice');
  t.db.sql("UPDATE item SET n = 42 WHERE label = 'seed'");
  t.db.callProcedure('jot', new Uint8Array([2, 0, 0, 0, 0x68, 0x69])); // jot("hi")
  t.call('add', ['pear', 5], 'bob');
  t.disconnect('alice');
  t.db.advance(2n * SEC);
  t.call('remove', [1], 'bob');
}

/** `count` random calls (seeded), with time moving so schedules fire in between. */
export function runRandom(t: Recorded, count: number, seed = 7): void {
  let s = seed;
  const next = (n: number): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % n;
  t.connect('alice');
  t.connect('bob');
  for (let i = 0; i < count; i++) {
    const as = next(2) ? 'alice' : 'bob';
    const op = next(10);
    if (op < 3) t.call('add', [`l${next(5)}`, next(100)], as);
    else if (op < 5) t.call('bump', [1 + next(i + 2)], as);
    else if (op < 6) t.call('remove', [1 + next(i + 2)], as);
    else if (op < 7) t.call('crash', ['x'], as);
    else if (op < 8) t.call('later', [String(BigInt(next(3)) * SEC), `r${i}`], as);
    else if (op < 9) t.call('kick', [`k${i}`], as);
    else t.db.advance(BigInt(next(2000)) * 1000n);
  }
}
