import { AlgebraicType as T } from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import { createDatastore } from './datastore.ts';
import { ERRNO } from './datastore-types.ts';
import { bsatn, cat, errnoOf, excluded, hex, included, makeSchema, rangeArgs, rowEncoder, unbounded } from './test-fixtures.ts';

/** ev(id u32, team i32, name string, score u64): btree (team, name, score), hash (team), unique hash (id). */
const schema = makeSchema([
  {
    name: 'ev',
    columns: [['id', T.U32], ['team', T.I32], ['name', T.String], ['score', T.U64]],
    indexes: [{ columns: [1, 2, 3] }, { columns: [1], algorithm: 'hash' }, { columns: [0], unique: true, algorithm: 'hash' }],
  },
]);
const ev = rowEncoder(schema, 0);
const BIG = 2n ** 53n;
const ROWS: [number, number, string, bigint][] = [
  [0, 5, 'b', 1n],
  [1, -1, 'a', BIG + 1n],
  [2, -2000000000, 'z', 0n],
  [3, 5, 'a', 2n ** 64n - 1n],
  [4, 5, 'a', BIG],
  [5, 0, '', 7n],
  [6, 5, 'ab', 3n],
  [7, -1, 'a', BIG - 1n],
  [8, 5, 'a', BIG + 2n],
];

function seeded() {
  const ds = createDatastore(schema);
  ds.begin();
  for (const r of ROWS) ds.insert(0, ev(...r));
  ds.commit();
  const ids = (rows: Uint8Array[]) => rows.map(r => r[0]!);
  return { ds, ids };
}

const i32 = (v: number) => bsatn(T.I32, v);
const s = (v: string) => bsatn(T.String, v);
const u64 = (v: bigint) => bsatn(T.U64, v);

describe('multi-column btree range scans', () => {
  it('an unbounded scan lists rows by (team, name, score): negative ints first, strings by bytes, u64 past 2^53 numerically', () => {
    const { ds, ids } = seeded();
    expect(ids(ds.scanRange(0, ...rangeArgs([], unbounded())))).toEqual([2, 7, 1, 5, 4, 8, 3, 6, 0]);
  });

  it('a bound on the first column: included start, excluded end', () => {
    const { ds, ids } = seeded();
    expect(ids(ds.scanRange(0, ...rangeArgs([], included(i32(-1)), excluded(i32(5)))))).toEqual([7, 1, 5]);
    expect(ids(ds.scanRange(0, ...rangeArgs([], excluded(i32(-1)), included(i32(5)))))).toEqual([5, 4, 8, 3, 6, 0]);
    expect(ids(ds.scanRange(0, ...rangeArgs([], unbounded(), excluded(i32(0)))))).toEqual([2, 7, 1]);
  });

  it('rend_len 0 means the end bound equals the start bound', () => {
    const { ds, ids } = seeded();
    expect(ids(ds.scanRange(0, ...rangeArgs([], included(i32(-1)))))).toEqual([7, 1]);
    expect(ids(ds.scanRange(0, ...rangeArgs([], excluded(i32(-1)))))).toEqual([]);
  });

  it('a prefix of equal columns then a range on the next column', () => {
    const { ds, ids } = seeded();
    expect(ids(ds.scanRange(0, ...rangeArgs([i32(5)], included(s('a')), excluded(s('b')))))).toEqual([4, 8, 3, 6]);
    expect(ids(ds.scanRange(0, ...rangeArgs([i32(5), s('a')], excluded(u64(BIG)), unbounded())))).toEqual([8, 3]);
    expect(ids(ds.scanRange(0, ...rangeArgs([i32(5), s('a')], included(u64(BIG + 2n)), included(u64(2n ** 64n - 1n)))))).toEqual([8, 3]);
    expect(ids(ds.scanRange(0, ...rangeArgs([i32(5)], included(s('a')))))).toEqual([4, 8, 3]);
  });

  it('prefix bytes are ignored when prefix_elems is 0', () => {
    const { ds, ids } = seeded();
    const start = included(i32(0));
    const buf = cat(Uint8Array.of(9, 9, 9), start);
    expect(ids(ds.scanRange(0, buf, 3, 0, start.length, 0))).toEqual([5]);
  });

  it('an empty or inverted range returns nothing', () => {
    const { ds, ids } = seeded();
    expect(ids(ds.scanRange(0, ...rangeArgs([], included(i32(5)), included(i32(-1)))))).toEqual([]);
    expect(ids(ds.scanRange(0, ...rangeArgs([], excluded(i32(5)), excluded(i32(5)))))).toEqual([]);
  });

  it('deleteByRange deletes what scanRange lists and returns the count', () => {
    const { ds, ids } = seeded();
    ds.begin();
    expect(ds.deleteByRange(0, ...rangeArgs([i32(5)], included(s('a')), included(s('a'))))).toBe(3);
    expect(hex(ds.commit()[0]!.deletes)).toEqual(hex([ev(...ROWS[4]!), ev(...ROWS[8]!), ev(...ROWS[3]!)]));
    expect(ids(ds.scanRange(0, ...rangeArgs([i32(5)], unbounded())))).toEqual([6, 0]);
  });

  it('a malformed bound, prefix or length fails with errno 3', () => {
    const { ds } = seeded();
    expect(errnoOf(() => ds.scanRange(0, ...rangeArgs([], Uint8Array.of(3, 0, 0, 0, 0))))).toBe(ERRNO.BSATN_DECODE_ERROR);
    expect(errnoOf(() => ds.scanRange(0, ...rangeArgs([], Uint8Array.of(0, 1, 2))))).toBe(ERRNO.BSATN_DECODE_ERROR);
    expect(errnoOf(() => ds.scanRange(0, ...rangeArgs([], Uint8Array.of(2, 0))))).toBe(ERRNO.BSATN_DECODE_ERROR);
    expect(errnoOf(() => ds.scanRange(0, ...rangeArgs([Uint8Array.of(1)], unbounded())))).toBe(ERRNO.BSATN_DECODE_ERROR);
    expect(errnoOf(() => ds.scanRange(0, ...rangeArgs([i32(1), s('a'), u64(1n)], unbounded())))).toBe(ERRNO.BSATN_DECODE_ERROR);
    expect(errnoOf(() => ds.scanRange(0, new Uint8Array(2), 0, 0, 5, 0))).toBe(ERRNO.BSATN_DECODE_ERROR);
  });
});

