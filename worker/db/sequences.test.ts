import { AlgebraicType as T } from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import { createDatastore } from './datastore.ts';
import { ERRNO } from './datastore-types.ts';
import { bsatn, cat, errnoOf, hex, makeSchema, rowEncoder } from './test-fixtures.ts';

function fixture() {
  const schema = makeSchema([
    {
      name: 'item',
      columns: [['id', T.U64], ['name', T.String]],
      indexes: [{ columns: [0], unique: true }],
      sequences: [0],
    },
    {
      name: 'wide',
      columns: [['a', T.U8], ['b', T.I32], ['c', T.U128], ['d', T.I256], ['e', T.I16]],
      sequences: [0, 1, 2, 3, 4],
    },
  ]);
  return { ds: createDatastore(schema), item: rowEncoder(schema, 0), wide: rowEncoder(schema, 1) };
}

describe('autoinc sequences', () => {
  it('a zero value is replaced by the next value, written back as generated BSATN', () => {
    const { ds, item } = fixture();
    ds.begin();
    const r1 = ds.insert(0, item(0n, 'a'));
    const r2 = ds.insert(0, item(0n, 'b'));
    expect(hex([r1.generated, r2.generated])).toEqual(hex([bsatn(T.U64, 1n), bsatn(T.U64, 2n)]));
    expect(hex([r1.row, r2.row])).toEqual(hex([item(1n, 'a'), item(2n, 'b')]));
    expect(hex(ds.commit()[0]!.inserts)).toEqual(hex([item(1n, 'a'), item(2n, 'b')]));
  });

  it('a non-zero value is stored verbatim and does not advance the sequence', () => {
    const { ds, item } = fixture();
    ds.begin();
    const r = ds.insert(0, item(10n, 'x'));
    expect(r.generated.length).toBe(0);
    expect(hex([ds.insert(0, item(0n, 'y')).generated])).toEqual(hex([bsatn(T.U64, 1n)]));
  });

  it('a generated value colliding with an explicit one fails with errno 12 yet still advances', () => {
    const { ds, item } = fixture();
    ds.begin();
    ds.insert(0, item(1n, 'explicit'));
    expect(errnoOf(() => ds.insert(0, item(0n, 'auto')))).toBe(ERRNO.UNIQUE_ALREADY_EXISTS);
    expect(hex([ds.insert(0, item(0n, 'auto')).row])).toEqual(hex([item(2n, 'auto')]));
  });

  it('a rolled-back insert leaves a gap: sequences are never rolled back', () => {
    const { ds, item } = fixture();
    ds.begin();
    ds.insert(0, item(0n, 'a'));
    ds.commit();
    ds.begin();
    ds.insert(0, item(0n, 'b'));
    ds.rollback();
    ds.begin();
    expect(hex([ds.insert(0, item(0n, 'c')).row])).toEqual(hex([item(3n, 'c')]));
    ds.commit();
    expect(hex(ds.scanTable(0))).toEqual(hex([item(1n, 'a'), item(3n, 'c')]));
  });

  it('every integer width is supported; generated holds only the triggered columns, in column order', () => {
    const { ds, wide } = fixture();
    ds.begin();
    const r1 = ds.insert(1, wide(0, 0, 0n, 0n, 0));
    expect(hex([r1.row])).toEqual(hex([wide(1, 1, 1n, 1n, 1)]));
    expect(hex([r1.generated])).toEqual(
      hex([cat(bsatn(T.U8, 1), bsatn(T.I32, 1), bsatn(T.U128, 1n), bsatn(T.I256, 1n), bsatn(T.I16, 1))])
    );
    const r2 = ds.insert(1, wide(7, 0, 5n, 0n, -3));
    expect(hex([r2.row])).toEqual(hex([wide(7, 2, 5n, 2n, -3)]));
    expect(hex([r2.generated])).toEqual(hex([cat(bsatn(T.I32, 2), bsatn(T.I256, 2n))]));
  });

  it('a u8 sequence wraps back to 1 after 255', () => {
    const { ds, wide } = fixture();
    ds.begin();
    for (let i = 1; i <= 255; i++) ds.insert(1, wide(0, i, 1n, 1n, 1));
    expect(hex([ds.insert(1, wide(0, 999, 1n, 1n, 1)).generated])).toEqual(hex([bsatn(T.U8, 1)]));
  });

  it('an update with a zero autoinc column generates a value too', () => {
    const schema = makeSchema([
      {
        name: 't',
        columns: [['k', T.String], ['n', T.U32]],
        indexes: [{ columns: [0], unique: true }],
        sequences: [1],
      },
    ]);
    const ds = createDatastore(schema);
    const row = rowEncoder(schema, 0);
    ds.begin();
    ds.insert(0, row('a', 0));
    const r = ds.update(0, 0, row('a', 0));
    expect(hex([r.row, r.generated])).toEqual(hex([row('a', 2), bsatn(T.U32, 2)]));
  });
});
