/**
 * Recognizing the algebraic types the SDK writes with a dedicated builder:
 * options, results, `ScheduleAt`, unit, and the special single-field
 * products (identity, connection id, timestamp, duration, uuid).
 */
import type { AlgebraicType } from 'spacetimedb';

export type SumType = Extract<AlgebraicType, { tag: 'Sum' }>;
export type ProductType = Extract<AlgebraicType, { tag: 'Product' }>;

export function isOption(t: SumType): boolean {
  const v = t.value.variants;
  return v.length === 2 && v[0]!.name === 'some' && v[1]!.name === 'none' && isUnit(v[1]!.algebraicType);
}

export function isResult(t: SumType): boolean {
  const v = t.value.variants;
  return v.length === 2 && v[0]!.name === 'ok' && v[1]!.name === 'err';
}

export function isScheduleAt(t: SumType): boolean {
  const v = t.value.variants;
  return v.length === 2 && v[0]!.name === 'Interval' && v[1]!.name === 'Time';
}

export function isUnit(t: AlgebraicType): boolean {
  return t.tag === 'Product' && t.value.elements.length === 0;
}

/** The builder for a product the SDK knows by its shape, if it is one. */
export function specialProduct(t: ProductType): string | undefined {
  const els = t.value.elements;
  if (els.length === 0) return '__t.unit()';
  if (els.length !== 1) return undefined;
  switch (els[0]!.name) {
    case '__identity__': return '__t.identity()';
    case '__connection_id__': return '__t.connectionId()';
    case '__timestamp_micros_since_unix_epoch__': return '__t.timestamp()';
    case '__time_duration_micros__': return '__t.timeDuration()';
    case '__uuid__': return '__t.uuid()';
    default: return undefined;
  }
}
