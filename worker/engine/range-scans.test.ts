import { beforeAll, describe, expect, it } from 'vitest';
import type { TxRecord } from './records.ts';
import { openTestDatabase, type TestDatabase } from '../testing/test-db.ts';

// Index scans as the library issues them (server/runtime.ts serializeRange / serializeSingleRange;
// encoding in crates/core/src/host/v8/syscall/v2.rs datastore_index_scan_range_bsatn): results come
// in btree key order, ascending. Keys compare as values, not as BSATN bytes (signed ints, u64 above
// 2^53); strings compare by UTF-8 bytes (Rust `str` Ord), not by JS UTF-16 code units.
type Row = { id: number; a: number; b: bigint; c: number; s: string; big: bigint; w: bigint };

const A = [-2147483648, -3, -1, 0, 2, 1000000, 2147483647];
const B = [-(2n ** 63n), -(2n ** 40n), -1n, 0n, 7n, 2n ** 62n, 2n ** 63n - 1n];
const S = ['', 'a', 'B', 'b', 'é', 'ｚ', '😀', 'aa', 'Z'];
const BIG0 = 2n ** 53n + 1n;
const N = 49;
const ROWS: Row[] = Array.from({ length: N }, (_, k) => {
  const p = (k * 17) % N; // a permutation: (a, b) pairs are distinct and not in id order
  return {
    id: k + 1,
    a: A[p % 7]!,
    b: B[Math.floor(p / 7)]!,
    c: (((k * 13) % N) - 24) * 87654321,
    s: `${S[(k * 5) % 9]}#${k}`,
    big: BIG0 + BigInt((k * 29) % N) * 3n ** 35n,
    w: BigInt(((k * 11) % N) - 24) * 2n ** 57n,
  };
});

const MODULE = `
import { schema, table, t, Range } from 'spacetimedb/server';
const pt = table(
  { name: 'pt', public: true, indexes: [{ accessor: 'byAB', algorithm: 'btree', columns: ['a', 'b'] }] },
  { id: t.u32().primaryKey(), a: t.i32(), b: t.i64(), c: t.i32().index('btree'), s: t.string().index('btree'),
    big: t.u64().index('btree'), w: t.i64().index('btree') }
);
const spacetimedb = schema({ pt });
export default spacetimedb;
const DATA = ${JSON.stringify(ROWS, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))};
export const init = spacetimedb.init(ctx => {
  for (const r of DATA) ctx.db.pt.insert({ ...r, b: BigInt(r.b), big: BigInt(r.big), w: BigInt(r.w) });
});
const show = (rows: Iterable<{ id: number }>) => console.log([...rows].map(r => r.id).join(','));
const incl = (value: unknown) => ({ tag: 'included', value });
const excl = (value: unknown) => ({ tag: 'excluded', value });
const unb = { tag: 'unbounded' };
export const by_a = spacetimedb.reducer({ a: t.i32() }, (ctx, { a }) => show(ctx.db.pt.byAB.filter([a])));
export const by_a_b_range = spacetimedb.reducer({ a: t.i32(), lo: t.i64(), hi: t.i64() }, (ctx, { a, lo, hi }) =>
  show(ctx.db.pt.byAB.filter([a, new Range(incl(lo), excl(hi))])));
export const by_a_b = spacetimedb.reducer({ a: t.i32(), b: t.i64() }, (ctx, { a, b }) => show(ctx.db.pt.byAB.filter([a, b])));
export const a_range = spacetimedb.reducer({ lo: t.i32(), hi: t.i32() }, (ctx, { lo, hi }) =>
  show(ctx.db.pt.byAB.filter([new Range(incl(lo), incl(hi))])));
export const c_range = spacetimedb.reducer({ lo: t.i32(), hi: t.i32() }, (ctx, { lo, hi }) =>
  show(ctx.db.pt.c.filter(new Range(incl(lo), excl(hi)))));
export const s_range = spacetimedb.reducer({ lo: t.string(), hi: t.string() }, (ctx, { lo, hi }) =>
  show(ctx.db.pt.s.filter(new Range(incl(lo), excl(hi)))));
export const s_all = spacetimedb.reducer(ctx => show(ctx.db.pt.s.filter(new Range())));
export const big_above = spacetimedb.reducer({ lo: t.u64() }, (ctx, { lo }) => show(ctx.db.pt.big.filter(new Range(excl(lo), unb))));
export const w_upto = spacetimedb.reducer({ hi: t.i64() }, (ctx, { hi }) => show(ctx.db.pt.w.filter(new Range(unb, incl(hi)))));
export const w_eq = spacetimedb.reducer({ v: t.i64() }, (ctx, { v }) => show(ctx.db.pt.w.filter(v)));
export const del_a = spacetimedb.reducer({ a: t.i32() }, (ctx, { a }) => console.log('deleted ' + ctx.db.pt.byAB.delete([a])));
export const del_a_b = spacetimedb.reducer({ a: t.i32(), b: t.i64() }, (ctx, { a, b }) => console.log('deleted ' + ctx.db.pt.byAB.delete([a, b])));
export const del_c_range = spacetimedb.reducer({ lo: t.i32(), hi: t.i32() }, (ctx, { lo, hi }) =>
  console.log('deleted ' + ctx.db.pt.c.delete(new Range(incl(lo), excl(hi)))));
`;

