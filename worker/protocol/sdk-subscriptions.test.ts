/**
 * The real SDK against the playground, over the in-page transport and over
 * `serve`'s WebSockets: subscriptions and row callbacks: other clients'
 * calls, unsubscribe, refused queries, overlapping query sets, event tables.
 */
import { describe, expect, it } from 'vitest';
import { connect, rowsOf, subscribe, waitFor, type EventCtx, type Row } from '../serve/sdk-test-kit.ts';
import { hex, identityHex, TRANSPORTS, useHarness, useModule } from './sdk-harness.ts';

const chat = useModule('chat', 'sdk-subscriptions-chat');
const procs = useModule('procedures', 'sdk-subscriptions-procedures');

describe.each(TRANSPORTS)('the SDK over $name', transport => {
  const { open } = useHarness(transport, chat, 'chat');

  it("shows another client's reducer calls as row callbacks; the caller's promise resolves after its own callbacks", async () => {
    const alice = await open();
    const bob = await open();
    const seen: string[] = [];
    alice.conn.db.message!.onInsert((ctx, row) => seen.push(`insert ${String(row.text)} (${ctx.event.tag})`));
    alice.conn.db.user!.onUpdate!((ctx, oldRow, newRow) => {
      if (identityHex(newRow) === hex(bob)) seen.push(`update ${String(oldRow.name)} -> ${String(newRow.name)} (${ctx.event.tag})`);
    });
    await subscribe(alice.conn, ['SELECT * FROM user', 'SELECT * FROM message']);
    const users = rowsOf(alice.conn.db.user!);
    expect(users.find(u => identityHex(u) === hex(alice))).toMatchObject({ online: true, name: undefined });
    expect(users.find(u => identityHex(u) === hex(bob))).toMatchObject({ online: true });

    await bob.conn.reducers.setName!({ name: 'Bob' });
    await bob.conn.reducers.sendMessage!({ text: 'hello from bob' });
    await waitFor(() => seen.length >= 2, 'alice to see both of bob’s calls');
    expect(seen).toEqual(['update undefined -> Bob (Transaction)', 'insert hello from bob (Transaction)']);

    // The caller's own subscribed rows come in its ReducerResult: callbacks first, then the promise.
    let insertedBeforeResolve = false;
    let ownEvent: EventCtx['event'] | undefined;
    alice.conn.db.message!.onInsert((ctx, row) => {
      if (row.text === 'hi bob') {
        insertedBeforeResolve = true;
        ownEvent = ctx.event;
      }
    });
    await alice.conn.reducers.sendMessage!({ text: 'hi bob' });
    expect(insertedBeforeResolve).toBe(true);
    expect(ownEvent?.tag).toBe('Reducer');
    expect((ownEvent?.value as { reducer: { name: string; args: unknown } }).reducer).toEqual({ name: 'send_message', args: { text: 'hi bob' } });
    const sent = rowsOf(alice.conn.db.message!).find(m => m.text === 'hi bob')!;
    expect((sent.sender as { toHexString(): string }).toHexString()).toBe(hex(alice));
  });

  it('unsubscribe removes the rows and fires onEnd', async () => {
    const dave = await open();
    const deleted: Row[] = [];
    dave.conn.db.user!.onDelete((_ctx, row) => deleted.push(row));
    const handle = await subscribe(dave.conn, ['SELECT * FROM user']);
    const before = rowsOf(dave.conn.db.user!).length;
    expect(before).toBeGreaterThan(0);
    expect(handle.isActive()).toBe(true);
    const ended = new Promise<void>(r => handle.unsubscribeThen(() => r()));
    await ended;
    expect(handle.isEnded()).toBe(true);
    expect(rowsOf(dave.conn.db.user!)).toHaveLength(0);
    expect(deleted).toHaveLength(before);
  });

  it('reports a bad subscription query through onError', async () => {
    const gina = await open();
    await expect(subscribe(gina.conn, ['SELECT * FROM nope'])).rejects.toThrow(/nope/);
    // The connection survives a refused subscription.
    await subscribe(gina.conn, ['SELECT * FROM message']);
  });
});

describe.each(TRANSPORTS)('overlapping subscriptions over $name', transport => {
  const { open } = useHarness(transport, procs, 'procs');

  it('counts a row once per query set: unsubscribing one of two overlapping sets keeps it, updates fire once', async () => {
    const a = await open();
    const b = await open();
    const id = await b.conn.procedures.writeNote!({ text: 'shared' });
    const all = await subscribe(a.conn, ['SELECT * FROM note']);
    const one = await subscribe(a.conn, [`SELECT * FROM note WHERE id = ${String(id)}`]);
    const updates: string[] = [];
    a.conn.db.note!.onUpdate!((_ctx, o, n) => updates.push(`${String(o.text)} -> ${String(n.text)}`));
    await b.conn.reducers.editNote!({ id, text: 'edited' });
    await waitFor(() => updates.length > 0, 'the update');
    expect(updates).toEqual(['shared -> edited']);
    await new Promise<void>(r => all.unsubscribeThen(() => r()));
    expect(rowsOf(a.conn.db.note!).map(n => n.text)).toEqual(['edited']);
    await new Promise<void>(r => one.unsubscribeThen(() => r()));
    expect(rowsOf(a.conn.db.note!)).toEqual([]);
  });
});

describe.each(TRANSPORTS)('event tables over $name', transport => {
  it("fire onInsert for each event and keep nothing in the client cache", async () => {
    const h = await transport.start(procs().prelude, procs().code, 'procs');
    try {
      const a = await connect(h.builder);
      const b = await connect(h.builder);
      const seen: string[] = [];
      a.conn.db.ping!.onInsert((ctx, row) => seen.push(`${String(row.text)} (${ctx.event.tag})`));
      await subscribe(a.conn, ['SELECT * FROM ping']);
      await b.conn.reducers.sendPing!({ text: 'one' });
      await a.conn.reducers.sendPing!({ text: 'two' });
      await waitFor(() => seen.length === 2, 'both events');
      expect(seen).toEqual(['one (Transaction)', 'two (Reducer)']);
      expect(rowsOf(a.conn.db.ping!)).toEqual([]);
      a.conn.disconnect();
      b.conn.disconnect();
    } finally {
      await h.close();
    }
  });
});
