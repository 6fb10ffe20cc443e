/**
 * `sorted-btree` is CommonJS with `exports.default = BTree`. Depending on the
 * loader (Node ESM, Vite, esbuild) the default import is the class or the
 * exports object, so pick the class either way.
 */
import * as sortedBtree from 'sorted-btree';
import type BTreeClass from 'sorted-btree';

type BTreeCtor = typeof BTreeClass;
const mod = sortedBtree as unknown as { default: BTreeCtor | { default: BTreeCtor } };

export const BTree: BTreeCtor = typeof mod.default === 'function' ? mod.default : mod.default.default;
export type BTree<K, V> = BTreeClass<K, V>;

/** Plain `<` ordering for string keys (faster than sorted-btree's default comparator). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
