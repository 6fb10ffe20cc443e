import { describe, expect, it } from 'vitest';
import { executeSql } from './execute.ts';
import { openSqlTestDb } from './test-module.ts';

describe('SQL DML', () => {
  it('inserts rows as one committed transaction and reports its delta', async () => {
    const db = await openSqlTestDb();
    const r = db.sql("INSERT INTO person (id, name, age, nickName) VALUES (10, 'Eve', 40, 'e'), (11, 'Fay', 41, 'f')");
    expect(r.stats).toEqual({ rowsInserted: 2, rowsDeleted: 0, rowsUpdated: 0 });
    expect(db.db.store.inTx).toBe(false);
    const person = db.db.schema.tables.find(t => t.name === 'person')!;
    expect(r.delta).toEqual([{ tableId: person.id, inserts: [expect.any(Uint8Array), expect.any(Uint8Array)], deletes: [] }]);
    expect(db.sql('SELECT name FROM person WHERE id >= 10').rows).toEqual([['Eve'], ['Fay']]);
  });

  it('inserts without a column list, and by canonical or source column names in any order', async () => {
    const db = await openSqlTestDb();
    db.sql("INSERT INTO person VALUES (12, 'Gus', 50, 'g')");
    db.sql("INSERT INTO person (nick_name, age, name, id) VALUES ('h', 51, 'Hal', 13)");
    expect(db.sql('SELECT * FROM person WHERE id > 11').rows).toEqual([
      [12, 'Gus', 50, 'g'],
      [13, 'Hal', 51, 'h'],
    ]);
  });

  it('fills autoinc columns given as 0', async () => {
    const db = await openSqlTestDb();
    db.sql("INSERT INTO pet (petId, ownerId, species) VALUES (0, 3, 'rat')");
    expect(db.sql("SELECT petId FROM pet WHERE species = 'rat'").rows).toEqual([[5]]);
  });

  it('rolls back every row when one insert fails', async () => {
    const db = await openSqlTestDb();
    const error = db.sqlError("INSERT INTO person (id, name, age, nickName) VALUES (20, 'x', 1, 'x'), (1, 'dup', 1, 'x')");
    expect(error).toMatch(/unique/i);
    expect(db.db.store.inTx).toBe(false);
    expect(db.sql('SELECT * FROM person WHERE id = 20').rows).toEqual([]);
  });

  it('updates the matching rows and counts them', async () => {
    const db = await openSqlTestDb();
    const r = db.sql("UPDATE person SET age = 26, nickName = 'young' WHERE age = 25");
    expect(r.stats.rowsUpdated).toBe(2);
    expect(r.delta?.[0]?.deletes).toHaveLength(2);
    expect(r.delta?.[0]?.inserts).toHaveLength(2);
    expect(db.sql('SELECT name, age, nick_name FROM person WHERE age = 26').rows).toEqual([
      ['Bob', 26, 'young'],
      ['Dave', 26, 'young'],
    ]);
    expect(db.sql('UPDATE person SET age = 1 WHERE person.id = 99').stats.rowsUpdated).toBe(0);
  });

  it('deletes the matching rows, or all of them', async () => {
    const db = await openSqlTestDb();
    expect(db.sql("DELETE FROM pet WHERE species = 'dog' OR ownerId = 9").stats.rowsDeleted).toBe(2);
    expect(db.sql('SELECT species FROM pet').rows).toEqual([['cat'], ['fish']]);
    expect(db.sql('DELETE FROM pet').stats.rowsDeleted).toBe(2);
    expect(db.sql('SELECT COUNT(*) AS n FROM pet').rows).toEqual([[0]]);
  });

  it('refuses DML from anyone but the owner, naming the caller', async () => {
    const db = await openSqlTestDb();
    const hex = db.client.caller.toString(16).padStart(64, '0');
    // upstream crates/core/src/sql/execute.rs
    for (const sql of ["INSERT INTO person VALUES (30, 'x', 1, 'x')", 'UPDATE person SET age = 1', 'DELETE FROM person', 'SET row_limit = 5']) {
      const r = executeSql(db.db.store, db.db.schema, sql, db.client);
      expect(r).toEqual({ ok: false, error: { code: 'permission', message: `Caller ${hex} is not authorized to run SQL DML statements` } });
    }
    expect(db.sql('SELECT COUNT(*) AS n FROM person').rows).toEqual([[4]]);
    // Typing comes first: a private table is unknown to the client.
    expect(db.sqlError('DELETE FROM secret', db.client)).toBe('no such table: `secret`. If the table exists, it may be marked private.');
  });

  it('sets and shows system variables', async () => {
    const db = await openSqlTestDb(undefined, false);
    const vars = new Map<string, bigint>();
    const owner = { ...db.owner, vars };
    db.sql('SET row_limit TO 1000', owner);
    expect(vars.get('row_limit')).toBe(1000n);
    expect(db.sql('SHOW row_limit', owner).rows).toEqual([[1000]]);
  });
});
