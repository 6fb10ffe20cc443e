import { beforeAll, describe, expect, it } from 'vitest';
import { executeSql } from './execute.ts';
import { openSqlTestDb, type SqlTestDb } from './test-module.ts';

let db: SqlTestDb;
beforeAll(async () => {
  db = await openSqlTestDb(undefined, false);
});

const OPTION_STRING = '(some: String | none: ())';

describe('name resolution', () => {
  // upstream crates/expr/src/errors.rs Unresolved; crates/expr/src/check.rs type_from
  it.each([
    ['SELECT * FROM nope', 'no such table: `nope`. If the table exists, it may be marked private.'],
    ['SELECT * FROM Person', 'no such table: `Person`. If the table exists, it may be marked private.'],
    ['SELECT * FROM person WHERE nope = 1', '`nope` is not in scope'],
    ['SELECT * FROM person WHERE Name = 1', '`Name` is not in scope'],
    ['SELECT * FROM person AS p WHERE person.id = 1', '`person` is not in scope'],
    ['SELECT x.* FROM person', '`x` is not in scope'],
    ['SELECT x.name FROM person', '`x` is not in scope'],
    ['SELECT nope FROM person WHERE other = 1', '`other` is not in scope'],
    ['SELECT person.* FROM person JOIN pet ON person.id = nope.ownerId', '`nope` is not in scope'],
    ['SELECT person.* FROM person JOIN person', 'Duplicate name `person`'],
    ['SELECT a.* FROM person AS a JOIN pet AS a', 'Duplicate name `a`'],
    ['SELECT name AS x, age AS x FROM person', 'Duplicate name `x`'],
    ['UPDATE person SET nope = 1', '`person` does not have a field `nope`'],
    ['INSERT INTO person (id, name, nope, age) VALUES (1, \'a\', 2, 3)', '`person` does not have a field `nope`'],
  ])('%s', (sql, message) => {
    expect(db.sqlError(sql)).toBe(message);
  });
});

describe('projections', () => {
  // upstream crates/expr/src/errors.rs InvalidWildcard / Unsupported
  it('refuses SELECT * over a join', () => {
    expect(db.sqlError('SELECT * FROM person JOIN pet ON person.id = pet.ownerId')).toBe('SELECT * is not supported for joins');
  });
});

describe('literal typing', () => {
  const typeError = (sql: string) => {
    const r = executeSql(db.db.store, db.db.schema, sql, db.owner);
    if (r.ok) throw new Error(`expected ${sql} to fail`);
    return r.error;
  };

  // upstream crates/expr/src/errors.rs InvalidLiteral; the cause from crates/expr/src/lib.rs parse_int
  it.each([
    ['256', '256 is out of bounds for type U8'],
    ['-1', '-1 is out of bounds for type U8'],
    ['1e3', '1e3 is out of bounds for type U8'],
    ['1.5', '1.5 is not an integer'],
    ["'x'", 'x is not an integer'],
    ['0xFF', 'FF is not an integer'],
  ])('refuses %s for a U8 column, keeping the cause', (lit, cause) => {
    const e = typeError(`SELECT * FROM person WHERE age = ${lit}`);
    expect(e.message).toBe(`The literal expression \`${lit.replace(/^'|'$/g, '').replace(/^0x/, '')}\` cannot be parsed as type \`U8\``);
    expect(e.detail).toBe(cause);
    expect(e.code).toBe('type');
  });

  it('parses literals by the column type, not the token', () => {
    expect(db.sql("SELECT * FROM person WHERE age = '30'").rows).toEqual([]);
    expect(db.sql('SELECT * FROM person WHERE age = 1e2 OR age = +7 OR age = 2.0').rows).toEqual([]);
    expect(db.sql('SELECT * FROM person WHERE name = 5').rows).toEqual([]);
  });

  // upstream crates/expr/src/errors.rs UnexpectedType, argument order from crates/expr/src/lib.rs _type_expr
  it.each([
    ['SELECT * FROM person WHERE age = true', 'Unexpected type: (expected) Bool != U8 (inferred)'],
    ['SELECT * FROM person WHERE age = name', 'Unexpected type: (expected) String != U8 (inferred)'],
    ['SELECT * FROM person WHERE age', 'Unexpected type: (expected) U8 != Bool (inferred)'],
    ['SELECT person.* FROM person JOIN pet ON person.id = pet.petId', 'Unexpected type: (expected) U64 != U32 (inferred)'],
    ["INSERT INTO person (id, name, age, nickName) VALUES (1, 'a', true, 'b')", 'Unexpected type: (expected) U8 != Bool (inferred)'],
    ["SET row_limit = 'x'", 'Unexpected type: (expected) U64 != String (inferred)'],
  ])('%s', (sql, message) => {
    expect(typeError(sql).message).toBe(message);
  });

  it('cannot type a comparison of two literals', () => {
    expect(typeError('SELECT * FROM person WHERE 1 = 1').message).toBe('Cannot resolve type for literal expression');
  });

  // upstream crates/expr/src/errors.rs InvalidLiteral / InvalidOp with SATS type names (crates/sats/src/algebraic_type/fmt.rs)
  it.each([
    ["SELECT * FROM account WHERE label = 'x'", `The literal expression \`x\` cannot be parsed as type \`${OPTION_STRING}\``],
    ['SELECT * FROM account WHERE identity = 0x1234', 'The literal expression `1234` cannot be parsed as type `(__identity__: U256)`'],
    ["SELECT * FROM account WHERE opened = 'yesterday'", 'The literal expression `yesterday` cannot be parsed as type `(__timestamp_micros_since_unix_epoch__: I64)`'],
    ["SELECT * FROM account WHERE conn = 'abc'", 'The literal expression `abc` cannot be parsed as type `(__connection_id__: U128)`'],
    ["SELECT * FROM account WHERE data = 'zz'", 'The literal expression `zz` cannot be parsed as type `Array<U8>`'],
    ["SELECT * FROM account WHERE active = 'true'", 'The literal expression `true` cannot be parsed as type `Bool`'],
    ['SELECT * FROM person LIMIT 1.5', 'The literal expression `1.5` cannot be parsed as type `U64`'],
    ['SELECT * FROM person WHERE id = :sender', expect.stringMatching(/^The literal expression `c200[0-9a-f]{60}` cannot be parsed as type `U32`$/)],
    ['SELECT a.* FROM account a JOIN account b ON a.label = b.label', `Invalid binary operator \`=\` for type \`${OPTION_STRING}\``],
    ['SELECT a.* FROM account a JOIN account b WHERE a.data < b.data AND a.label <> b.label', `Invalid binary operator \`<>\` for type \`${OPTION_STRING}\``],
  ])('%s', (sql, message) => {
    expect(typeError(sql).message).toEqual(message);
  });
});

describe('DML typing', () => {
  // upstream crates/expr/src/errors.rs InsertValuesError / InsertFieldsError, crates/expr/src/statement.rs
  it.each([
    ["INSERT INTO person (id, name, age, nickName) VALUES (1, 'a', 2)", 'Inserting a row with 3 values into `person` which has 4 fields'],
    ["INSERT INTO person VALUES (1, 'a', 2, 'b'), (2)", 'Inserting a row with 1 values into `person` which has 4 fields'],
    ["INSERT INTO person (id, name) VALUES (1, 'a')", 'The number of fields (2) in the INSERT does not match the number of columns (4) of the table `person`'],
    ['SET nope = 1', 'nope is not a valid system variable'],
    ['SHOW nope', 'nope is not a valid system variable'],
  ])('%s', (sql, message) => {
    expect(db.sqlError(sql)).toBe(message);
  });
});
