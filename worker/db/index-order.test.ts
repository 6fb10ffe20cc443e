/**
 * Btree index order against a reference implementation of upstream's
 * AlgebraicValue `Ord`, over random values of many types.
 */
import { AlgebraicType as T, type AlgebraicType } from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import { createDatastore } from './datastore.ts';
import { bsatn, excluded, included, makeSchema, rangeArgs, rowEncoder, unbounded } from './test-fixtures.ts';

type Gen = () => unknown;
type Cmp = (a: unknown, b: unknown) => number;
type Case = { name: string; ty: AlgebraicType; gen: Gen; cmp: Cmp };

let seed = 7;
const rand = (): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
};
const pick = <V,>(xs: readonly V[]): V => xs[Math.floor(rand() * xs.length)]!;
const sign = (x: number | bigint): number => (x < 0 ? -1 : x > 0 ? 1 : 0);

const num: Cmp = (a, b) => sign((a as number) - (b as number));
const big: Cmp = (a, b) => sign((a as bigint) - (b as bigint));
const utf8 = new TextEncoder();
const bytes: Cmp = (a, b) => {
  const x = a as Uint8Array;
  const y = b as Uint8Array;
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};
const str: Cmp = (a, b) => bytes(utf8.encode(a as string), utf8.encode(b as string));
/** decorum Total: -0 == +0, NaNs equal and above everything. */
const float: Cmp = (a, b) => {
  const x = a as number;
  const y = b as number;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number(Number.isNaN(x)) - Number(Number.isNaN(y));
  return sign(x - y);
};
const array = (elem: Cmp): Cmp => (a, b) => {
  const x = a as unknown[];
  const y = b as unknown[];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = elem(x[i], y[i]);
    if (c !== 0) return c;
  }
  return x.length - y.length;
};
const product = (fields: [string, Cmp][]): Cmp => (a, b) => {
  for (const [name, c] of fields) {
    const r = c((a as Record<string, unknown>)[name], (b as Record<string, unknown>)[name]);
    if (r !== 0) return r;
  }
  return 0;
};
/** Option: some (tag 0) < none (tag 1). */
const option = (inner: Cmp): Cmp => (a, b) =>
  a === undefined || b === undefined ? Number(a === undefined) - Number(b === undefined) : inner(a, b);

const bigRange = (bits: number, signed: boolean): Gen => () => {
  const edges = signed ? [-(1n << BigInt(bits - 1)), (1n << BigInt(bits - 1)) - 1n, -1n, 0n, 1n] : [0n, 1n, (1n << BigInt(bits)) - 1n, 1n << 53n, (1n << 53n) + 1n];
  if (rand() < 0.3) return pick(edges);
  let v = 0n;
  for (let i = 0; i < bits; i += 16) v = (v << 16n) | BigInt(Math.floor(rand() * 65536));
  v &= (1n << BigInt(bits)) - 1n;
  return signed ? v - (1n << BigInt(bits - 1)) : v;
};
const intRange = (lo: number, hi: number): Gen => () =>
  rand() < 0.2 ? pick([lo, hi, 0]) : lo + Math.floor(rand() * (hi - lo + 1));
const strings: Gen = () =>
  Array.from({ length: Math.floor(rand() * 4) }, () => pick(['a', 'b', '\0', 'é', '\uffee', '😀', 'Z'])).join('');
const floats: Gen = () =>
  pick([0, -0, 1.5, -1.5, Infinity, -Infinity, NaN, 1e-310, -1e-310, Number.MAX_VALUE, rand() * 100 - 50]);

const sumTy = T.Sum({ variants: [{ name: 'x', algebraicType: T.U8 }, { name: 'y', algebraicType: T.String }, { name: 'z', algebraicType: T.Product({ elements: [] }) }] });
const sumCmp: Cmp = (a, b) => {
  const tags = ['x', 'y', 'z'];
  const x = a as { tag: string; value: unknown };
  const y = b as { tag: string; value: unknown };
  const t = tags.indexOf(x.tag) - tags.indexOf(y.tag);
  if (t !== 0) return t;
  return x.tag === 'x' ? num(x.value, y.value) : x.tag === 'y' ? str(x.value, y.value) : 0;
};
const optTy = (inner: AlgebraicType) => T.Sum({ variants: [{ name: 'some', algebraicType: inner }, { name: 'none', algebraicType: T.Product({ elements: [] }) }] });
const identityTy = T.Product({ elements: [{ name: '__identity__', algebraicType: T.U256 }] });

