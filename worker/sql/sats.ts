/**
 * Type predicates the checker needs, as upstream's `AlgebraicType::is_*`
 * helpers define them: the special products (Identity, Timestamp...) are
 * recognised by their single magic element, bytes are `Array<U8>`.
 */
import type { AlgebraicType } from 'spacetimedb';
import { resolveType, specialKind, type SpecialKind, type Typespace } from '../values/types.ts';

export type { Typespace };

export function special(ty: AlgebraicType, ts: Typespace): SpecialKind | undefined {
  const t = resolveType(ty, ts);
  return t.tag === 'Product' ? specialKind(t.value) : undefined;
}

export function isBytes(ty: AlgebraicType, ts: Typespace): boolean {
  const t = resolveType(ty, ts);
  return t.tag === 'Array' && resolveType(t.value, ts).tag === 'U8';
}

const INTS = new Set(['I8', 'U8', 'I16', 'U16', 'I32', 'U32', 'I64', 'U64', 'I128', 'U128', 'I256', 'U256']);
export const isIntTag = (tag: string): boolean => INTS.has(tag);

/** `op_supports_type` (crates/expr/src/lib.rs), plus Uuid. Sums, products, other arrays: not comparable. */
export function opSupportsType(ty: AlgebraicType, ts: Typespace): boolean {
  const t = resolveType(ty, ts);
  if (t.tag === 'Bool' || t.tag === 'String' || t.tag === 'F32' || t.tag === 'F64' || isIntTag(t.tag)) return true;
  const kind = special(t, ts);
  return isBytes(t, ts) || (kind !== undefined && kind !== 'TimeDuration');
}

/** Structural equality with refs followed (upstream compares resolved column types with `==`). */
export function typeEq(a: AlgebraicType, b: AlgebraicType, ts: Typespace, depth = 0): boolean {
  if (depth > 64) return true;
  const x = resolveType(a, ts);
  const y = resolveType(b, ts);
  if (x.tag !== y.tag) return false;
  switch (x.tag) {
    case 'Array':
      return typeEq(x.value, (y as typeof x).value, ts, depth + 1);
    case 'Product': {
      const ye = (y as typeof x).value.elements;
      return x.value.elements.length === ye.length && x.value.elements.every((e, i) => e.name === ye[i]!.name && typeEq(e.algebraicType, ye[i]!.algebraicType, ts, depth + 1));
    }
    case 'Sum': {
      const yv = (y as typeof x).value.variants;
      return x.value.variants.length === yv.length && x.value.variants.every((v, i) => v.name === yv[i]!.name && typeEq(v.algebraicType, yv[i]!.algebraicType, ts, depth + 1));
    }
    default:
      return true;
  }
}

export const BOOL: AlgebraicType = { tag: 'Bool' };
export const U64: AlgebraicType = { tag: 'U64' };
export const STRING: AlgebraicType = { tag: 'String' };
export const BYTES: AlgebraicType = { tag: 'Array', value: { tag: 'U8' } };
