import { beforeAll, describe, expect, it } from 'vitest';
import { openSqlTestDb, type SqlTestDb } from './test-module.ts';

let db: SqlTestDb;
beforeAll(async () => {
  db = await openSqlTestDb();
});

const names = (sql: string): unknown[] => db.sql(sql).rows.map(r => r[0]);

describe('ad-hoc SELECT', () => {
  it('returns whole rows with the canonical column names as header', () => {
    const r = db.sql('SELECT * FROM person WHERE id = 1');
    expect(r.columns.map(c => c.name)).toEqual(['id', 'name', 'age', 'nick_name']);
    expect(r.rows).toEqual([[1, 'Alice', 30, 'ali']]);
  });

  it('echoes projected names as written, resolving source and canonical names alike', () => {
    const r = db.sql('SELECT nickName, nick_name AS n2, person.name FROM person WHERE id = 2');
    expect(r.columns.map(c => c.name)).toEqual(['nickName', 'n2', 'name']);
    expect(r.rows).toEqual([['bobby', 'bobby', 'Bob']]);
  });

  it('resolves a table by its source name too', () => {
    expect(names('SELECT petId FROM pet WHERE ownerId = 2')).toEqual([3]);
  });

  it('filters with AND, OR and parentheses', () => {
    expect(names('SELECT name FROM person WHERE (age = 25 OR age > 33) AND id <> 4')).toEqual(['Bob', 'Carol']);
    expect(names('SELECT name FROM person WHERE age >= 30 AND age <= 30 OR name = \'Dave\'')).toEqual(['Alice', 'Dave']);
  });

  it('compares strings by their UTF-8 bytes', () => {
    expect(names("SELECT name FROM person WHERE name < 'Bz'")).toEqual(['Alice', 'Bob']);
  });

  it('counts rows with COUNT(*) and always returns one row', () => {
    expect(db.sql('SELECT COUNT(*) AS n FROM person WHERE age = 25').rows).toEqual([[2]]);
    const none = db.sql('SELECT COUNT(*) AS n FROM person WHERE age = 99');
    expect(none.columns).toEqual([{ name: 'n', type: { tag: 'U64' } }]);
    expect(none.rows).toEqual([[0]]);
  });

  it('takes the first n rows with LIMIT', () => {
    expect(db.sql('SELECT * FROM person LIMIT 2').rows).toHaveLength(2);
    expect(db.sql('SELECT * FROM person LIMIT 0').rows).toHaveLength(0);
    expect(db.sql('SELECT COUNT(*) AS n FROM person LIMIT 0').rows).toEqual([]);
  });

  it('joins with bag semantics: one result per matching pair', () => {
    const r = db.sql('SELECT person.name, pet.species FROM person JOIN pet ON person.id = pet.ownerId');
    expect(r.rows).toEqual([
      ['Alice', 'cat'],
      ['Alice', 'dog'],
      ['Bob', 'fish'],
    ]);
    expect(db.sql('SELECT p.* FROM person p JOIN pet ON p.id = pet.ownerId').rows.map(x => x[1])).toEqual(['Alice', 'Alice', 'Bob']);
  });

  it('joins three tables, with or without indexes, and cross joins filtered in WHERE', () => {
    const r = db.sql(
      'SELECT p.name, t.toyId FROM person p JOIN pet ON p.id = pet.ownerId JOIN toy t ON pet.petId = t.petId WHERE p.age > 20',
    );
    expect(r.rows).toEqual([
      ['Alice', 1],
      ['Alice', 2],
      ['Alice', 3],
    ]);
    expect(db.sql('SELECT COUNT(*) AS n FROM person JOIN pet').rows).toEqual([[16]]);
    expect(db.sql('SELECT person.id FROM person JOIN pet WHERE person.id = pet.ownerId AND pet.species = \'fish\'').rows).toEqual([[2]]);
  });

  it('joins a table with itself under two aliases', () => {
    const r = db.sql('SELECT a.name AS a, b.name AS b FROM person a JOIN person b ON a.age = b.age WHERE a.id < b.id');
    expect(r.rows).toEqual([['Bob', 'Dave']]);
  });

  it('shows private tables to the owner only', () => {
    expect(db.sql('SELECT * FROM secret').rows).toEqual([[1, 'hidden']]);
    // upstream crates/expr/src/errors.rs Unresolved::Table
    expect(db.sqlError('SELECT * FROM secret', db.client)).toBe(
      'no such table: `secret`. If the table exists, it may be marked private.',
    );
  });

  it('evaluates literal-only predicates', () => {
    expect(db.sql('SELECT * FROM person WHERE true').rows).toHaveLength(4);
    expect(db.sql('SELECT * FROM person WHERE false').rows).toHaveLength(0);
  });
});
