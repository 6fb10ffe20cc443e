import { describe, expect, it } from 'vitest';
import type { ModuleSummary } from '../../worker/api.ts';
import { diffSchemas } from './diff.ts';

type Table = ModuleSummary['tables'][number];
type Column = Table['columns'][number];

const col = (name: string, type: string, marks: Partial<Column> = {}): Column => ({ name, type, primaryKey: false, unique: false, autoInc: false, ...marks });
const table = (name: string, columns: Column[], extra: Partial<Table> = {}): Table => ({
  name,
  public: true,
  event: false,
  columns,
  primaryKey: columns.filter(c => c.primaryKey).map(c => c.name),
  indexes: [],
  schedule: null,
  ...extra,
});
const summary = (...tables: Table[]): ModuleSummary => ({ tables, reducers: [], procedures: [], views: [], visibilityFilters: [] });

const ID = col('id', 'u64', { primaryKey: true, unique: true, autoInc: true });
const CARD = table('card', [ID, col('title', 'String'), col('board_id', 'u64')], {
  indexes: [{ name: 'card_board_id_idx_btree', columns: ['board_id'], algorithm: 'btree', unique: false }],
});
const USER = table('user', [col('identity', 'Identity', { primaryKey: true, unique: true }), col('name', 'String')]);

describe('diffSchemas', () => {
  it('finds nothing between equal schemas', () => {
    expect(diffSchemas(summary(CARD, USER), summary(CARD, USER))).toEqual({ tables: [], breaking: false });
  });

  it('lists added tables with their columns, which keep every stored row', () => {
    const d = diffSchemas(summary(CARD), summary(CARD, USER));
    expect(d.breaking).toBe(false);
    expect(d.tables).toEqual([
      { name: 'user', change: 'added', columns: [{ name: 'identity', change: 'added', after: 'Identity, primary key' }, { name: 'name', change: 'added', after: 'String' }], indexes: [], notes: [], breaking: false },
    ]);
  });

  it('marks a removed table as losing its rows', () => {
    const d = diffSchemas(summary(CARD, USER), summary(CARD));
    expect(d.breaking).toBe(true);
    expect(d.tables.map(t => [t.name, t.change, t.breaking])).toEqual([['user', 'removed', true]]);
    expect(d.tables[0]?.columns[0]).toEqual({ name: 'identity', change: 'removed', before: 'Identity, primary key' });
  });

  it('tells removed and retyped columns (breaking) from added ones (not)', () => {
    const retyped = table('card', [ID, col('title', 'Option<String>'), col('done', 'bool')], { indexes: CARD.indexes });
    const d = diffSchemas(summary(CARD), summary(retyped));
    expect(d.tables[0]?.columns).toEqual([
      { name: 'title', change: 'changed', before: 'String', after: 'Option<String>' },
      { name: 'board_id', change: 'removed', before: 'u64' },
      { name: 'done', change: 'added', after: 'bool' },
    ]);
    expect(d.breaking).toBe(true);
    const added = diffSchemas(summary(CARD), summary(table('card', [...CARD.columns, col('done', 'bool')], { indexes: CARD.indexes })));
    expect(added.breaking).toBe(false);
  });

  it('reports index, visibility, schedule and column order changes', () => {
    const after = table('card', [ID, col('board_id', 'u64'), col('title', 'String')], {
      public: false,
      indexes: [{ name: 'card_board_id_idx_btree', columns: ['board_id'], algorithm: 'hash', unique: true }, { name: 'card_title_idx_btree', columns: ['title'], algorithm: 'btree', unique: false }],
      schedule: { reducer: 'tick', column: 'title' },
    });
    const [t] = diffSchemas(summary(CARD), summary(after)).tables;
    expect(t?.indexes).toEqual([
      { name: 'card_board_id_idx_btree', change: 'changed', before: 'btree on (board_id)', after: 'hash on (board_id), unique' },
      { name: 'card_title_idx_btree', change: 'added', after: 'btree on (title)' },
    ]);
    expect(t?.notes).toEqual(['public table → private table', 'not scheduled → scheduled → tick at title', 'columns reordered']);
    expect(t?.breaking).toBe(true);
  });

  it('keeps rows across an index-only change', () => {
    const d = diffSchemas(summary(CARD), summary({ ...CARD, indexes: [] }));
    expect(d.tables.map(t => [t.name, t.change, t.breaking])).toEqual([['card', 'changed', false]]);
    expect(d.breaking).toBe(false);
  });
});
