import { AlgebraicType as T } from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import { createDatastore } from './datastore.ts';
import { ERRNO } from './datastore-types.ts';
import { bsatn, errnoOf, hex, makeSchema, rowEncoder } from './test-fixtures.ts';

/** person(id u32 pk, name string unique, age u8 btree) and log(msg string) without indexes. */
function fixture() {
  const schema = makeSchema([
    {
      name: 'person',
      columns: [['id', T.U32], ['name', T.String], ['age', T.U8]],
      indexes: [{ columns: [0], unique: true }, { columns: [1], unique: true, algorithm: 'hash' }, { columns: [2] }],
    },
    { name: 'log', columns: [['msg', T.String]] },
  ]);
  const ds = createDatastore(schema);
  return { ds, person: rowEncoder(schema, 0), log: rowEncoder(schema, 1) };
}

describe('set semantics and unique constraints', () => {
  it('inserting a byte-identical row is a silent no-op with no delta', () => {
    const { ds, person } = fixture();
    ds.begin();
    ds.insert(0, person(1, 'ann', 30));
    ds.commit();
    ds.begin();
    expect(() => ds.insert(0, person(1, 'ann', 30))).not.toThrow();
    expect(ds.commit()).toEqual([]);
    expect(ds.rowCount(0)).toBe(1n);
  });

  it('copies the inserted row, so callers may reuse their buffer', () => {
    const { ds, person } = fixture();
    const buf = person(1, 'ann', 30);
    ds.begin();
    ds.insert(0, buf);
    buf.fill(0);
    ds.commit();
    expect(hex(ds.scanTable(0))).toEqual(hex([person(1, 'ann', 30)]));
  });

  it('a different row with an existing unique key fails with errno 12 and changes nothing', () => {
    const { ds, person } = fixture();
    ds.begin();
    ds.insert(0, person(1, 'ann', 30));
    expect(errnoOf(() => ds.insert(0, person(1, 'bob', 40)))).toBe(ERRNO.UNIQUE_ALREADY_EXISTS);
    expect(errnoOf(() => ds.insert(0, person(2, 'ann', 40)))).toBe(ERRNO.UNIQUE_ALREADY_EXISTS);
    expect(ds.commit()).toEqual([{ tableId: 0, inserts: [person(1, 'ann', 30)], deletes: [] }]);
    expect(ds.scanPoint(2, bsatn(T.U8, 40))).toEqual([]);
  });

  it('a table without indexes still keeps set semantics', () => {
    const { ds, log } = fixture();
    ds.begin();
    ds.insert(1, log('a'));
    ds.insert(1, log('a'));
    ds.insert(1, log('b'));
    expect(hex(ds.commit()[0]!.inserts)).toEqual(hex([log('a'), log('b')]));
    expect(hex(ds.scanTable(1))).toEqual(hex([log('a'), log('b')]));
  });

  it('malformed row BSATN fails with errno 3', () => {
    const { ds, person } = fixture();
    ds.begin();
    const row = person(1, 'ann', 30);
    expect(errnoOf(() => ds.insert(0, row.subarray(0, row.length - 1)))).toBe(ERRNO.BSATN_DECODE_ERROR);
    expect(errnoOf(() => ds.insert(0, Uint8Array.of(...row, 0)))).toBe(ERRNO.BSATN_DECODE_ERROR);
    expect(ds.rowCount(0)).toBe(0n);
  });
});

