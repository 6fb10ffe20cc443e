import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/test-db.ts';

const MODULE = `
import { schema, table, t } from 'spacetimedb/server';
const x = table({ name: 'x' }, { v: t.u32() });
const spacetimedb = schema({ x });
export default spacetimedb;
export const log = spacetimedb.reducer(ctx => { console.log('hello', { a: 1 }); console.warn('careful'); });
`;

describe('module instances', () => {
  it('keeps the globals the library adds for its polyfills out of the engine realm', async () => {
    await openTestDatabase(MODULE);
    expect('window' in globalThis).toBe(false);
  });

  it('routes module console output to the call record and leaves the host console alone', async () => {
    const hostConsole = globalThis.console;
    const t = await openTestDatabase(MODULE);
    const r = t.call('log');
    expect(r.logs).toEqual([
      { level: 'info', message: 'hello { a: 1 }' },
      { level: 'warn', message: 'careful' },
    ]);
    expect(globalThis.console).toBe(hostConsole);
  });

  it('gives each loaded module its own library instance', async () => {
    const a = await openTestDatabase(MODULE);
    const b = await openTestDatabase(MODULE);
    a.call('log');
    expect(b.call('log').logs).toHaveLength(2);
    expect(a.db.schema).not.toBe(b.db.schema);
  });
});
