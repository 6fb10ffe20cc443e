/**
 * Event shaping: SDK callbacks (row callbacks sharing an event id,
 * `onApplied`, reducer call promises) fold into one stream entry each.
 */
import { describe, expect, it } from 'vitest';
import { countsText, createEventLog, kindOf } from './client-events.ts';

const tx = (id: string) => ({ id, tag: 'Transaction' });
const own = (id: string, name: string) => ({ id, tag: 'Reducer', value: { reducer: { name, args: {} } } });

describe('client event log', () => {
  it('folds the row callbacks of one message into one entry with per-table counts', () => {
    const log = createEventLog();
    log.row(tx('1'), 'card', 'insert');
    log.row(tx('1'), 'card', 'insert');
    log.row(tx('1'), 'board', 'update');
    log.row(tx('2'), 'card', 'delete');
    const [a, b] = log.list();
    expect(a).toMatchObject({ type: 'tx', reducer: null, tables: { card: { inserts: 2, deletes: 0, updates: 0 }, board: { updates: 1 } } });
    expect(b).toMatchObject({ type: 'tx', tables: { card: { deletes: 1 } } });
    expect(a?.type === 'tx' && countsText(a.tables.card!)).toBe('+2');
  });

  it('names the reducer only for the connection’s own calls', () => {
    const log = createEventLog();
    log.row(own('1', 'add_card'), 'card', 'insert');
    log.row(tx('2'), 'card', 'insert');
    expect(log.list().map(e => e.type === 'tx' && e.reducer)).toEqual(['add_card', null]);
  });

  it('gives a subscription the rows that follow its onApplied, and none when it matched nothing', () => {
    const log = createEventLog();
    log.applied('SELECT * FROM board');
    log.applied('SELECT * FROM card');
    log.row({ id: '7', tag: 'SubscribeApplied' }, 'card', 'insert');
    log.row({ id: '7', tag: 'SubscribeApplied' }, 'card', 'insert');
    expect(log.list()).toMatchObject([
      { type: 'applied', query: 'SELECT * FROM board', tables: {} },
      { type: 'applied', query: 'SELECT * FROM card', tables: { card: { inserts: 2 } } },
    ]);
  });

  it('records a call as pending and settles it in place', () => {
    const log = createEventLog();
    const settle = log.call('move_card', '{"card_id":1}');
    const before = log.list();
    expect(before[0]).toMatchObject({ type: 'call', result: { status: 'pending' } });
    settle({ status: 'error', message: 'Cards can only be moved by collaborators' });
    const after = log.list();
    expect(after).not.toBe(before);
    expect(after[0]).toMatchObject({ type: 'call', reducer: 'move_card', result: { status: 'error', message: 'Cards can only be moved by collaborators' } });
    expect(before[0]).toMatchObject({ result: { status: 'pending' } });
  });

  it('keeps the newest events up to its cap, numbered in order', () => {
    const log = createEventLog(3);
    for (let i = 0; i < 5; i++) log.push({ type: 'error', message: `e${i}` });
    expect(log.list().map(e => (e.type === 'error' ? e.message : ''))).toEqual(['e2', 'e3', 'e4']);
    expect(log.list().map(e => e.seq)).toEqual([3, 4, 5]);
  });

  it('returns the same list until something changes, so a view can skip a redraw', () => {
    const log = createEventLog();
    log.push({ type: 'connected', identity: 'c2', connectionId: 'ab' });
    expect(log.list()).toBe(log.list());
    expect(kindOf(log.list()[0]!)).toBe('connection');
    log.clear();
    expect(log.list()).toEqual([]);
  });
});