describe('transactions', () => {
  it('writes outside a transaction fail with errno 2 while reads work', () => {
    const { ds, person } = fixture();
    expect(errnoOf(() => ds.insert(0, person(1, 'a', 1)))).toBe(ERRNO.NOT_IN_TRANSACTION);
    expect(errnoOf(() => ds.clear(0))).toBe(ERRNO.NOT_IN_TRANSACTION);
    expect(errnoOf(() => ds.deleteAllByEq(0, []))).toBe(ERRNO.NOT_IN_TRANSACTION);
    expect(errnoOf(() => ds.deleteByPoint(0, bsatn(T.U32, 1)))).toBe(ERRNO.NOT_IN_TRANSACTION);
    expect(ds.scanTable(0)).toEqual([]);
    expect(ds.rowCount(0)).toBe(0n);
  });

  it('begin inside a transaction throws a plain Error', () => {
    const { ds } = fixture();
    ds.begin();
    expect(() => ds.begin()).toThrow(Error);
    expect(ds.inTx).toBe(true);
    ds.commit();
    expect(ds.inTx).toBe(false);
  });

  it('unknown table and index ids fail with errno 4 and 5', () => {
    const { ds, person } = fixture();
    ds.begin();
    expect(errnoOf(() => ds.insert(7, person(1, 'a', 1)))).toBe(ERRNO.NO_SUCH_TABLE);
    expect(errnoOf(() => ds.scanTable(7))).toBe(ERRNO.NO_SUCH_TABLE);
    expect(errnoOf(() => ds.scanPoint(99, bsatn(T.U32, 1)))).toBe(ERRNO.NO_SUCH_INDEX);
    expect(errnoOf(() => ds.update(0, 99, person(1, 'a', 1)))).toBe(ERRNO.NO_SUCH_INDEX);
  });

  it('the delta nets out a row inserted then deleted, and a row deleted then re-inserted', () => {
    const { ds, person, log } = fixture();
    ds.begin();
    ds.insert(0, person(1, 'ann', 30));
    ds.insert(0, person(2, 'bob', 40));
    ds.commit();
    ds.begin();
    ds.insert(1, log('hello'));
    ds.insert(0, person(3, 'cid', 50));
    ds.deleteByPoint(0, bsatn(T.U32, 3));
    ds.deleteByPoint(0, bsatn(T.U32, 1));
    ds.insert(0, person(1, 'ann', 30));
    ds.deleteByPoint(0, bsatn(T.U32, 2));
    ds.insert(0, person(4, 'dan', 60));
    expect(ds.commit()).toEqual([
      { tableId: 0, inserts: [person(4, 'dan', 60)], deletes: [person(2, 'bob', 40)] },
      { tableId: 1, inserts: [log('hello')], deletes: [] },
    ]);
    expect(hex(ds.scanTable(0))).toEqual(hex([person(1, 'ann', 30), person(4, 'dan', 60)]));
  });

  it('a delta lists inserts and deletes in the order they happened, tables in id order', () => {
    const { ds, person, log } = fixture();
    ds.begin();
    ds.insert(1, log('z'));
    ds.insert(0, person(3, 'c', 3));
    ds.insert(0, person(1, 'a', 1));
    ds.insert(0, person(2, 'b', 2));
    ds.commit();
    ds.begin();
    ds.deleteAllByEq(0, [person(2, 'b', 2), person(3, 'c', 3)]);
    const delta = ds.commit();
    expect(delta.map(d => d.tableId)).toEqual([0]);
    expect(hex(delta[0]!.deletes)).toEqual(hex([person(2, 'b', 2), person(3, 'c', 3)]));
  });
});

