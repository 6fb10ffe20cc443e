import { AlgebraicType as T } from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import { createDatastore } from './datastore.ts';
import { HostError, type Datastore } from './datastore-types.ts';
import { bsatn, hex, makeSchema, rangeArgs, rowEncoder, unbounded } from './test-fixtures.ts';

/** acct(id u32 unique btree, owner string unique hash, tier u8 btree, tag u8 hash) */
const schema = makeSchema([
  {
    name: 'acct',
    columns: [['id', T.U32], ['owner', T.String], ['tier', T.U8], ['tag', T.U8]],
    indexes: [
      { columns: [0], unique: true },
      { columns: [1], unique: true, algorithm: 'hash' },
      { columns: [2] },
      { columns: [3], algorithm: 'hash' },
    ],
  },
]);
const acct = rowEncoder(schema, 0);

/** Everything observable: table order, btree orders, hash point lookups, count. */
function state(ds: Datastore) {
  const all = rangeArgs([], unbounded());
  return {
    rows: hex(ds.scanTable(0)),
    count: ds.rowCount(0),
    byId: hex(ds.scanRange(0, ...all)),
    byTier: hex(ds.scanRange(2, ...all)),
    byTag: [0, 1, 2, 3].map(t => hex(ds.scanPoint(3, bsatn(T.U8, t)))),
    byOwner: Array.from({ length: 40 }, (_, i) => hex(ds.scanPoint(1, bsatn(T.String, `o${i}`)))),
  };
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomWrites(ds: Datastore, rand: () => number, n: number): void {
  const pick = (k: number) => Math.floor(rand() * k);
  for (let i = 0; i < n; i++) {
    const row = () => acct(pick(40), `o${pick(40)}`, pick(4), pick(4));
    const op = pick(10);
    try {
      if (op < 5) ds.insert(0, row());
      else if (op < 7) ds.update(0, 0, row());
      else if (op === 7) ds.deleteByPoint(pick(2) === 0 ? 2 : 3, bsatn(T.U8, pick(4)));
      else if (op === 8) ds.deleteByPoint(0, bsatn(T.U32, pick(40)));
      else if (pick(4) === 0) ds.clear(0);
      else ds.deleteAllByEq(0, ds.scanTable(0).filter(() => rand() < 0.3));
    } catch (e) {
      if (!(e instanceof HostError)) throw e;
    }
  }
}

describe('rollback atomicity', () => {
  it('rollback restores rows, row order and every index after inserts, updates, deletes and clear', () => {
    const ds = createDatastore(schema);
    ds.begin();
    for (let i = 0; i < 20; i++) ds.insert(0, acct(i, `o${i}`, i % 4, (i * 7) % 4));
    ds.commit();
    const before = state(ds);
    ds.begin();
    ds.insert(0, acct(30, 'o30', 1, 1));
    ds.update(0, 0, acct(3, 'o3', 2, 0));
    ds.update(0, 1, acct(33, 'o5', 0, 0));
    ds.deleteByPoint(2, bsatn(T.U8, 1));
    ds.deleteByRange(0, ...rangeArgs([], Uint8Array.of(0, 10, 0, 0, 0), Uint8Array.of(1, 14, 0, 0, 0)));
    ds.deleteAllByEq(0, [acct(0, 'o0', 0, 0)]);
    ds.insert(0, acct(0, 'o0', 0, 0));
    ds.clear(0);
    ds.insert(0, acct(4, 'o4', 0, 0));
    expect(state(ds)).not.toEqual(before);
    ds.rollback();
    expect(state(ds)).toEqual(before);
    ds.begin();
    expect(ds.commit()).toEqual([]);
  });

  it('random transactions: rolled back ones leave no trace, committed ones match their delta', () => {
    const ds = createDatastore(schema);
    const rand = rng(42);
    const model = new Set<string>();
    let changes = 0;
    for (let round = 0; round < 300; round++) {
      const before = state(ds);
      ds.begin();
      randomWrites(ds, rand, 1 + Math.floor(rand() * 30));
      if (rand() < 0.5) {
        ds.rollback();
        expect(state(ds)).toEqual(before);
      } else {
        for (const d of ds.commit()) {
          changes += d.inserts.length + d.deletes.length;
          for (const r of hex(d.deletes)) expect(model.delete(r)).toBe(true);
          for (const r of hex(d.inserts)) {
            expect(model.has(r)).toBe(false);
            model.add(r);
          }
        }
        expect(new Set(state(ds).rows)).toEqual(model);
      }
      const s = state(ds);
      expect(s.byId.length).toBe(s.rows.length);
      expect(s.byTier.length).toBe(s.rows.length);
      expect(s.byTag.flat().length).toBe(s.rows.length);
      expect(s.byOwner.flat().length).toBe(s.rows.length);
      expect(s.count).toBe(BigInt(s.rows.length));
    }
    expect(changes).toBeGreaterThan(500);
  });

  it('rollback keeps rows in insertion order within equal non-unique keys', () => {
    const ds = createDatastore(schema);
    ds.begin();
    for (let i = 0; i < 5; i++) ds.insert(0, acct(i, `o${i}`, 1, 1));
    ds.commit();
    const before = hex(ds.scanPoint(2, bsatn(T.U8, 1)));
    ds.begin();
    ds.deleteAllByEq(0, [acct(1, 'o1', 1, 1), acct(3, 'o3', 1, 1)]);
    ds.insert(0, acct(9, 'o9', 1, 1));
    ds.rollback();
    expect(hex(ds.scanPoint(2, bsatn(T.U8, 1)))).toEqual(before);
    expect(hex(ds.scanPoint(3, bsatn(T.U8, 1)))).toEqual(before);
    expect(hex(ds.scanTable(0))).toEqual(before);
  });

  it('a large clear rolled back many times stays consistent (tombstone compaction)', () => {
    const ds = createDatastore(schema);
    ds.begin();
    for (let i = 0; i < 200; i++) ds.insert(0, acct(i, `p${i}`, i % 4, i % 3));
    ds.commit();
    const before = state(ds);
    for (let k = 0; k < 3; k++) {
      ds.begin();
      ds.clear(0);
      ds.rollback();
    }
    expect(state(ds)).toEqual(before);
    ds.begin();
    expect(ds.clear(0)).toBe(200n);
    ds.commit();
    ds.begin();
    ds.insert(0, acct(1, 'p1', 1, 1));
    ds.commit();
    expect(hex(ds.scanTable(0))).toEqual(hex([acct(1, 'p1', 1, 1)]));
  });
});
