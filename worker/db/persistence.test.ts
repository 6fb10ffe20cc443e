import { AlgebraicType as T } from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import { createDatastore, loadRows, restore, snapshot, snapshotRows, splitRows } from './datastore.ts';
import { ERRNO } from './datastore-types.ts';
import { bsatn, cat, errnoOf, hex, makeSchema, rangeArgs, rowEncoder, unbounded } from './test-fixtures.ts';

const schema = makeSchema([
  { name: 'a', columns: [['id', T.U64], ['tag', T.String]], indexes: [{ columns: [0], unique: true }, { columns: [1] }], sequences: [0] },
  { name: 'b', columns: [['x', T.I16]] },
]);
const a = rowEncoder(schema, 0);
const b = rowEncoder(schema, 1);

function filled() {
  const ds = createDatastore(schema);
  ds.begin();
  ds.insert(0, a(0n, 'q'));
  ds.insert(0, a(0n, 'p'));
  ds.insert(0, a(0n, 'q'));
  ds.insert(1, b(-4));
  ds.commit();
  ds.begin();
  ds.insert(0, a(0n, 'lost'));
  ds.rollback();
  return ds;
}

describe('snapshot and restore', () => {
  it('snapshotRows lists each table in insertion order', () => {
    expect(snapshotRows(filled()).map(hex)).toEqual([hex([a(1n, 'q'), a(2n, 'p'), a(3n, 'q')]), hex([b(-4)])]);
  });

  it('a structured-cloned snapshot restores rows, rebuilt indexes and sequence positions', () => {
    const copy = createDatastore(schema);
    restore(copy, structuredClone(snapshot(filled())));
    expect(hex(copy.scanTable(0))).toEqual(hex([a(1n, 'q'), a(2n, 'p'), a(3n, 'q')]));
    expect(hex(copy.scanPoint(1, bsatn(T.String, 'q')))).toEqual(hex([a(1n, 'q'), a(3n, 'q')]));
    expect(hex(copy.scanRange(1, ...rangeArgs([], unbounded())))).toEqual(hex([a(2n, 'p'), a(1n, 'q'), a(3n, 'q')]));
    copy.begin();
    expect(hex([copy.insert(0, a(0n, 'r')).row])).toEqual(hex([a(5n, 'r')]));
    expect(errnoOf(() => copy.insert(0, a(2n, 'dup')))).toBe(ERRNO.UNIQUE_ALREADY_EXISTS);
  });

  it('loadRows replaces existing contents and rejects unique collisions with errno 12', () => {
    const ds = filled();
    loadRows(ds, [[a(9n, 'z')]]);
    expect(hex(ds.scanTable(0))).toEqual(hex([a(9n, 'z')]));
    expect(ds.rowCount(1)).toBe(0n);
    expect(errnoOf(() => loadRows(ds, [[a(1n, 'x'), a(1n, 'y')]]))).toBe(ERRNO.UNIQUE_ALREADY_EXISTS);
  });

  it('splitRows cuts a buffer of concatenated rows and rejects a truncated one with errno 3', () => {
    const ds = createDatastore(schema);
    expect(hex(splitRows(ds, 0, cat(a(1n, 'x'), a(2n, 'yy'))))).toEqual(hex([a(1n, 'x'), a(2n, 'yy')]));
    expect(errnoOf(() => splitRows(ds, 0, a(1n, 'x').subarray(0, 10)))).toBe(ERRNO.BSATN_DECODE_ERROR);
  });
});
