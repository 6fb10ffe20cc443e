import { beforeAll, describe, expect, it } from 'vitest';
import { compileSubscription, evaluateSubscription, type SubscribeOptions, type SubscriptionPlan } from './subscription.ts';
import { openSqlTestDb, type SqlTestDb } from './test-module.ts';

let db: SqlTestDb;
beforeAll(async () => {
  db = await openSqlTestDb();
});

const compile = (sql: string, who: SubscribeOptions = db.owner): SubscriptionPlan[] => {
  const r = compileSubscription(db.db.schema, sql, who);
  if (!r.ok) throw new Error(r.error.message);
  return r.plans;
};
const refusal = (sql: string, who: SubscribeOptions = db.owner): string => {
  const r = compileSubscription(db.db.schema, sql, who);
  if (r.ok) throw new Error(`expected ${sql} to fail`);
  return r.error.message;
};
const rowCount = (sql: string, who: SubscribeOptions = db.owner): number =>
  evaluateSubscription(db.db.store, db.db.schema, compile(sql, who)[0]!, who).length;

describe('subscription queries', () => {
  it('subscribes to every readable table with SELECT * FROM *', () => {
    expect(compile('select * from *', db.client).map(p => p.returnTable.name)).toEqual(['person', 'pet', 'toy', 'account']);
    expect(compile('SELECT * FROM *').map(p => p.returnTable.name)).toEqual(['person', 'pet', 'toy', 'secret', 'account']);
  });

  it('compiles a single-table query into a predicate over rows of the table', () => {
    const [plan] = compile('SELECT * FROM person WHERE age = 25 OR name = \'Alice\'');
    expect(plan).toMatchObject({ returnTable: { name: 'person' }, join: undefined, hasParam: false, rls: false });
    const rows = db.db.store.scanTable(plan!.returnTable.id);
    expect(rows.filter(r => plan!.matches!(r))).toHaveLength(3);
    expect(rowCount('SELECT * FROM person WHERE age = 25 OR name = \'Alice\'')).toBe(3);
  });

  it('records the index on each join column and the side probed', () => {
    const [plan] = compile('SELECT person.* FROM person JOIN pet ON person.id = pet.ownerId WHERE pet.species <> \'owl\'');
    expect(plan!.returnAlias).toBe('person');
    expect(plan!.join?.lookup).toBe('rhs');
    expect(plan!.join?.lhs).toMatchObject({ alias: 'person', column: 0, index: { columns: [0] } });
    expect(plan!.join?.rhs).toMatchObject({ alias: 'pet', column: 1, index: { columns: [1] } });
    expect(plan!.matches).toBeUndefined();
    // Bag semantics: Alice once per pet.
    expect(rowCount('SELECT person.* FROM person JOIN pet ON person.id = pet.ownerId')).toBe(3);
  });

  it('notes :sender as a parameter', () => {
    expect(compile('SELECT * FROM account WHERE identity = :sender')[0]!.hasParam).toBe(true);
  });

  // upstream crates/subscription/src/lib.rs SubscriptionPlan::compile
  it('requires an index on the lookup side of a join', () => {
    expect(refusal('SELECT pet.* FROM pet JOIN toy ON pet.petId = toy.petId')).toBe('Subscriptions require indexes on join columns');
    expect(compile('SELECT toy.* FROM toy JOIN pet ON toy.petId = pet.petId')[0]!.join?.lookup).toBe('rhs');
    // A filter on the right-hand table swaps the sides (upstream ReorderHashJoin), probing pet.petId.
    expect(compile('SELECT toy.* FROM pet JOIN toy ON pet.petId = toy.petId WHERE toy.toyId = 1')[0]!.join?.lookup).toBe('lhs');
    expect(refusal('SELECT person.* FROM person JOIN pet')).toBe('Subscriptions require indexes on join columns');
  });

  it('allows at most two tables', () => {
    expect(refusal('SELECT person.* FROM person JOIN pet ON person.id = pet.ownerId JOIN person AS p2 ON pet.ownerId = p2.id')).toBe(
      'Invalid number of tables in subscription: 3',
    );
  });

  // upstream crates/expr/src/errors.rs
  it('returns whole rows of one table', () => {
    expect(refusal('SELECT name FROM person')).toBe(
      'Column projections are not supported in subscriptions; Subscriptions must return a table type',
    );
    expect(refusal('SELECT COUNT(*) AS n FROM person')).toBe(
      'Column projections are not supported in subscriptions; Subscriptions must return a table type',
    );
    expect(refusal('SELECT * FROM person JOIN pet ON person.id = pet.ownerId')).toBe('SELECT * is not supported for joins');
  });

  it('hides private tables from clients', () => {
    expect(refusal('SELECT * FROM secret', db.client)).toBe('no such table: `secret`. If the table exists, it may be marked private.');
  });

  it('compiles one-off queries without the index rule', () => {
    const who = { ...db.owner, requireIndexJoins: false };
    expect(compile('SELECT person.* FROM person JOIN pet', who)[0]!.tables).toHaveLength(2);
    expect(rowCount('SELECT person.* FROM person JOIN pet', who)).toBe(16);
  });
});

describe('event tables', () => {
  // upstream crates/subscription/src/lib.rs SubscriptionPlan::compile
  it('cannot be the lookup side of a subscription join', async () => {
    const ev = await openSqlTestDb(
      `import { schema, table, t } from 'spacetimedb/server';
const person = table({ name: 'person', public: true }, { id: t.u32().primaryKey() });
const ping = table({ name: 'ping', public: true, event: true }, { personId: t.u32().index('btree') });
export default schema({ person, ping });`,
      false,
    );
    const r = compileSubscription(ev.db.schema, 'SELECT person.* FROM person JOIN ping ON person.id = ping.personId', ev.owner);
    expect(r).toEqual({ ok: false, error: { code: 'plan', message: 'Event tables cannot be used as the lookup table in subscription joins' } });
    expect(compileSubscription(ev.db.schema, 'SELECT ping.* FROM ping JOIN person ON ping.personId = person.id', ev.owner).ok).toBe(true);
  });
});
