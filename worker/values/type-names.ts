/**
 * Readable type names for `describe` output: `u32`, `string`, `Identity`,
 * `Option<string>`, `Array<u8>`, `ScheduleAt`, `{ a: u32, b: string }`,
 * `Red | Green(u8)`, or the declared name of a typespace entry when known.
 */
import type { AlgebraicType, ProductType, SumType } from 'spacetimedb';
import { isResult, isScheduleAt, isUnitType, optionInfo, specialKind, type Typespace } from './types.ts';

/**
 * Formats `type`. `names` maps typespace indices to declared type names (e.g.
 * from the module's `types` section); refs without a name are inlined, and a
 * ref met again while formatting itself prints as `&index`.
 */
export function formatType(type: AlgebraicType, typespace: Typespace, names?: ReadonlyMap<number, string>): string {
  return fmt(type, typespace, names, new Set());
}

function fmt(t: AlgebraicType, ts: Typespace, names: ReadonlyMap<number, string> | undefined, open: Set<number>): string {
  const inner = (x: AlgebraicType): string => fmt(x, ts, names, open);
  switch (t.tag) {
    case 'Ref': {
      const name = names?.get(t.value);
      if (name !== undefined) return name;
      const target = ts[t.value];
      if (target === undefined || open.has(t.value)) return `&${t.value}`;
      open.add(t.value);
      try {
        return inner(target);
      } finally {
        open.delete(t.value);
      }
    }
    case 'Array': return `Array<${inner(t.value)}>`;
    case 'Product': return product(t.value, inner);
    case 'Sum': return sum(t.value, ts, inner);
    default: return t.tag.toLowerCase();
  }
}

function product(p: ProductType, inner: (x: AlgebraicType) => string): string {
  const kind = specialKind(p);
  if (kind) return kind;
  if (p.elements.length === 0) return '()';
  if (p.elements.every(e => e.name === undefined)) return `(${p.elements.map(e => inner(e.algebraicType)).join(', ')})`;
  return `{ ${p.elements.map((e, i) => `${e.name ?? i}: ${inner(e.algebraicType)}`).join(', ')} }`;
}

function sum(s: SumType, ts: Typespace, inner: (x: AlgebraicType) => string): string {
  const opt = optionInfo(s);
  if (opt) return `Option<${inner(opt.inner)}>`;
  if (isScheduleAt(s, ts)) return 'ScheduleAt';
  if (isResult(s)) return `Result<${inner(s.variants[0]!.algebraicType)}, ${inner(s.variants[1]!.algebraicType)}>`;
  if (s.variants.length === 0) return 'never';
  return s.variants
    .map((v, i) => {
      const name = v.name ?? String(i);
      return isUnitType(v.algebraicType, ts) ? name : `${name}(${inner(v.algebraicType)})`;
    })
    .join(' | ');
}
