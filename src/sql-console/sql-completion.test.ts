/** Completion candidates for a statement, a cursor (`|`) and a schema shaped like Kanban's. */
import { describe, expect, it } from 'vitest';
import type { ModuleSummary } from '../../worker/api.ts';
import { completeSql, tablesInStatement } from './sql-completion.ts';

const column = (name: string, type: string, primaryKey = false) => ({ name, type, primaryKey, unique: primaryKey, autoInc: false });
const table = (name: string, columns: ReturnType<typeof column>[]) =>
  ({ name, public: true, event: false, columns, primaryKey: [], indexes: [], schedule: null }) as ModuleSummary['tables'][number];
const SCHEMA = {
  tables: [
    table('card', [column('card_id', 'u64', true), column('board_id', 'u64'), column('title', 'string')]),
    table('board', [column('board_id', 'u64', true), column('name', 'string')]),
  ],
  views: [{ name: 'my_cards', params: [], returns: 'Array<card>', public: true, anonymous: false, primaryKey: [] }],
  reducers: [],
  procedures: [],
  visibilityFilters: [],
} as unknown as ModuleSummary;

function complete(withCursor: string) {
  const offset = withCursor.indexOf('|');
  const r = completeSql(withCursor.replace('|', ''), offset, SCHEMA);
  return { start: r.start, labels: r.candidates.map(c => c.label), candidates: r.candidates };
}

describe('completeSql', () => {
  it('offers tables and views, not columns or keywords, after FROM', () => {
    const r = complete('SELECT * FROM ca|');
    expect(r.labels).toEqual(['card', 'board', 'my_cards']);
    expect(r.start).toBe('SELECT * FROM '.length);
    expect(r.candidates.find(c => c.label === 'my_cards')?.detail).toBe('view → Array<card>');
  });

  it('offers tables after JOIN, INTO and UPDATE, case-insensitively', () => {
    for (const q of ['SELECT c.* FROM card c join |', 'insert into |', 'UPDATE b|']) expect(complete(q).labels).toContain('board');
  });

  it('offers the columns of the tables the statement names, with their types', () => {
    const r = complete('SELECT * FROM card WHERE ti|');
    expect(r.labels).toContain('title');
    expect(r.labels).not.toContain('name');
    expect(r.candidates.find(c => c.label === 'card_id')?.detail).toBe('u64 · primary key · card');
    expect(r.start).toBe('SELECT * FROM card WHERE '.length);
  });

  it('offers keywords and :sender outside a table position', () => {
    const r = complete('SELECT * FROM card WHERE board_id = 1 |');
    expect(r.labels).toEqual(expect.arrayContaining(['AND', 'OR', 'LIMIT', ':sender']));
    expect(complete('SELECT * FROM card WHERE board_id = :s|').start).toBe('SELECT * FROM card WHERE board_id = '.length);
  });

  it('finds tables named after the cursor too', () => {
    expect(complete('SELECT | FROM board').labels).toContain('name');
  });

  it('offers only the aliased table’s columns after `alias.`', () => {
    const r = complete('SELECT c.* FROM card c JOIN board b ON c.board_id = b.|');
    expect(r.labels).toEqual(['board_id', 'name']);
    expect(r.candidates[0]?.detail).toBe('u64 · primary key · b (board)');
    expect(complete('SELECT card.| FROM card').labels).toEqual(['card_id', 'board_id', 'title']);
    expect(complete('SELECT x.| FROM card').labels).toEqual([]);
  });

  it('does not take a following keyword for an alias', () => {
    expect(tablesInStatement('SELECT * FROM card WHERE title = 1', SCHEMA).map(r => r.alias)).toEqual(['card']);
    expect(tablesInStatement('SELECT c.* FROM card AS c JOIN board b ON c.board_id = b.board_id', SCHEMA).map(r => r.alias)).toEqual(['c', 'b']);
  });
});
