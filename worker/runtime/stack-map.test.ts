import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/test-db.ts';

describe('internal error details', () => {
  it('point into the module\u2019s own files and lines, without library or host frames', async () => {
    const t = await openTestDatabase({
      'index.ts': `import { spacetimedb } from './schema';\nexport { boom } from './reducers';\nexport default spacetimedb;\n`,
      'schema.ts': `import { schema, table, t } from 'spacetimedb/server';\nconst x = table({ name: 'x' }, { v: t.u32() });\nexport const spacetimedb = schema({ x });\n`,
      'reducers.ts': [
        `import { spacetimedb } from './schema';`,
        `function explode(n: number): never {`,
        `  throw new RangeError('kaput ' + n);`,
        `}`,
        `export const boom = spacetimedb.reducer(ctx => { explode(3); });`,
        ``,
      ].join('\n'),
    });
    const r = t.call('boom');
    if (r.outcome.status !== 'failed' || r.outcome.kind !== 'internal') throw new Error('expected an internal failure');
    const [message, ...frames] = r.outcome.detail.split('\n');
    expect(message).toBe('RangeError: kaput 3');
    expect(frames[0]).toMatch(/at explode \(reducers\.ts:3:9\)$/);
    expect(frames.some(f => /reducers\.ts:5:\d+/.test(f))).toBe(true);
    expect(frames.every(f => /\.ts:\d+:\d+\)?$/.test(f))).toBe(true);
  });
});
