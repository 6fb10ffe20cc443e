import { describe, expect, it } from 'vitest';
import { createSubscriptionManager } from '../subscriptions/manager.ts';
import { openTestDatabase } from '../testing/test-db.ts';
import { rowsJson } from '../scenario/run-scenario.ts';
import { summarizeModule } from '../module/summary.ts';

const MODULE = `
import { schema, table, t } from 'spacetimedb/server';
const note = table({ name: 'note' }, { id: t.u32().primaryKey(), owner: t.identity().index(), text: t.string() });
const spacetimedb = schema({ note });
export default spacetimedb;
export const add = spacetimedb.reducer({ id: t.u32(), text: t.string() }, (ctx, { id, text }) => { ctx.db.note.insert({ id, owner: ctx.sender, text }); });
export const drop = spacetimedb.reducer({ id: t.u32() }, (ctx, { id }) => { ctx.db.note.id.delete(id); });
export const my_notes = spacetimedb.view({ name: 'my_notes', public: true }, t.array(note.rowType), ctx => [...ctx.db.note.owner.filter(ctx.sender)]);
export const first_note = spacetimedb.anonymousView({ name: 'first_note', public: true }, t.option(note.rowType), ctx => ctx.db.note.id.find(1));
export const all_notes = spacetimedb.anonymousView({ name: 'all_notes', public: true }, t.array(note.rowType), ctx => ctx.from.note.build());
`;

describe('views', () => {
  it('are queryable by SQL per sender, while their private source table stays hidden', async () => {
    const t = await openTestDatabase(MODULE);
    const alice = t.connect('alice').caller;
    const bob = t.connect('bob').caller;
    t.call('add', [1, 'a1'], alice);
    t.call('add', [2, 'b1'], bob);
    t.call('add', [3, 'a2'], alice);
    const texts = (r: ReturnType<typeof t.db.sql>) => (r.ok ? r.value.rows.map(row => row[2]) : r.error.message);
    expect(texts(t.db.sql('SELECT * FROM my_notes', alice))).toEqual(['a1', 'a2']);
    expect(texts(t.db.sql('SELECT * FROM my_notes', bob))).toEqual(['b1']);
    expect(texts(t.db.sql('SELECT * FROM first_note', bob))).toEqual(['a1']);
    expect(texts(t.db.sql('SELECT * FROM all_notes', bob))).toEqual(['a1', 'b1', 'a2']);
    expect(texts(t.db.sql('SELECT * FROM note', bob))).toBe("no such table: `note`. If the table exists, it may be marked private.");
  });

  // upstream crates/expr/src/statement.rs
  it('refuses DML on a view with upstream\u2019s message', async () => {
    const t = await openTestDatabase(MODULE);
    const r = t.db.sql("DELETE FROM my_notes");
    expect(r.ok ? 'ok' : r.error.message).toBe('`my_notes` is a view; DML on views is not supported');
  });

  it('send subscribers the view rows that change when the view\u2019s inputs change', async () => {
    const t = await openTestDatabase(MODULE);
    const alice = t.connect('alice').caller;
    const bob = t.connect('bob').caller;
    const subs = createSubscriptionManager(t.db.store, t.db.schema, t.db.views);
    const applied = subs.subscribe({ ...alice, isOwner: false }, 1, ['SELECT * FROM my_notes']);
    expect(applied.ok && applied.rows[0]!.inserts).toEqual([]);
    const seen: unknown[] = [];
    t.db.onTransaction(r => {
      for (const [conn, updates] of subs.updatesFor(r.delta)) {
        for (const u of updates) for (const tb of u.tables) for (const q of tb.rows) seen.push({ conn, inserts: rowsJson(t.db, tb.table.name, q.inserts).map(x => (x as { text: string }).text), deletes: q.deletes.length });
      }
    });
    t.call('add', [1, 'mine'], alice);
    t.call('add', [2, 'not mine'], bob);
    t.call('drop', [1], alice);
    expect(seen).toEqual([
      { conn: alice.connectionId, inserts: ['mine'], deletes: 0 },
      { conn: alice.connectionId, inserts: [], deletes: 1 },
    ]);
  });

  it('are listed by describe, apart from tables', async () => {
    const t = await openTestDatabase(MODULE);
    const summary = summarizeModule(t.db.schema);
    expect(summary.views.map(v => [v.name, v.anonymous]).sort()).toEqual([
      ['all_notes', true],
      ['first_note', true],
      ['my_notes', false],
    ]);
    expect(summary.tables.map(x => x.name)).toEqual(['note']);
  });

  it('keep the primary key their returned row declares', async () => {
    const t = await openTestDatabase(`
import { schema, table, t } from 'spacetimedb/server';
const gadget = table({ name: 'gadget', public: true }, { label: t.string(), serial: t.u64().primaryKey() });
const spacetimedb = schema({ gadget });
export default spacetimedb;
export const all_gadgets = spacetimedb.anonymousView({ name: 'all_gadgets', public: true }, t.array(gadget.rowType), ctx => ctx.from.gadget.build());
export const labels = spacetimedb.anonymousView({ name: 'labels', public: true }, t.array(t.object('Label', { label: t.string() })), () => []);
`);
    const pk = (name: string) => {
      const table = t.db.findTable(name)!;
      return table.primaryKey.map(i => table.columns[i]!.name);
    };
    expect(pk('all_gadgets')).toEqual(['serial']);
    expect(pk('labels')).toEqual([]);
    expect(summarizeModule(t.db.schema).views.map(v => [v.name, v.primaryKey])).toEqual([
      ['all_gadgets', ['serial']],
      ['labels', []],
    ]);
  });
});
