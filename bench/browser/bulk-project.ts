// The reload phase's project, made in Node with the same engine the page
// runs: a module whose `fill` inserts ROWS rows in one transaction and whose
// `bump` is one log entry each, published, filled and bumped ENTRIES times,
// then exported as a project file. The page imports the file (its journal is
// replayed and stored like any import), so the bench needs no 100k round
// trips through the page to build it.
import { createHost } from '../../worker/api.ts';
import { esbuild, loadPrelude } from '../../worker/node/esbuild.ts';
import { createMemoryProjectStore } from '../../worker/session/project-store.ts';

export const BULK_MODULE = `import { schema, table, t } from 'spacetimedb/server';

const item = table({ name: 'item', public: true }, { id: t.u64().primaryKey().autoInc(), n: t.u32() });
const counter = table({ name: 'counter', public: true }, { id: t.u32().primaryKey(), hits: t.u32() });
const spacetimedb = schema({ item, counter });
export default spacetimedb;

export const fill = spacetimedb.reducer({ count: t.u32() }, (ctx, { count }) => {
  for (let i = 0; i < count; i++) ctx.db.item.insert({ id: 0n, n: i });
});

export const bump = spacetimedb.reducer(ctx => {
  const row = ctx.db.counter.id.find(0);
  if (row) ctx.db.counter.id.update({ id: 0, hits: row.hits + 1 });
  else ctx.db.counter.insert({ id: 0, hits: 1 });
});
`;

/** The project file text (named `name`), with one client subscribed to the counter. */
export async function bulkProjectFile(name: string, rows: number, entries: number): Promise<string> {
  const store = createMemoryProjectStore();
  const host = createHost({ esbuild, prelude: await loadPrelude(), projects: store });
  await host.init();
  await host.openProject(name);
  const files = { 'index.ts': BULK_MODULE };
  const published = await host.publish(files, 'index.ts');
  if (!published.ok) throw new Error(published.error.message);
  const check = (r: ReturnType<typeof host.callReducer>) => {
    if (!r.ok || r.tx?.outcome.status !== 'committed') throw new Error(`bulk project: ${JSON.stringify(r)}`);
  };
  check(host.callReducer('fill', `[${rows}]`));
  // The fill is entry 1; each bump adds one.
  for (let i = 1; i < entries; i++) check(host.callReducer('bump', '[]'));
  const record = { name, files, entry: 'index.ts', clients: [{ name: 'alice', queries: ['SELECT * FROM counter'], connected: true }], updatedAt: Date.now() };
  const r = await host.exportProject(record, name);
  if (!r.ok) throw new Error(r.error.message);
  return r.text;
}
