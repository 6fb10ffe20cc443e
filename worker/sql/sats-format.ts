/**
 * Type names as upstream's error messages print them: `fmt_algebraic_type`
 * (crates/sats/src/algebraic_type/fmt.rs): `U8`, `String`, `Array<U8>`,
 * products `(name: Ty, ...)`, sums `(name: Ty | ...)`. So an Identity is
 * `(__identity__: U256)` and an Option<u32> is `(some: U32 | none: ())`.
 */
import type { AlgebraicType } from 'spacetimedb';

/** Refs are inlined through `typespace` (upstream's own refs would print as `&N`, numbered differently). */
export function formatSats(ty: AlgebraicType, typespace: readonly AlgebraicType[] = [], open: number[] = []): string {
  const inner = (t: AlgebraicType): string => formatSats(t, typespace, open);
  switch (ty.tag) {
    case 'Ref': {
      const target = typespace[ty.value];
      if (target === undefined || open.includes(ty.value)) return `&${ty.value}`;
      return formatSats(target, typespace, [...open, ty.value]);
    }
    case 'Array':
      return `Array<${inner(ty.value)}>`;
    case 'Product':
      return `(${ty.value.elements.map((e, i) => `${e.name ?? i}: ${inner(e.algebraicType)}`).join(', ')})`;
    case 'Sum':
      if (ty.value.variants.length === 0) return '(|)';
      return `(${ty.value.variants.map(v => `${v.name === undefined ? '' : `${v.name}: `}${inner(v.algebraicType)}`).join(' | ')})`;
    default:
      return ty.tag;
  }
}
