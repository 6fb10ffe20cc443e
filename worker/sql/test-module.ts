/**
 * A module for the SQL tests: tables with canonical names differing from
 * source names, indexed and unindexed join columns, a private table, and
 * one column of each special type. `seed` fills it deterministically.
 */
import { openTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { executeSql, type ExecuteOptions, type SqlSuccess } from './execute.ts';

export const SQL_TEST_MODULE = `
import { schema, table, t } from 'spacetimedb/server';
const person = table({ name: 'person', public: true }, {
  id: t.u32().primaryKey(),
  name: t.string(),
  age: t.u8(),
  nickName: t.string(),
});
const pet = table({ name: 'pet', public: true }, {
  petId: t.u64().primaryKey().autoInc(),
  ownerId: t.u32().index('btree'),
  species: t.string(),
});
const toy = table({ name: 'toy', public: true }, { toyId: t.u32(), petId: t.u64() });
const secret = table({ name: 'secret' }, { id: t.u32().primaryKey(), note: t.string() });
const account = table({ name: 'account', public: true }, {
  identity: t.identity().primaryKey(),
  conn: t.connectionId(),
  opened: t.timestamp(),
  data: t.byteArray(),
  balance: t.i64(),
  ratio: t.f64(),
  active: t.bool(),
  label: t.string().optional(),
});
const spacetimedb = schema({ person, pet, toy, secret, account });
export default spacetimedb;
export const seed = spacetimedb.reducer(ctx => {
  const people = [[1, 'Alice', 30, 'ali'], [2, 'Bob', 25, 'bobby'], [3, 'Carol', 35, 'caz'], [4, 'Dave', 25, 'd']];
  for (const [id, name, age, nickName] of people) ctx.db.person.insert({ id, name, age, nickName });
  for (const [ownerId, species] of [[1, 'cat'], [1, 'dog'], [2, 'fish'], [9, 'owl']]) ctx.db.pet.insert({ petId: 0n, ownerId, species });
  for (const [toyId, petId] of [[1, 1n], [2, 1n], [3, 2n]]) ctx.db.toy.insert({ toyId, petId });
  ctx.db.secret.insert({ id: 1, note: 'hidden' });
});
export const open_account = spacetimedb.reducer({ balance: t.i64(), data: t.byteArray() }, (ctx, { balance, data }) => {
  ctx.db.account.insert({
    identity: ctx.sender, conn: ctx.connectionId!, opened: ctx.timestamp, data, balance,
    ratio: 0.5, active: balance > 0n, label: undefined,
  });
});
`;

export type SqlTestDb = TestDatabase & {
  owner: ExecuteOptions;
  client: ExecuteOptions;
  /** Runs as `who` (the owner by default) and returns the success value, or throws the error message. */
  sql(sql: string, who?: ExecuteOptions): SqlSuccess;
  /** Runs and returns the error message (throws if it succeeded). */
  sqlError(sql: string, who?: ExecuteOptions): string;
};

export async function openSqlTestDb(source = SQL_TEST_MODULE, seed = true): Promise<SqlTestDb> {
  const t = await openTestDatabase(source);
  if (seed) t.call('seed');
  const owner: ExecuteOptions = { caller: t.db.owner, isOwner: true };
  const client: ExecuteOptions = { caller: t.connect('alice').caller.identity, isOwner: false };
  const run = (sql: string, who = owner) => executeSql(t.db.store, t.db.schema, sql, who);
  return {
    ...t,
    owner,
    client,
    sql(sql, who) {
      const r = run(sql, who);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    },
    sqlError(sql, who) {
      const r = run(sql, who);
      if (r.ok) throw new Error(`expected ${sql} to fail`);
      return r.error.message;
    },
  };
}
