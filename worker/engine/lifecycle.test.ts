import { describe, expect, it } from 'vitest';
import { INTERNAL_ERROR_MESSAGE } from './records.ts';
import { openTestDatabase } from '../testing/test-db.ts';

const MODULE = `
import { schema, table, t, SenderError } from 'spacetimedb/server';
const seen = table({ name: 'seen', public: true }, { id: t.u64().primaryKey().autoInc(), who: t.identity(), what: t.string() });
const spacetimedb = schema({ seen });
export default spacetimedb;
export const init = spacetimedb.init(ctx => { ctx.db.seen.insert({ id: 0n, who: ctx.sender, what: 'init' }); });
export const onConnect = spacetimedb.clientConnected(ctx => {
  ctx.db.seen.insert({ id: 0n, who: ctx.sender, what: 'connect' });
  const jwt = ctx.senderAuth.jwt;
  if (jwt?.subject === 'mallory') throw new SenderError('mallory is not welcome');
});
export const onDisconnect = spacetimedb.clientDisconnected(ctx => { ctx.db.seen.insert({ id: 0n, who: ctx.sender, what: 'disconnect' }); });
export const ping = spacetimedb.reducer(ctx => { ctx.db.seen.insert({ id: 0n, who: ctx.sender, what: 'ping' }); });
`;

describe('lifecycle reducers', () => {
  it('runs init in the publish transaction as the owner', async () => {
    const t = await openTestDatabase(MODULE);
    expect(t.published.kind).toBe('publish');
    expect(t.published.outcome).toEqual({ status: 'committed' });
    expect(t.rows('seen')).toEqual([{ id: 1, who: '0x' + t.db.owner.toString(16).padStart(64, '0'), what: 'init' }]);
  });

  it('refuses a connection when clientConnected throws, keeping none of its writes', async () => {
    const t = await openTestDatabase(MODULE);
    const { caller, record } = t.connect('mallory');
    expect(record.outcome).toEqual({ status: 'failed', kind: 'sender', message: 'mallory is not welcome' });
    expect(t.db.isConnected(caller.connectionId)).toBe(false);
    expect(t.rows('seen').map(r => (r as { what: string }).what)).toEqual(['init']);
  });

  it('runs clientConnected and clientDisconnected with the client as sender', async () => {
    const t = await openTestDatabase(MODULE);
    const { caller } = t.connect('alice');
    expect(t.db.isConnected(caller.connectionId)).toBe(true);
    t.db.disconnect(caller.connectionId);
    expect(t.db.isConnected(caller.connectionId)).toBe(false);
    const whats = t.rows('seen').map(r => (r as { what: string }).what);
    expect(whats).toEqual(['init', 'connect', 'disconnect']);
  });

  // upstream crates/core/src/client/message_handlers_v2.rs + module_host.rs: lifecycle reducers
  // are not callable by clients; the error text is `can't directly call special {Lifecycle} lifecycle reducer`.
  it.each([
    ['init', 'Init'],
    ['on_connect', 'OnConnect'],
    ['onDisconnect', 'OnDisconnect'],
  ])('refuses a client call to lifecycle reducer %s', async (name, spec) => {
    const t = await openTestDatabase(MODULE);
    const { caller } = t.connect('alice');
    const before = t.rows('seen').length;
    const r = t.db.callReducer(name, new Uint8Array(0), caller);
    expect(r.outcome).toEqual({ status: 'rejected', message: `can't directly call special ${spec} lifecycle reducer` });
    expect(t.rows('seen')).toHaveLength(before);
  });

  it('answers an unknown reducer with upstream\u2019s "no such reducer"', async () => {
    const t = await openTestDatabase(MODULE);
    expect(t.db.callReducer('nope', new Uint8Array(0)).outcome).toEqual({ status: 'rejected', message: 'no such reducer' });
  });

  it('exposes the internal error text to clients and keeps the real exception for the owner', async () => {
    const t = await openTestDatabase(`
      import { schema, table, t } from 'spacetimedb/server';
      const x = table({ name: 'x' }, { v: t.u32() });
      const spacetimedb = schema({ x });
      export default spacetimedb;
      export const boom = spacetimedb.reducer(ctx => { ctx.db.x.insert({ v: 1 }); throw new RangeError('kaput at step 3'); });
    `);
    const r = t.call('boom');
    expect(r.outcome.status).toBe('failed');
    if (r.outcome.status !== 'failed' || r.outcome.kind !== 'internal') throw new Error('expected internal failure');
    expect(r.outcome.message).toBe(INTERNAL_ERROR_MESSAGE);
    expect(r.outcome.detail).toContain('RangeError: kaput at step 3');
    expect(t.rows('x')).toEqual([]);
  });
});
