import { beforeAll, describe, expect, it } from 'vitest';
import { compileSubscription } from './subscription.ts';
import { openSqlTestDb, type SqlTestDb } from './test-module.ts';

let db: SqlTestDb;
beforeAll(async () => {
  db = await openSqlTestDb(undefined, false);
});

const subError = (sql: string): string => {
  const r = compileSubscription(db.db.schema, sql, db.owner);
  if (r.ok) throw new Error(`expected ${sql} to fail`);
  return r.error.message;
};

describe('the ad-hoc SQL grammar', () => {
  // upstream crates/sql-parser/src/parser/errors.rs SqlUnsupported
  it.each([
    ['SELECT * FROM person; SELECT * FROM pet', 'Multiple SQL statements are not supported'],
    ['', 'Empty SQL query'],
    [' ; ;', 'Empty SQL query'],
    ['SELECT * FROM person WHERE NOT age = 1', 'Unsupported expression: NOT age = 1'],
    ['SELECT * FROM person WHERE age IN (1, 2)', 'Unsupported expression: age IN (1, 2)'],
    ['SELECT * FROM person WHERE name IS NULL', 'Unsupported expression: name IS NULL'],
    ["SELECT * FROM person WHERE name LIKE 'A%'", "Unsupported expression: name LIKE 'A%'"],
    ['SELECT * FROM person WHERE age BETWEEN 1 AND 2', 'Unsupported expression: age BETWEEN 1 AND 2'],
    ['SELECT * FROM person WHERE abs(age) = 1', 'Unsupported expression: abs(age)'],
    ['SELECT * FROM person WHERE -age = 1', 'Unsupported expression: -age'],
    ['SELECT * FROM person WHERE age + 1 = 2', 'Unsupported binary operator: +'],
    ["SELECT * FROM person WHERE name || 'x' = 'y'", 'Unsupported binary operator: ||'],
    ['SELECT * FROM person WHERE age = NULL', 'Unsupported literal expression: NULL'],
    ["SELECT * FROM person WHERE age = B'1010'", "Unsupported literal expression: B'1010'"],
    ['SELECT * FROM person WHERE age = :other', 'Unsupported literal expression: :other'],
    ['SELECT COUNT(*) FROM person', 'Aggregate expressions must have column aliases'],
    ['SELECT SUM(age) AS s FROM person', 'Unsupported aggregate function: SUM(age)'],
    ['SELECT COUNT(DISTINCT age) AS s FROM person', 'Unsupported aggregate function: COUNT(DISTINCT age)'],
    ['SELECT person.*, name FROM person', 'Mixed wildcard projections are not supported'],
    ['SELECT name, age + 1 FROM person', 'Unsupported projection expression: age + 1'],
    ['SELECT * FROM person, pet', 'Implicit joins are not supported'],
    ['SELECT person.* FROM person LEFT JOIN pet ON person.id = pet.ownerId', 'Non-inner joins are not supported'],
    ["SELECT person.* FROM person JOIN pet ON person.id = pet.ownerId AND pet.species = 'cat'", 'Non-inner joins are not supported'],
    ['SELECT person.* FROM person JOIN pet USING (id)', 'Non-inner joins are not supported'],
    ['SELECT *', 'A FROM clause is required'],
    // upstream parses the projection first: parse_select in crates/sql-parser/src/parser/sql.rs
    ['SELECT 1', 'Unsupported projection expression: 1'],
    ['SELECT name FROM person JOIN pet ON person.id = pet.ownerId', 'Names must be qualified when using joins'],
    ['SELECT person.name FROM person JOIN pet ON id = ownerId', 'Names must be qualified when using joins'],
    ['SELECT person.* FROM person JOIN pet WHERE species = 1', 'Names must be qualified when using joins'],
    ['SELECT * FROM person ORDER BY name', 'Unsupported: SELECT * FROM person ORDER BY name'],
    ['SELECT DISTINCT name FROM person', 'Unsupported: SELECT DISTINCT name FROM person'],
    ['SELECT age FROM person GROUP BY age', 'Unsupported: SELECT age FROM person GROUP BY age'],
    ["SELECT * FROM person LIMIT 'x'", "Unsupported LIMIT expression: 'x'"],
    ['SELECT * FROM (SELECT * FROM person) AS p', 'Unsupported FROM expression: (SELECT * FROM person) AS p'],
    // upstream sql-parser parse_alias: a subquery in a join needs an alias (a table is its own)
    ['SELECT p.* FROM (SELECT * FROM person) JOIN pet p ON p.id = p.ownerId', 'Aliases are required for JOIN'],
    ['DELETE FROM person, pet', 'Multi-table DELETE is not supported'],
    ['DELETE FROM person AS p', 'Unsupported table expression in DELETE: person AS p'],
    ['INSERT INTO person SELECT * FROM person', 'Unsupported INSERT expression: SELECT * FROM person'],
    ['INSERT INTO person (id) VALUES (1 + 1)', 'Unsupported INSERT value: 1 + 1'],
    ['UPDATE person SET age = age + 1', 'Unsupported column/variable assignment expression: age + 1'],
    ['CREATE TABLE x (a INT)', 'Unsupported: CREATE TABLE x (a INT)'],
  ])('refuses %s', (sql, message) => {
    expect(db.sqlError(sql)).toBe(message);
  });

  it('reports syntax errors as sqlparser does', () => {
    expect(db.sqlError('SELEC * FROM person')).toMatch(/^sql parser error: /);
    expect(db.sqlError('SELECT * FROM person WHERE')).toBe('sql parser error: Expected: an expression, found: EOF');
    expect(db.sqlError("SELECT * FROM person WHERE name = 'open")).toMatch(/^sql parser error: Unterminated string literal/);
    expect(db.sqlError('SELECT * FROM person person2 person3')).toMatch(/^sql parser error: Expected: end of statement, found: person3/);
  });

  it('accepts comments, quoted identifiers, a trailing semicolon and keywords in any case', () => {
    expect(db.sql('select "name" from "person" -- trailing\n where /* inline */ id = 1;').rows).toEqual([]);
  });

  it('refuses expressions nested beyond the recursion limit', () => {
    const deep = 'SELECT * FROM person WHERE ' + Array.from({ length: 2000 }, () => 'age = 1').join(' AND ');
    // upstream crates/sql-parser/src/parser/recursion.rs MAX_RECURSION_EXPR
    expect(db.sqlError(deep)).toMatch(/^Recursion limit exceeded/);
  });
});

describe('the subscription grammar', () => {
  // upstream crates/sql-parser/src/parser/errors.rs SubscriptionUnsupported
  it.each([
    ['DELETE FROM person', 'Unsupported: Non-SELECT queries'],
    ["INSERT INTO person (id) VALUES (1)", 'Unsupported: Non-SELECT queries'],
    ['SELECT * FROM person LIMIT 5', 'Unsupported: SELECT * FROM person LIMIT 5'],
    ['SELECT DISTINCT * FROM person', 'Unsupported SELECT: SELECT DISTINCT * FROM person'],
    ['SELECT * FROM person UNION SELECT * FROM person', 'Unsupported set operation: SELECT * FROM person UNION SELECT * FROM person'],
    ['SELECT * FROM person; SELECT * FROM pet', 'Multiple SQL statements are not supported'],
    ['   ', 'Empty SQL query'],
    ['SELECT * FROM person WHERE NOT id = 1', 'Unsupported expression: NOT id = 1'],
  ])('refuses %s', (sql, message) => {
    expect(subError(sql)).toBe(message);
  });
});
