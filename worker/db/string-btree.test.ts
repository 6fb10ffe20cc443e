import { describe, expect, it } from 'vitest';
import { StringBTree } from './string-btree.ts';

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

describe('StringBTree', () => {
  it('agrees with a sorted model through random sets, deletes and range scans', () => {
    for (const [seed, space] of [[1, 50], [2, 256]] as const) {
      const rand = rng(seed);
      const key = () => String.fromCharCode(...Array.from({ length: 1 + Math.floor(rand() * 3) }, () => Math.floor(rand() * space) % 256));
      const tree = new StringBTree<number>();
      const model = new Map<string, number>();
      for (let step = 0; step < 15000; step++) {
        const k = key();
        const op = rand();
        if (op < 0.55) {
          tree.set(k, step);
          model.set(k, step);
        } else if (op < 0.99) {
          expect(tree.delete(k)).toBe(model.delete(k));
        } else {
          const k2 = key();
          const out: number[] = [];
          tree.range(k, k2, out);
          const expected = [...model.keys()].filter(x => x >= k && x < k2).sort().map(x => model.get(x)!);
          expect(out).toEqual(expected);
        }
        if (step % 1000 === 0) expect(tree.get(k)).toBe(model.get(k));
        if (step % 100 === 0) expect(tree.size).toBe(model.size);
      }
      const all: number[] = [];
      tree.range('', '\uffff', all);
      expect(all).toEqual([...model.keys()].sort().map(x => model.get(x)!));
    }
  });

  it('stays correct when filled in order and emptied in order', () => {
    const tree = new StringBTree<number>();
    const keys = Array.from({ length: 30000 }, (_, i) => String.fromCharCode(i >> 8, i & 255));
    keys.forEach((k, i) => tree.set(k, i));
    for (let i = 0; i < keys.length; i += 2) expect(tree.delete(keys[i]!)).toBe(true);
    const out: number[] = [];
    tree.range('', '\uffff', out);
    expect(out).toEqual(keys.map((_, i) => i).filter(i => i % 2 === 1));
    for (let i = keys.length - 1; i >= 0; i--) tree.delete(keys[i]!);
    expect(tree.size).toBe(0);
    expect(tree.get(keys[1]!)).toBeUndefined();
    tree.set('x', 1);
    expect(tree.get('x')).toBe(1);
  });
});
