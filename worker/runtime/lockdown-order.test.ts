import { describe, expect, it } from 'vitest';
import { buildModule } from '../build/build.ts';
import { esbuild } from '../node/esbuild.ts';
import { openTestDatabase } from '../testing/test-db.ts';
import { expectLockdown, lockdownGlobal } from './lockdown.ts';

const MODULE = `
import { schema, table, t } from 'spacetimedb/server';
const spacetimedb = schema({ x: table({ name: 'x' }, { v: t.u32() }) });
export default spacetimedb;
`;

describe('module code and the lockdown', () => {
  it('refuses to run module code while an expected lockdown has not happened, and runs it after', async () => {
    expectLockdown();
    await expect(openTestDatabase(MODULE)).rejects.toThrow('The engine refused to run module code: its worker is not locked down yet');
    lockdownGlobal({});
    await expect(openTestDatabase(MODULE)).resolves.toBeDefined();
  });

  it('compiles a module so that import() of a URL cannot load code', async () => {
    const files = { 'index.ts': 'const url = "http://127.0.0.1:4181/x.js";\nexport const load = () => import(url);\n' };
    const r = await buildModule(esbuild, files);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.code).not.toMatch(/\bimport\(/);
    const load = new Function(`${r.code}\nreturn __stdb_module.load;`)() as () => Promise<unknown>;
    await expect(load()).rejects.toThrow('Dynamic require of "http://127.0.0.1:4181/x.js" is not supported');
  });

  it('rejects a literal URL import at compile time', async () => {
    const r = await buildModule(esbuild, { 'index.ts': 'export const load = () => import("https://example.com/x.js");\n' });
    expect(r.ok).toBe(false);
  });
});