describe('point scans and hash indexes', () => {
  it('a point scan on a multi-column btree takes the concatenated key', () => {
    const { ds, ids } = seeded();
    expect(ids(ds.scanPoint(0, cat(i32(5), s('a'), u64(BIG))))).toEqual([4]);
    expect(ids(ds.scanPoint(0, cat(i32(5), s('a'), u64(BIG + 3n))))).toEqual([]);
  });

  it('a point scan on a non-unique hash index returns rows in insertion order', () => {
    const { ds, ids } = seeded();
    expect(ids(ds.scanPoint(1, i32(5)))).toEqual([0, 3, 4, 6, 8]);
    expect(ids(ds.scanPoint(2, bsatn(T.U32, 7)))).toEqual([7]);
  });

  it('a range scan or range delete on a hash index fails with errno 10', () => {
    const { ds } = seeded();
    expect(errnoOf(() => ds.scanRange(1, ...rangeArgs([], included(i32(5)))))).toBe(ERRNO.WRONG_INDEX_ALGO);
    ds.begin();
    expect(errnoOf(() => ds.deleteByRange(2, ...rangeArgs([], unbounded())))).toBe(ERRNO.WRONG_INDEX_ALGO);
  });

  it('a point key of the wrong length fails with errno 3', () => {
    const { ds } = seeded();
    expect(errnoOf(() => ds.scanPoint(1, Uint8Array.of(1, 2, 3)))).toBe(ERRNO.BSATN_DECODE_ERROR);
    expect(errnoOf(() => ds.scanPoint(1, Uint8Array.of(1, 2, 3, 4, 5)))).toBe(ERRNO.BSATN_DECODE_ERROR);
    expect(errnoOf(() => ds.scanPoint(0, cat(i32(5), s('a'))))).toBe(ERRNO.BSATN_DECODE_ERROR);
  });
});
