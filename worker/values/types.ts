/**
 * Shared vocabulary of the value codec: the JSON value type, the error class
 * and the recognisers for the "special" types (Identity, Timestamp, Option...)
 * that the CLI's JSON format renders differently from plain products/sums.
 */
import type { AlgebraicType, ProductType, SumType } from 'spacetimedb';

/** A JSON value as the CLI prints and reads it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A module typespace: the targets of `Ref` types (`ModuleSchema.typespace`). */
export type Typespace = readonly AlgebraicType[];

/** Bad input (JSON that does not fit the type) or malformed BSATN. */
export class ValueError extends Error {
  override name = 'ValueError';
  /** Where in the value the problem is, e.g. `args.items[2].name` ('' at the root). */
  readonly path: string;
  /** The message without the path. */
  readonly detail: string;
  constructor(detail: string, path = '') {
    super(path ? `${path}: ${detail}` : detail);
    this.path = path;
    this.detail = detail;
  }
}

/** Follows `Ref`s to a non-ref type. */
export function resolveType(type: AlgebraicType, typespace: Typespace): AlgebraicType {
  let t = type;
  for (let hops = 0; t.tag === 'Ref'; hops++) {
    const next = typespace[t.value];
    if (next === undefined) throw new ValueError(`type reference &${t.value} is not in the typespace`);
    if (hops > typespace.length) throw new ValueError(`type reference &${t.value} refers to itself`);
    t = next;
  }
  return t;
}

export type SpecialKind = 'Identity' | 'ConnectionId' | 'Timestamp' | 'TimeDuration' | 'Uuid';

const SPECIAL: Record<string, [SpecialKind, AlgebraicType['tag']]> = {
  __identity__: ['Identity', 'U256'],
  __connection_id__: ['ConnectionId', 'U128'],
  __timestamp_micros_since_unix_epoch__: ['Timestamp', 'I64'],
  __time_duration_micros__: ['TimeDuration', 'I64'],
  __uuid__: ['Uuid', 'U128'],
};

/** Identity/ConnectionId/Timestamp/TimeDuration/Uuid: one element with the magic name and type. */
export function specialKind(product: ProductType): SpecialKind | undefined {
  if (product.elements.length !== 1) return undefined;
  const el = product.elements[0]!;
  if (el.name === undefined || !Object.hasOwn(SPECIAL, el.name)) return undefined;
  const [kind, tag] = SPECIAL[el.name]!;
  return el.algebraicType.tag === tag ? kind : undefined;
}

export function isUnitType(type: AlgebraicType, typespace: Typespace): boolean {
  const t = resolveType(type, typespace);
  return t.tag === 'Product' && t.value.elements.length === 0;
}

/** Option: variants named exactly `some` and `none` (`none` a unit). */
export function optionInfo(sum: SumType): { some: number; none: number; inner: AlgebraicType } | undefined {
  const v = sum.variants;
  if (v.length !== 2) return undefined;
  const some = v.findIndex(x => x.name === 'some');
  const none = v.findIndex(x => x.name === 'none');
  if (some < 0 || none < 0) return undefined;
  return { some, none, inner: v[some]!.algebraicType };
}

function isSpecial(type: AlgebraicType, typespace: Typespace, kind: SpecialKind): boolean {
  const t = resolveType(type, typespace);
  return t.tag === 'Product' && specialKind(t.value) === kind;
}

/** ScheduleAt: `Interval(TimeDuration) | Time(Timestamp)`. */
export function isScheduleAt(sum: SumType, typespace: Typespace): boolean {
  const [a, b] = sum.variants;
  return (
    sum.variants.length === 2 &&
    a?.name === 'Interval' &&
    b?.name === 'Time' &&
    isSpecial(a.algebraicType, typespace, 'TimeDuration') &&
    isSpecial(b.algebraicType, typespace, 'Timestamp')
  );
}

/** Result: variants named exactly `ok`, `err`. */
export function isResult(sum: SumType): boolean {
  const [a, b] = sum.variants;
  return sum.variants.length === 2 && a?.name === 'ok' && b?.name === 'err';
}

/** A sum whose variants all carry the unit type. */
export function isSimpleEnum(sum: SumType, typespace: Typespace): boolean {
  return sum.variants.length > 0 && sum.variants.every(v => isUnitType(v.algebraicType, typespace));
}

/** Variant names (index as name for unnamed ones). */
export function variantNames(sum: SumType): string[] {
  return sum.variants.map((v, i) => v.name ?? String(i));
}

/** Product element keys (index as key for unnamed ones). */
export function elementKeys(product: ProductType): string[] {
  return product.elements.map((e, i) => e.name ?? String(i));
}

/** True for types whose BSATN encoding is always empty (units and products of them). */
export function isZeroSized(type: AlgebraicType, typespace: Typespace, depth = 0): boolean {
  const t = resolveType(type, typespace);
  if (t.tag !== 'Product' || depth > 32) return false;
  return t.value.elements.every(e => isZeroSized(e.algebraicType, typespace, depth + 1));
}

/** A short rendering of a bad input value for error messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'bigint') return `${value}n`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
export { HEX };
