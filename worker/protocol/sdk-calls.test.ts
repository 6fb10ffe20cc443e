/**
 * The real SDK against the playground, over the in-page transport and over
 * `serve`'s WebSockets: reducer outcomes, procedures, and the Kanban
 * sample's refused reducers and visibility filter.
 */
import { describe, expect, it } from 'vitest';
import { InternalError, SenderError } from 'spacetimedb';
import { rowsOf, subscribe, waitFor, type Client } from '../serve/sdk-test-kit.ts';
import { TRANSPORTS, useHarness, useModule } from './sdk-harness.ts';

const chat = useModule('chat', 'sdk-calls-chat');
const kanban = useModule('kanban', 'sdk-calls-kanban');
const procs = useModule('procedures', 'sdk-calls-procedures');

describe.each(TRANSPORTS)('the SDK over $name', transport => {
  const { open } = useHarness(transport, chat, 'chat');

  it('rejects failed reducer calls with SenderError (the message) or InternalError (the fixed text)', async () => {
    const carol = await open();
    const sender = await carol.conn.reducers.sendMessage!({ text: '' }).then(() => undefined, (e: unknown) => e);
    expect(sender).toBeInstanceOf(SenderError);
    expect((sender as Error).message).toBe('Messages must not be empty');

    const internal = await carol.conn.reducers.crash!({}).then(() => undefined, (e: unknown) => e);
    expect(internal).toBeInstanceOf(InternalError);
    expect((internal as Error).message).toBe('The instance encountered a fatal error.');

    // The connection is still usable.
    await carol.conn.reducers.setName!({ name: 'Carol' });
  });
});

describe.each(TRANSPORTS)('procedures over $name', transport => {
  const { open } = useHarness(transport, procs, 'procs');

  it('calls procedures: return values decode, withTx commits reach subscribers, failures reject', async () => {
    const a = await open();
    const b = await open();
    expect(await a.conn.procedures.addPoints!({ a: { x: 1, y: 2 }, b: { x: 10, y: 20 } })).toEqual({ x: 11, y: 22 });
    await subscribe(b.conn, ['SELECT * FROM note']);
    const id = await a.conn.procedures.writeNote!({ text: 'from a procedure' });
    expect(typeof id).toBe('bigint');
    await waitFor(() => rowsOf(b.conn.db.note!).length === 1, 'b to see the note');
    expect(rowsOf(b.conn.db.note!)[0]).toEqual({ id, text: 'from a procedure' });
    await expect(a.conn.procedures.fail!({})).rejects.toBeDefined();
  });
});

describe.each(TRANSPORTS)('the Kanban sample over $name', transport => {
  const { open } = useHarness(transport, kanban, 'kanban');

  it('shows a client only the boards and cards it collaborates on (clientVisibilityFilter)', async () => {
    const alice = await open();
    const bob = await open();
    await alice.conn.reducers.createBoard!({ name: 'Alice board' });
    await bob.conn.reducers.createBoard!({ name: 'Bob board' });

    const boardNames = (c: Client) => rowsOf(c.conn.db.board!).map(b => b.name).sort();
    await subscribe(alice.conn, ['SELECT * FROM board', 'SELECT * FROM card']);
    await subscribe(bob.conn, ['SELECT * FROM board', 'SELECT * FROM card']);
    expect(boardNames(alice)).toEqual(['Alice board']);
    expect(boardNames(bob)).toEqual(['Bob board']);

    const aliceBoard = rowsOf(alice.conn.db.board!)[0]!;
    expect(typeof aliceBoard.boardId).toBe('bigint');
    await alice.conn.reducers.addCard!({ boardId: aliceBoard.boardId, title: 'secret plan' });
    expect(rowsOf(alice.conn.db.card!).map(c => c.title)).toEqual(['secret plan']);

    // Bob may not touch Alice's board, and never sees its card.
    const refused = await bob.conn.reducers.addCard!({ boardId: aliceBoard.boardId, title: 'intrusion' }).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(SenderError);
    expect((refused as Error).message).toBe(`Only collaborators of board ${String(aliceBoard.boardId)} can do this`);
    expect(rowsOf(bob.conn.db.card!)).toHaveLength(0);

    // Adding Bob as a collaborator makes the board (and its card) appear for him.
    const inserted: string[] = [];
    bob.conn.db.board!.onInsert((ctx, row) => inserted.push(`${String(row.name)} (${ctx.event.tag})`));
    await alice.conn.reducers.addCollaborator!({ boardId: aliceBoard.boardId, identity: bob.identity });
    await waitFor(() => boardNames(bob).length === 2, 'bob to see alice’s board');
    expect(boardNames(bob)).toEqual(['Alice board', 'Bob board']);
    expect(inserted).toEqual(['Alice board (Transaction)']);
    await waitFor(() => rowsOf(bob.conn.db.card!).length === 1, 'bob to see the card');
    expect(rowsOf(bob.conn.db.card!)[0]).toMatchObject({ title: 'secret plan', state: 'todo' });

    // Bob moves the card; Alice sees the update.
    const updates: string[] = [];
    alice.conn.db.card!.onUpdate!((_ctx, o, n) => updates.push(`${String(o.state)} -> ${String(n.state)}`));
    const card = rowsOf(bob.conn.db.card!)[0]!;
    await bob.conn.reducers.moveCard!({ cardId: card.cardId, state: 'done' });
    await waitFor(() => updates.length === 1, 'alice to see the move');
    expect(updates).toEqual(['todo -> done']);
    // Alice still doesn't see Bob's own board.
    expect(boardNames(alice)).toEqual(['Alice board']);
  });
});