const CASES: Case[] = [
  { name: 'i8', ty: T.I8, gen: intRange(-128, 127), cmp: num },
  { name: 'u16', ty: T.U16, gen: intRange(0, 65535), cmp: num },
  { name: 'i32', ty: T.I32, gen: intRange(-(2 ** 31), 2 ** 31 - 1), cmp: num },
  { name: 'i64', ty: T.I64, gen: bigRange(64, true), cmp: big },
  { name: 'u64', ty: T.U64, gen: bigRange(64, false), cmp: big },
  { name: 'i128', ty: T.I128, gen: bigRange(128, true), cmp: big },
  { name: 'u256', ty: T.U256, gen: bigRange(256, false), cmp: big },
  { name: 'i256', ty: T.I256, gen: bigRange(256, true), cmp: big },
  { name: 'bool', ty: T.Bool, gen: () => rand() < 0.5, cmp: (a, b) => Number(a) - Number(b) },
  { name: 'f64', ty: T.F64, gen: floats, cmp: float },
  { name: 'f32', ty: T.F32, gen: () => Math.fround(floats() as number), cmp: float },
  { name: 'string (UTF-8 byte order)', ty: T.String, gen: strings, cmp: str },
  { name: 'bytes', ty: T.Array(T.U8), gen: () => Uint8Array.from({ length: Math.floor(rand() * 4) }, () => pick([0, 1, 255])), cmp: bytes },
  { name: 'array<i16>', ty: T.Array(T.I16), gen: () => Array.from({ length: Math.floor(rand() * 4) }, intRange(-2, 2)), cmp: array(num) },
  { name: 'array<string>', ty: T.Array(T.String), gen: () => Array.from({ length: Math.floor(rand() * 3) }, strings), cmp: array(str) },
  { name: 'option<i32> (some < none)', ty: optTy(T.I32), gen: () => (rand() < 0.3 ? undefined : intRange(-5, 5)()), cmp: option(num) },
  { name: 'sum', ty: sumTy, gen: () => pick([{ tag: 'x', value: intRange(0, 3)() }, { tag: 'y', value: strings() }, { tag: 'z', value: {} }]), cmp: sumCmp },
  { name: 'identity', ty: identityTy, gen: () => ({ __identity__: bigRange(256, false)() }), cmp: product([['__identity__', big]]) },
  {
    name: 'product (i8, string, option<u64>)',
    ty: T.Product({ elements: [{ name: 'a', algebraicType: T.I8 }, { name: 'b', algebraicType: T.String }, { name: 'c', algebraicType: optTy(T.U64) }] }),
    gen: () => ({ a: intRange(-1, 1)(), b: strings(), c: rand() < 0.5 ? undefined : bigRange(64, false)() }),
    cmp: product([['a', num], ['b', str], ['c', option(big)]]),
  },
];

describe('btree index order matches upstream AlgebraicValue order', () => {
  for (const c of CASES) {
    it(`orders ${c.name} values, and range bounds select the same values as the reference`, () => {
      const schema = makeSchema([{ name: 't', columns: [['id', T.U32], ['k', c.ty]], indexes: [{ columns: [1] }] }]);
      const ds = createDatastore(schema);
      const row = rowEncoder(schema, 0);
      const values = Array.from({ length: 150 }, c.gen);
      ds.begin();
      values.forEach((v, id) => ds.insert(0, row(id, v)));
      ds.commit();
      const idsOf = (rows: Uint8Array[]) => rows.map(r => new DataView(r.buffer, r.byteOffset).getUint32(0, true));
      const ids = values.map((_, id) => id);
      const sorted = ids.slice().sort((a, b) => c.cmp(values[a], values[b]) || a - b);
      expect(idsOf(ds.scanRange(0, ...rangeArgs([], unbounded())))).toEqual(sorted);
      for (let q = 0; q < 30; q++) {
        const lo = values[Math.floor(rand() * values.length)];
        const hi = values[Math.floor(rand() * values.length)];
        const loKind = pick(['in', 'ex', 'un'] as const);
        const hiKind = pick(['in', 'ex', 'un'] as const);
        const bound = (kind: 'in' | 'ex' | 'un', v: unknown) =>
          kind === 'un' ? unbounded() : kind === 'in' ? included(bsatn(c.ty, v)) : excluded(bsatn(c.ty, v));
        const expected = sorted.filter(id => {
          const a = c.cmp(values[id], lo);
          const b = c.cmp(values[id], hi);
          return (loKind === 'un' || a > 0 || (a === 0 && loKind === 'in')) && (hiKind === 'un' || b < 0 || (b === 0 && hiKind === 'in'));
        });
        expect(idsOf(ds.scanRange(0, ...rangeArgs([], bound(loKind, lo), bound(hiKind, hi))))).toEqual(expected);
        const eq = sorted.filter(id => c.cmp(values[id], lo) === 0);
        expect(idsOf(ds.scanPoint(0, bsatn(c.ty, lo)))).toEqual(eq);
      }
    });
  }
});
