/**
 * The console underlines what the engine's real error messages point at:
 * each case runs bad SQL against the Kanban sample in a Node host and
 * checks the located text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../worker/api.ts';
// The test needs esbuild in Node; the page itself only ever reaches the engine through src/host.ts.
// eslint-disable-next-line no-restricted-imports
import { esbuild, loadPrelude } from '../../worker/node/esbuild.ts';
import { locateSqlError } from './error-location.ts';

const sources = import.meta.glob<string>('../../samples/kanban/*.ts', { query: '?raw', import: 'default', eager: true });
const KANBAN = Object.fromEntries(Object.entries(sources).map(([path, text]) => [path.split('/').at(-1)!, text]));

let host: Host;
beforeAll(async () => {
  host = createHost({ esbuild, prelude: await loadPrelude() });
  await host.init();
  const r = await host.publish(KANBAN, 'index.ts');
  if (!r.ok) throw new Error(r.error.message);
});
afterAll(() => esbuild.stop());

function sqlError(sql: string): string {
  const r = host.sql(sql, null);
  if (r.ok) throw new Error(`expected ${sql} to fail`);
  return r.error.message;
}
const underlined = (sql: string, message: string): string => {
  const { start, end } = locateSqlError(sql, message);
  return sql.slice(start, end);
};

describe('locateSqlError with the engine’s messages', () => {
  it.each([
    ['an unknown table', 'SELECT * FROM nope', 'nope'],
    ['an unknown table in DELETE', 'DELETE FROM nope WHERE card_id = 1', 'nope'],
    ['an unknown column in the projection', 'SELECT nope FROM card', 'nope'],
    ['an unknown column in WHERE', "SELECT * FROM card WHERE title = 'x' AND nope = 1", 'nope'],
    ['a column named like a table, not the table itself', 'SELECT c.* FROM card c JOIN board b ON c.board = b.board_id', 'board'],
    ['a missing field in UPDATE', "UPDATE card SET nope = 'x'", 'nope'],
    ['the token a parse error found', 'SELECT * FROM card )', ')'],
    ['a misspelt keyword', 'SELEC * FROM card', 'SELEC'],
    ['the token after the end, on a later line', 'SELECT *\nFROM card\nWHERE title = 1 y', 'y'],
    ['an unsupported LIMIT', 'SELECT * FROM card LIMIT x', 'x'],
  ])('underlines %s', (_what, sql, token) => {
    expect(underlined(sql, sqlError(sql))).toBe(token);
  });

  it('underlines the last token when the statement ends too soon', () => {
    const sql = 'SELECT * FROM card WHERE  ';
    expect(sqlError(sql)).toMatch(/found: EOF/);
    expect(underlined(sql, sqlError(sql))).toBe('WHERE');
  });

  it('underlines a column, not a string literal holding the same text', () => {
    const sql = "SELECT * FROM card WHERE title = 'nope' AND nope = 1";
    expect(locateSqlError(sql, sqlError(sql)).start).toBe(sql.lastIndexOf('nope'));
  });

  it('falls back to the whole statement when the message names nothing in it', () => {
    const sql = '  SELECT * FROM card c JOIN board b ON c.board_id = b.board_id  ';
    expect(underlined(sql, sqlError(sql))).toBe(sql.trim());
  });

  it('ignores the statement a subscription error repeats', async () => {
    const sql = 'SELECT * FROM card WHERE nope = 1';
    const r = await host.subscribe(1, [sql], null);
    if (r.ok) throw new Error('expected the subscription to fail');
    expect(r.error.message).toMatch(/, executing: `/);
    expect(underlined(sql, r.error.message)).toBe('nope');
  });
});
