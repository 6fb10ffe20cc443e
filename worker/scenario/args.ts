import type { AlgebraicType } from 'spacetimedb';
import { toSnakeCase } from '../module/naming.ts';
import type { ParamSchema } from '../module/schema-types.ts';
import { encodeRowJson, resolveType, ValueError, type Json } from '../values/json-codec.ts';

/** Resolves `"@alice"` to alice's identity hex, so scenarios can pass identities before knowing them. */
export type IdentityLookup = (name: string) => string | undefined;

const isIdentity = (t: AlgebraicType): boolean =>
  t.tag === 'Product' && t.value.elements.length === 1 && t.value.elements[0]?.name === '__identity__';

/** Replaces `"@name"` strings in Identity positions, at any depth (options, arrays, struct fields, enum payloads). */
function substitute(type: AlgebraicType, typespace: AlgebraicType[], value: unknown, lookup: IdentityLookup, path: string): unknown {
  const t = resolveType(type, typespace);
  if (typeof value === 'string' && value.startsWith('@') && isIdentity(t)) {
    const hex = lookup(value.slice(1));
    if (hex === undefined) throw new ValueError(`${path}: "${value}" names no client of this scenario (connect it first)`);
    return hex;
  }
  if (t.tag === 'Sum' && value !== null && value !== undefined && t.value.variants.some(v => v.name === 'some')) {
    const some = t.value.variants.find(v => v.name === 'some')!;
    return substitute(some.algebraicType, typespace, value, lookup, path);
  }
  if (t.tag === 'Array' && Array.isArray(value)) return value.map((v, i) => substitute(t.value, typespace, v, lookup, `${path}[${i}]`));
  if (t.tag === 'Product' && value !== null && typeof value === 'object') {
    const els = t.value.elements;
    // Products may be written by position (an array) or by element name (an object).
    if (Array.isArray(value)) return value.map((v, i) => (els[i] ? substitute(els[i].algebraicType, typespace, v, lookup, `${path}[${i}]`) : v));
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    els.forEach((e, i) => {
      const key = e.name ?? String(i);
      if (Object.hasOwn(out, key)) out[key] = substitute(e.algebraicType, typespace, out[key], lookup, `${path}.${key}`);
    });
    return out;
  }
  if (t.tag === 'Sum' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    // A sum written as {"Variant": payload}: substitute inside the payload.
    const keys = Object.keys(value);
    const variant = keys.length === 1 ? t.value.variants.find(v => v.name === keys[0]) : undefined;
    if (variant) return { [keys[0]!]: substitute(variant.algebraicType, typespace, (value as Record<string, unknown>)[keys[0]!], lookup, `${path}.${keys[0]}`) };
  }
  return value;
}

/**
 * Scenario args → BSATN of the params product. Accepts an array (by
 * position) or an object (by parameter name, as written or snake_cased).
 */
export function encodeArgs(params: ParamSchema[], paramsType: { elements: { name: string | undefined; algebraicType: AlgebraicType }[] }, typespace: AlgebraicType[], args: unknown, lookup: IdentityLookup): Uint8Array {
  const given = args ?? [];
  const obj: Record<string, unknown> = {};
  if (Array.isArray(given)) {
    if (given.length !== params.length) {
      throw new ValueError(`expected ${params.length} argument${params.length === 1 ? '' : 's'} (${params.map(p => p.name).join(', ') || 'none'}), got ${given.length}`);
    }
    params.forEach((p, i) => (obj[p.name] = given[i]));
  } else if (typeof given === 'object') {
    const rest = new Map(Object.entries(given as Record<string, unknown>));
    for (const p of params) {
      const key = rest.has(p.name) ? p.name : toSnakeCase(p.name);
      if (!rest.has(key)) throw new ValueError(`missing argument "${p.name}" (expected ${params.map(q => q.name).join(', ')})`);
      obj[p.name] = rest.get(key);
      rest.delete(key);
    }
    if (rest.size) throw new ValueError(`unknown argument "${[...rest.keys()][0]}" (expected ${params.map(q => q.name).join(', ') || 'none'})`);
  } else {
    throw new ValueError('args must be an array (by position) or an object (by parameter name)');
  }
  for (const p of params) obj[p.name] = substitute(p.type, typespace, obj[p.name], lookup, `args.${p.name}`);
  return encodeRowJson({ elements: paramsType.elements }, typespace, obj as Json, 'args');
}
