import { afterAll, describe, expect, it } from 'vitest';
import { buildModule } from './build.ts';
import { esbuild } from '../node/esbuild.ts';
import { openTestDatabase } from '../testing/test-db.ts';

afterAll(() => esbuild.stop());

describe('module build', () => {
  it('bundles the entry with its relative imports (several files, .js specifiers meaning .ts)', async () => {
    const t = await openTestDatabase({
      'index.ts': `
        import { spacetimedb } from './schema';
        export { add } from './reducers/add.js';
        export default spacetimedb;`,
      'schema.ts': `
        import { schema, table, t } from 'spacetimedb/server';
        const item = table({ name: 'item', public: true }, { n: t.u32() });
        export const spacetimedb = schema({ item });`,
      'reducers/add.ts': `
        import { spacetimedb } from '../schema';
        import { double } from '../util/math';
        export const add = spacetimedb.reducer({ n: t2() }, (ctx, { n }) => { ctx.db.item.insert({ n: double(n) }); });
        import { t } from 'spacetimedb/server';
        function t2() { return t.u32(); }`,
      'util/math.ts': `export const double = (n: number) => n * 2;`,
    });
    expect(t.call('add', [21]).outcome).toEqual({ status: 'committed' });
    expect(t.rows('item')).toEqual([{ n: 42 }]);
  });

  it('reports syntax errors as file:line:col: message with 1-based positions', async () => {
    const r = await buildModule(esbuild, { 'index.ts': 'const a = 1;\nconst b: number = ;\n' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ file: 'index.ts', line: 2, column: 19 });
    expect(r.errors[0]!.text).toBe('index.ts:2:19: Unexpected ";"');
  });

  it('names a missing relative import with the importing file and position', async () => {
    const r = await buildModule(esbuild, { 'index.ts': "import { x } from './missing';\nexport default x;\n" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]!.text).toBe('index.ts:1:19: Could not resolve "./missing"');
  });

  it('refuses npm packages other than spacetimedb with a message saying what modules may import', async () => {
    const r = await buildModule(esbuild, { 'index.ts': "import _ from 'lodash';\nexport default _;\n" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]!.text).toContain('Cannot import "lodash"');
  });

  // upstream crates/core/src/host/v8/syscall/mod.rs resolve_sys_module_inner
  it('refuses unsupported spacetime:sys versions with upstream\u2019s message', async () => {
    const r = await buildModule(esbuild, { 'index.ts': "import * as s from 'spacetime:sys@9.0';\nexport default s;\n" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]!.message).toBe(
      'Could not import "spacetime:sys@9.0", likely because this module was built for a newer version of SpacetimeDB.\nIt requires sys module v9.0, but that version is not supported by the database.'
    );
  });

  it('reports a missing entry file instead of crashing', async () => {
    const r = await buildModule(esbuild, { 'lib.ts': '' }, 'index.ts');
    expect(r.ok).toBe(false);
  });
});