describe('update through a unique index', () => {
  function seeded() {
    const f = fixture();
    f.ds.begin();
    f.ds.insert(0, f.person(1, 'ann', 30));
    f.ds.insert(0, f.person(2, 'bob', 40));
    f.ds.commit();
    f.ds.begin();
    return f;
  }

  it('replaces the row found by the new row key: a delete plus an insert in the delta', () => {
    const { ds, person } = seeded();
    const r = ds.update(0, 0, person(1, 'ann', 31));
    expect(hex([r.row])).toEqual(hex([person(1, 'ann', 31)]));
    expect(r.generated.length).toBe(0);
    expect(ds.commit()).toEqual([{ tableId: 0, inserts: [person(1, 'ann', 31)], deletes: [person(1, 'ann', 30)] }]);
    expect(hex(ds.scanPoint(2, bsatn(T.U8, 31)))).toEqual(hex([person(1, 'ann', 31)]));
    expect(ds.scanPoint(2, bsatn(T.U8, 30))).toEqual([]);
  });

  it('an update to an identical row produces no delta', () => {
    const { ds, person } = seeded();
    ds.update(0, 0, person(1, 'ann', 30));
    expect(ds.commit()).toEqual([]);
  });

  it('a non-unique index fails with errno 14', () => {
    const { ds, person } = seeded();
    expect(errnoOf(() => ds.update(0, 2, person(1, 'ann', 30)))).toBe(ERRNO.INDEX_NOT_UNIQUE);
  });

  it('a key with no row fails with errno 15', () => {
    const { ds, person } = seeded();
    expect(errnoOf(() => ds.update(0, 0, person(9, 'zed', 1)))).toBe(ERRNO.NO_SUCH_ROW);
  });

  it('a collision on another unique index fails with errno 12 and leaves both rows', () => {
    const { ds, person } = seeded();
    expect(errnoOf(() => ds.update(0, 0, person(1, 'bob', 30)))).toBe(ERRNO.UNIQUE_ALREADY_EXISTS);
    expect(ds.commit()).toEqual([]);
    expect(ds.rowCount(0)).toBe(2n);
  });

  it('updating through the other unique index changes the first index key', () => {
    const { ds, person } = seeded();
    ds.update(0, 1, person(7, 'bob', 40));
    ds.commit();
    expect(hex(ds.scanPoint(0, bsatn(T.U32, 7)))).toEqual(hex([person(7, 'bob', 40)]));
    expect(ds.scanPoint(0, bsatn(T.U32, 2))).toEqual([]);
  });
});

describe('deletes', () => {
  function seeded() {
    const f = fixture();
    f.ds.begin();
    for (let i = 1; i <= 5; i++) f.ds.insert(0, f.person(i, `p${i}`, i % 2));
    f.ds.commit();
    f.ds.begin();
    return f;
  }

  it('deleteAllByEq deletes exactly the byte-equal rows and counts them', () => {
    const { ds, person } = seeded();
    expect(ds.deleteAllByEq(0, [person(2, 'p2', 0), person(2, 'p2', 0), person(3, 'p3', 0), person(4, 'p4', 0)])).toBe(2);
    expect(ds.rowCount(0)).toBe(3n);
    expect(hex(ds.commit()[0]!.deletes)).toEqual(hex([person(2, 'p2', 0), person(4, 'p4', 0)]));
  });

  it('deleteAllByEq with a malformed row fails with errno 3 before deleting anything', () => {
    const { ds, person } = seeded();
    expect(errnoOf(() => ds.deleteAllByEq(0, [person(2, 'p2', 0), Uint8Array.of(1, 2)]))).toBe(ERRNO.BSATN_DECODE_ERROR);
    expect(ds.rowCount(0)).toBe(5n);
  });

  it('deleteByPoint on a non-unique index deletes every row with the key', () => {
    const { ds } = seeded();
    expect(ds.deleteByPoint(2, bsatn(T.U8, 1))).toBe(3);
    expect(ds.rowCount(0)).toBe(2n);
  });

  it('clear deletes every row, returns a bigint count and empties the indexes', () => {
    const { ds, person } = seeded();
    expect(ds.clear(0)).toBe(5n);
    expect(ds.scanTable(0)).toEqual([]);
    expect(ds.scanPoint(0, bsatn(T.U32, 1))).toEqual([]);
    ds.insert(0, person(1, 'p1', 1));
    const delta = ds.commit();
    expect(delta[0]!.inserts).toEqual([]);
    expect(delta[0]!.deletes.length).toBe(4);
    expect(ds.rowCount(0)).toBe(1n);
  });
});