const cmp = (x: number | bigint, y: number | bigint): number => (x < y ? -1 : x > y ? 1 : 0);
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
const ids = (rows: Row[], order: (x: Row, y: Row) => number): string => [...rows].sort(order).map(r => r.id).join(',');
const byAB = (x: Row, y: Row): number => cmp(x.a, y.a) || cmp(x.b, y.b);
const out = (r: TxRecord): string => {
  expect(r.outcome).toEqual({ status: 'committed' });
  return r.logs.map(l => l.message).join('\n');
};
const big = (v: bigint): string => v.toString();

let t: TestDatabase;

describe('btree range scans through module code', () => {
  beforeAll(async () => {
    t = await openTestDatabase(MODULE);
    expect(t.published.outcome).toEqual({ status: 'committed' });
    expect(t.rows('pt')).toHaveLength(N);
  });

  it('filters a multi-column index by a prefix, in (a, b) order', () => {
    for (const a of [-2147483648, -1, 2147483647]) {
      expect(out(t.call('by_a', [a]))).toBe(ids(ROWS.filter(r => r.a === a), byAB));
    }
    expect(out(t.call('by_a', [5]))).toBe('');
  });

  it('filters a multi-column index by a prefix and a range on the next column', () => {
    const [lo, hi] = [-(2n ** 40n), 2n ** 62n];
    expect(out(t.call('by_a_b_range', [-3, big(lo), big(hi)]))).toBe(ids(ROWS.filter(r => r.a === -3 && r.b >= lo && r.b < hi), byAB));
  });

  it('filters a multi-column index by a full key (point scan)', () => {
    const row = ROWS[20]!;
    expect(out(t.call('by_a_b', [row.a, big(row.b)]))).toBe(String(row.id));
    expect(out(t.call('by_a_b', [row.a, '12345']))).toBe('');
  });

  it('filters a multi-column index by a range on its first column, across negative i32', () => {
    expect(out(t.call('a_range', [-2147483648, 0]))).toBe(ids(ROWS.filter(r => r.a <= 0), byAB));
  });

  it('filters a single i32 column by an included..excluded range', () => {
    const [lo, hi] = [-1000000000, 87654321];
    expect(out(t.call('c_range', [lo, hi]))).toBe(ids(ROWS.filter(r => r.c >= lo && r.c < hi), (x, y) => cmp(x.c, y.c)));
  });

  it('orders strings by UTF-8 bytes', () => {
    const order = (x: Row, y: Row): number => Buffer.compare(utf8(x.s), utf8(y.s));
    expect(out(t.call('s_all'))).toBe(ids(ROWS, order));
    expect(out(t.call('s_range', ['B', 'é']))).toBe(ids(ROWS.filter(r => Buffer.compare(utf8(r.s), utf8('B')) >= 0 && Buffer.compare(utf8(r.s), utf8('é')) < 0), order));
  });

  it('compares u64 keys above 2^53 exactly', () => {
    expect(out(t.call('big_above', [big(BIG0)]))).toBe(ids(ROWS.filter(r => r.big > BIG0), (x, y) => cmp(x.big, y.big)));
    expect(out(t.call('big_above', [big(BIG0 - 1n)])).split(',')).toHaveLength(N);
  });

  it('scans negative i64 keys with an unbounded start and finds points', () => {
    const hi = -(2n ** 57n);
    expect(out(t.call('w_upto', [big(hi)]))).toBe(ids(ROWS.filter(r => r.w <= hi), (x, y) => cmp(x.w, y.w)));
    const row = ROWS.find(r => r.w === -(24n * 2n ** 57n))!;
    expect(out(t.call('w_eq', [big(row.w)]))).toBe(String(row.id));
  });

  it('deletes by prefix, by full key and by range, returning the counts', async () => {
    const d = await openTestDatabase(MODULE);
    const left = [...ROWS];
    const keep = (f: (r: Row) => boolean): number => {
      const gone = left.filter(r => !f(r)).length;
      left.splice(0, left.length, ...left.filter(f));
      return gone;
    };
    expect(out(d.call('del_a', [-1]))).toBe(`deleted ${keep(r => r.a !== -1)}`);
    expect(out(d.call('del_a', [-1]))).toBe('deleted 0');
    const row = left[0]!;
    expect(out(d.call('del_a_b', [row.a, big(row.b)]))).toBe(`deleted ${keep(r => r !== row)}`);
    expect(out(d.call('del_c_range', [-24 * 87654321, 0]))).toBe(`deleted ${keep(r => !(r.c >= -24 * 87654321 && r.c < 0))}`);
    expect(d.rows('pt').map(r => (r as { id: number }).id).sort((x, y) => x - y)).toEqual(left.map(r => r.id));
    expect(out(d.call('a_range', [-2147483648, 2147483647]))).toBe(ids(left, byAB));
  });
});
