/**
 * A B+ tree from string keys (compared with plain `<`) to values: what the
 * ordered indexes need and no more (get, set, delete, [lo, hi) range scan).
 * Specialized for strings it is about 1.5–2× faster than `sorted-btree`'s
 * generic tree on random inserts and deletes.
 *
 * Inner nodes hold `seps[i]`, a lower bound of every key under `kids[i]` and
 * above every key under `kids[i - 1]` (`seps[0]` is unused). Nodes split at
 * MAX entries; an underfull node (< MIN) merges with a sibling when they fit.
 */
const MAX = 64;
const MIN = 16;

class Leaf<V> {
  constructor(
    public keys: string[],
    public vals: V[]
  ) {}
}

class Inner<V> {
  constructor(
    public seps: string[],
    public kids: Node<V>[]
  ) {}
}

type Node<V> = Leaf<V> | Inner<V>;

/** First index whose key is >= `key`. */
function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The child of an inner node whose range holds `key`. */
function childIndex(seps: readonly string[], key: string): number {
  let lo = 1;
  let hi = seps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (seps[mid]! <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** `arr.splice(i, 0, v)` without the garbage array (and faster on small arrays). */
function insertAt<T>(arr: T[], i: number, v: T): void {
  let j = arr.length;
  arr.push(v);
  for (; j > i; j--) arr[j] = arr[j - 1]!;
  arr[i] = v;
}

/** `arr.splice(i, 1)` without the garbage array. */
function removeAt<T>(arr: T[], i: number): void {
  const last = arr.length - 1;
  for (let j = i; j < last; j++) arr[j] = arr[j + 1]!;
  arr.pop();
}

const sizeOf = <V>(n: Node<V>): number => (n instanceof Leaf ? n.keys.length : n.kids.length);

export class StringBTree<V> {
  private root: Node<V> = new Leaf<V>([], []);
  size = 0;

  get(key: string): V | undefined {
    let n = this.root;
    while (n instanceof Inner) n = n.kids[childIndex(n.seps, key)]!;
    const i = lowerBound(n.keys, key);
    return n.keys[i] === key ? n.vals[i] : undefined;
  }

  /** Inserts or replaces. */
  set(key: string, val: V): void {
    const right = this.insert(this.root, key, val);
    if (right !== undefined) this.root = new Inner<V>(['', right[0]], [this.root, right[1]]);
  }

  /** Removes `key`; returns whether it was there. */
  delete(key: string): boolean {
    const found = this.remove(this.root, key);
    const r = this.root;
    if (r instanceof Inner && r.kids.length === 1) this.root = r.kids[0]!;
    return found;
  }

  /** Values with keys in [lo, hi), in key order, appended to `out`. */
  range(lo: string, hi: string, out: V[]): void {
    if (lo < hi) this.collect(this.root, lo, hi, out);
  }

  clear(): void {
    this.root = new Leaf<V>([], []);
    this.size = 0;
  }

  /** Returns [separator, new right sibling] when `n` split. */
  private insert(n: Node<V>, key: string, val: V): [string, Node<V>] | undefined {
    if (n instanceof Leaf) {
      const i = lowerBound(n.keys, key);
      if (n.keys[i] === key) {
        n.vals[i] = val;
        return undefined;
      }
      insertAt(n.keys, i, key);
      insertAt(n.vals, i, val);
      this.size++;
      if (n.keys.length <= MAX) return undefined;
      const h = n.keys.length >>> 1;
      const right = new Leaf<V>(n.keys.splice(h), n.vals.splice(h));
      return [right.keys[0]!, right];
    }
    const ci = childIndex(n.seps, key);
    const split = this.insert(n.kids[ci]!, key, val);
    if (split === undefined) return undefined;
    insertAt(n.seps, ci + 1, split[0]);
    insertAt(n.kids, ci + 1, split[1]);
    if (n.kids.length <= MAX) return undefined;
    const h = n.kids.length >>> 1;
    const right = new Inner<V>(n.seps.splice(h), n.kids.splice(h));
    return [right.seps[0]!, right];
  }

  private remove(n: Node<V>, key: string): boolean {
    if (n instanceof Leaf) {
      const i = lowerBound(n.keys, key);
      if (n.keys[i] !== key) return false;
      removeAt(n.keys, i);
      removeAt(n.vals, i);
      this.size--;
      return true;
    }
    const ci = childIndex(n.seps, key);
    const child = n.kids[ci]!;
    if (!this.remove(child, key)) return false;
    if (sizeOf(child) < MIN) {
      if (ci + 1 < n.kids.length) this.tryMerge(n, ci);
      else if (ci > 0) this.tryMerge(n, ci - 1);
    }
    return true;
  }

  /** Merges `kids[i + 1]` into `kids[i]` when they fit in one node. */
  private tryMerge(parent: Inner<V>, i: number): void {
    const left = parent.kids[i]!;
    const right = parent.kids[i + 1]!;
    if (sizeOf(left) + sizeOf(right) > MAX) return;
    if (left instanceof Leaf && right instanceof Leaf) {
      for (let j = 0; j < right.keys.length; j++) {
        left.keys.push(right.keys[j]!);
        left.vals.push(right.vals[j]!);
      }
    } else if (left instanceof Inner && right instanceof Inner) {
      left.seps.push(parent.seps[i + 1]!);
      left.kids.push(right.kids[0]!);
      for (let j = 1; j < right.kids.length; j++) {
        left.seps.push(right.seps[j]!);
        left.kids.push(right.kids[j]!);
      }
    }
    removeAt(parent.seps, i + 1);
    removeAt(parent.kids, i + 1);
  }

  private collect(n: Node<V>, lo: string, hi: string, out: V[]): void {
    if (n instanceof Leaf) {
      const keys = n.keys;
      for (let i = lowerBound(keys, lo); i < keys.length && keys[i]! < hi; i++) out.push(n.vals[i]!);
      return;
    }
    const seps = n.seps;
    const first = childIndex(seps, lo);
    for (let c = first; c < n.kids.length && (c === first || seps[c]! < hi); c++) this.collect(n.kids[c]!, lo, hi, out);
  }
}
