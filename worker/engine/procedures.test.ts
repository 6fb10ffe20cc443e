import { describe, expect, it } from 'vitest';
import { createRealClock } from './clock.ts';
import { openDatabase } from './database.ts';
import type { TxRecord } from './records.ts';
import { encodeArgs } from '../scenario/args.ts';
import { compile, openTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { decodeRowJson, type Json } from '../values/json-codec.ts';

const MODULE = `
import { schema, table, t, errors } from 'spacetimedb/server';
import { BinaryWriter } from 'spacetimedb';
import * as sys from 'spacetime:sys@2.0';
const note = table({ name: 'note', public: true }, { id: t.u64().primaryKey().autoInc(), text: t.string(), by_db: t.bool() });
const spacetimedb = schema({ note });
export default spacetimedb;

export const add_two = spacetimedb.procedure({ a: t.i32(), b: t.i32() }, t.i32(), (_ctx, { a, b }) => a + b);
export const write = spacetimedb.procedure({ text: t.string() }, t.u64(), (ctx, { text }) =>
  ctx.withTx(tx => tx.db.note.insert({ id: 0n, text, by_db: false }).id));
export const write_then_throw = spacetimedb.procedure({ text: t.string() }, t.string(), (ctx, { text }) => {
  try {
    ctx.withTx(tx => { tx.db.note.insert({ id: 0n, text, by_db: false }); throw new Error('abort ' + text); });
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
});
export const throw_uncaught = spacetimedb.procedure(t.unit(), ctx => {
  ctx.withTx(tx => { tx.db.note.insert({ id: 0n, text: 'lost', by_db: false }); });
  throw new Error('after the commit');
});
export const fetch_it = spacetimedb.procedure({ url: t.string() }, t.string(), (ctx, { url }) => {
  try {
    ctx.http.fetch(url);
    return 'fetched';
  } catch (e) {
    return (e as Error).name + ' ' + (e instanceof errors.HttpError) + ': ' + (e as Error).message;
  }
});
export const note_it = spacetimedb.reducer({ text: t.string() }, (ctx, { text }) => {
  ctx.db.note.insert({ id: 0n, text, by_db: ctx.sender.isEqual(ctx.identity) && ctx.connectionId === null });
});
export const kick = spacetimedb.reducer({ text: t.string(), fail: t.bool() }, (ctx, { text, fail }) => {
  const w = new BinaryWriter(64);
  w.writeString(text);
  sys.volatile_nonatomic_schedule_immediate('note_it', w.getBuffer());
  ctx.db.note.insert({ id: 0n, text: 'kick ' + text, by_db: false });
  if (fail) throw new Error('kick failed');
});
export const whoami = spacetimedb.reducer(ctx => {
  const jwt = ctx.senderAuth.jwt;
  console.log(jwt ? 'sub=' + jwt.subject + ' iss=' + jwt.issuer + ' aud=' + jwt.audience.join(',') : 'no jwt');
});
export const chatty = spacetimedb.reducer(ctx => {
  console.time('work');
  console.log('plain', 42);
  console.info('info');
  console.warn('careful');
  console.error('bad');
  console.debug('dbg');
  console.timeEnd('work');
});
`;

function callProcedure(t: TestDatabase, name: string, args: unknown): { record: TxRecord; value: Json | undefined } {
  const p = t.db.findProcedure(name)!;
  const { record, result } = t.db.callProcedure(name, encodeArgs(p.params, p.paramsType, t.db.schema.typespace, args, () => undefined));
  const value = result && decodeRowJson({ elements: [{ name: 'value', algebraicType: p.returnType }] }, t.db.schema.typespace, result).value;
  return { record, value };
}
const texts = (t: TestDatabase): string[] => t.rows('note').map(r => (r as { text: string }).text);

describe('procedures and host services', () => {
  it('returns a procedure value, BSATN-encoded with its return type', async () => {
    const t = await openTestDatabase(MODULE);
    const { record, value } = callProcedure(t, 'add_two', [40, 2]);
    expect(record.kind).toBe('procedure');
    expect(record.outcome).toEqual({ status: 'committed' });
    expect(value).toBe(42);
  });

  it('commits ctx.withTx like a reducer: rows visible, one record carrying the delta', async () => {
    const t = await openTestDatabase(MODULE);
    const { record, value } = callProcedure(t, 'write', ['hello']);
    expect(value).toBe(1);
    expect(texts(t)).toEqual(['hello']);
    expect(record.delta.map(d => [t.db.schema.tables[d.tableId]!.name, d.inserts.length, d.deletes.length])).toEqual([['note', 1, 0]]);
  });

  it('rolls back a withTx body that throws', async () => {
    const t = await openTestDatabase(MODULE);
    const { record, value } = callProcedure(t, 'write_then_throw', ['gone']);
    expect(value).toBe('abort gone');
    expect(record.delta).toEqual([]);
    expect(texts(t)).toEqual([]);
  });

  it('keeps what a withTx committed when the procedure throws afterwards', async () => {
    const t = await openTestDatabase(MODULE);
    const { record, value } = callProcedure(t, 'throw_uncaught', []);
    expect(value).toBeUndefined();
    expect(record.outcome.status).toBe('failed');
    expect(texts(t)).toEqual(['lost']);
  });

  it('refuses outbound HTTP with errors.HttpError (21) saying there is no network', async () => {
    const t = await openTestDatabase(MODULE);
    const { value } = callProcedure(t, 'fetch_it', ['https://example.com/data']);
    expect(value).toMatch(/^HttpError true: .*no network/);
    expect(value).toContain('https://example.com/data');
  });

  // v8/syscall/v2.rs volatile_nonatomic_schedule_immediate + scheduler.rs QueueItem::VolatileNonatomicImmediate:
  // runs after the current call, outside its tx, as the database, whether or not the caller commits.
  it.each([false, true])('runs volatile_nonatomic_schedule_immediate after the call as the database (caller fails: %s)', async fail => {
    const t = await openTestDatabase(MODULE);
    const mark = t.records.length;
    t.call('kick', ['later', fail]);
    const [caller, immediate] = t.records.slice(mark);
    expect(caller!.kind).toBe('reducer');
    expect(caller!.outcome.status).toBe(fail ? 'failed' : 'committed');
    expect(immediate!.kind).toBe('immediate');
    expect(immediate!.reducer).toBe('note_it');
    expect(immediate!.sender).toBe(t.db.databaseIdentity);
    expect(immediate!.connectionId).toBe(0n);
    // id 2 either way: a rolled-back insert still used id 1 (sequences are not rolled back).
    expect(t.rows('note')).toEqual([...(fail ? [] : [{ id: 1, text: 'kick later', by_db: false }]), { id: 2, text: 'later', by_db: true }]);
  });

  it('reads the JWT of a connected client through ctx.senderAuth (get_jwt_payload)', async () => {
    const t = await openTestDatabase(MODULE);
    const { caller } = t.connect('alice');
    expect(t.call('whoami', [], caller).logs.map(l => l.message)).toEqual(['sub=alice iss=localhost aud=spacetimedb']);
    expect(t.call('whoami').logs.map(l => l.message)).toEqual(['no jwt']);
  });

  it('records console output with levels and console.time spans in the call record', async () => {
    const t = await openTestDatabase(MODULE);
    const r = t.call('chatty');
    expect(r.logs.slice(0, 5)).toEqual([
      { level: 'info', message: 'plain 42' },
      { level: 'info', message: 'info' },
      { level: 'warn', message: 'careful' },
      { level: 'error', message: 'bad' },
      { level: 'debug', message: 'dbg' },
    ]);
    expect(r.logs[5]).toEqual({ level: 'info', message: 'Timing span "work": 0ns' });
  });

  it('times console spans with a real clock too', async () => {
    const { prelude, code } = await compile(MODULE);
    const db = openDatabase({ prelude, code, clock: createRealClock() });
    db.publish();
    const r = db.callReducer('chatty', new Uint8Array(0));
    expect(r.outcome).toEqual({ status: 'committed' });
    expect(r.logs[5]!.message).toMatch(/^Timing span "work": \d+(\.\d+)?(ns|µs|ms|s)$/);
  });
});
