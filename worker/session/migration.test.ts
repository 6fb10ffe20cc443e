// Publishing over a running database keeps its data when upstream's
// automatic migration allows it, with upstream's reasons when it doesn't
// (matched against crates/schema/src/auto_migrate.rs, AutoMigrateError).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host, type PublishResult } from '../api.ts';
import { esbuild, loadPrelude } from '../node/esbuild.ts';
import { createMemoryProjectStore } from './project-store.ts';

const module = (itemColumns: string, extra = '', init = "ctx.db.note.insert({ text: 'init ran' });") => ({
  'index.ts': `import { schema, table, t } from 'spacetimedb/server';
const item = table({ name: 'item', public: true }, { id: t.u64().primaryKey().autoInc(), ${itemColumns} });
const note = table({ name: 'note', public: true }, { text: t.string() });
${extra}
const spacetimedb = schema({ item, note${extra ? ', tag' : ''} });
export default spacetimedb;
export const init = spacetimedb.init(ctx => { ${init} });
export const add = spacetimedb.reducer({ name: t.string() }, (ctx, { name }) => { ctx.db.item.insert({ id: 0n, name } as never); });
`,
});

const V1 = module('name: t.string()');
const WITH_DONE = module('name: t.string(), done: t.bool().default(false)');
const WITH_TAG_TABLE = module('name: t.string().index()', "const tag = table({ name: 'tag', public: true }, { label: t.string() });");
const NAME_REMOVED = module('label: t.string()');
const NAME_RETYPED = module('name: t.u32()');
const NO_DEFAULT = module('name: t.string(), done: t.bool()');
const NAME_UNIQUE = module('name: t.string().unique()');

const ok = (r: PublishResult) => {
  if (!r.ok) throw new Error(`${r.error.message}${'reasons' in r.error ? `: ${r.error.reasons.join('; ')}` : ''}`);
  return r;
};
const rows = (host: Host, table: string) => {
  const r = host.rows(table);
  if (!r.ok) throw new Error(r.error.message);
  return r.rows;
};

describe('publishing over a running database', () => {
  let host: Host;
  const store = createMemoryProjectStore();
  beforeAll(async () => {
    host = createHost({ esbuild, prelude: await loadPrelude(), projects: store });
    await host.init();
    await host.openProject('migrations');
  });
  afterAll(() => esbuild.stop());

  it('keeps rows and sequence positions, appends defaults for new columns, and runs no init', async () => {
    ok(await host.publish(V1, 'index.ts'));
    host.callReducer('add', '["a"]');
    host.callReducer('add', '["b"]');
    const r = ok(await host.publish(WITH_DONE, 'index.ts', { keepData: true }));
    expect(r.kept).toMatchObject({ rows: 3, reconnect: true });
    expect(r.kept?.steps).toContain('add column done to item (existing rows get the default)');
    host.callReducer('add', '["c"]');
    expect(rows(host, 'item')).toEqual([
      { id: 1, name: 'a', done: false },
      { id: 2, name: 'b', done: false },
      { id: 3, name: 'c', done: false },
    ]);
    expect(rows(host, 'note')).toEqual([{ text: 'init ran' }]);
  });

  it('keeps open connections when nothing forces clients to reconnect', async () => {
    ok(await host.publish(V1, 'index.ts'));
    host.connect('alice');
    const r = ok(await host.publish(WITH_TAG_TABLE, 'index.ts', { keepData: true }));
    expect(r.kept?.reconnect).toBe(false);
    expect(r.kept?.steps).toEqual(expect.arrayContaining(['change the indexes of item', 'add table tag']));
    expect(host.clients().find(c => c.name === 'alice')?.connections).toHaveLength(1);
  });

  it('refuses with upstream reasons, all at once, and leaves the running version untouched', async () => {
    ok(await host.publish(V1, 'index.ts'));
    host.callReducer('add', '["kept"]');
    const cases: [Record<string, string>, RegExp][] = [
      [NAME_REMOVED, /^Removing a column name from table item requires a manual migration$/],
      [NAME_RETYPED, /^Changing the type of column name in table item from String to U32 requires a manual migration$/i],
      [NO_DEFAULT, /^Adding a column done to table item requires a default value annotation$/],
    ];
    for (const [files, reason] of cases) {
      const r = await host.publish(files, 'index.ts', { keepData: true });
      expect(r.ok).toBe(false);
      if (r.ok || r.error.code !== 'migration') throw new Error('expected a migration failure');
      expect(r.error.reasons).toEqual([expect.stringMatching(reason)]);
      expect(r.error.message).toMatch(/manual migration.*fresh database/);
    }
    expect(rows(host, 'item')).toEqual([{ id: 1, name: 'kept' }]);
    expect(host.callReducer('add', '["still running"]')).toMatchObject({ ok: true, tx: { outcome: { status: 'committed' } } });
  });

  it('checks a new unique constraint against the stored rows', async () => {
    ok(await host.publish(V1, 'index.ts'));
    host.callReducer('add', '["twin"]');
    host.callReducer('add', '["twin"]');
    const r = await host.publish(NAME_UNIQUE, 'index.ts', { keepData: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'migration', message: expect.stringMatching(/unique constraint/) } });
    expect(rows(host, 'item')).toHaveLength(2);
  });

  it('refuses to drop a table that holds rows, and drops an empty one', async () => {
    ok(await host.publish(V1, 'index.ts'));
    const dropNote = { 'index.ts': V1['index.ts'].replace("schema({ item, note })", 'schema({ item })').replace(/ctx\.db\.note\.insert\([^)]*\);/, '') };
    const r = await host.publish(dropNote, 'index.ts', { keepData: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'migration', reasons: ['Removing table note requires a manual migration: it still holds 1 row'] } });
    ok(await host.publish(module('name: t.string()', '', ''), 'index.ts'));
    expect(ok(await host.publish(dropNote, 'index.ts', { keepData: true })).kept?.steps).toContain('remove table note');
  });

  it('rebuilds a kept database from the stored journal after a reload', async () => {
    ok(await host.publish(V1, 'index.ts'));
    host.callReducer('add', '["before"]');
    ok(await host.publish(WITH_DONE, 'index.ts', { keepData: true }));
    host.callReducer('add', '["after"]');
    await new Promise(r => setTimeout(r, 10));
    const reloaded = createHost({ esbuild, prelude: await loadPrelude(), projects: store });
    await reloaded.init();
    const opened = await reloaded.openProject('migrations');
    expect(opened.restored?.journal.inputs[0]).toMatchObject({ kind: 'publish', base: { tables: expect.any(Array) } });
    expect(rows(reloaded, 'item')).toEqual([
      { id: 1, name: 'before', done: false },
      { id: 2, name: 'after', done: false },
    ]);
    expect(rows(reloaded, 'note')).toEqual([{ text: 'init ran' }]);
  });
});
