/**
 * Reducer arguments as a client app passes them to `conn.reducers.x({...})`:
 * the reducer form's JSON (see forms/field-json.ts) turned into SDK values
 * (bigint for 64-bit and wider ints, `Identity`, `Timestamp`, `{ tag, value }`
 * enums, `undefined` for an empty Option) with camelCase keys, as the
 * generated bindings name parameters and fields.
 */
import { ConnectionId, Identity, TimeDuration, Timestamp, Uuid } from 'spacetimedb';
import type { FieldType, Json } from '../../worker/api.ts';

const WIDE = /^[ui](64|128|256)$/;

export class ArgsError extends Error {
  override name = 'ArgsError';
}

/** `board_id` → `boardId`, as the bindings generator names params and fields (worker/codegen/case.ts). */
export const camelCase = (name: string): string =>
  name
    .split(/[_\-\s]+/)
    .filter(Boolean)
    .map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');

const text = (v: Json, path: string): string => {
  if (typeof v !== 'string') throw new ArgsError(`${path}: expected text`);
  return v.trim();
};

/** `resolve('@alice')` gives alice's identity hex, for the form's `@client` shorthand. */
export function sdkValue(t: FieldType, v: Json, path: string, resolve: (name: string) => string | null): unknown {
  switch (t.kind) {
    case 'int':
      return WIDE.test(t.name) ? BigInt(v as number | string) : Number(v);
    case 'float':
      return Number(v);
    case 'option':
      return v === null ? undefined : sdkValue(t.inner, v, path, resolve);
    case 'array':
      return (v as Json[]).map((x, i) => sdkValue(t.element, x, `${path}[${i}]`, resolve));
    case 'product': {
      const o = v as Record<string, Json>;
      return Object.fromEntries(t.fields.map(f => [camelCase(f.name), sdkValue(f.type, o[f.name] ?? null, `${path}.${f.name}`, resolve)]));
    }
    case 'enum': {
      const [tag, value] = typeof v === 'string' ? [v, undefined] : Object.entries(v as Record<string, Json>)[0] ?? ['', undefined];
      const variant = t.variants.find(x => x.name === tag);
      if (!variant) throw new ArgsError(`${path}: pick a variant`);
      return variant.type ? { tag, value: sdkValue(variant.type, value ?? null, `${path}.${tag}`, resolve) } : { tag };
    }
    case 'identity': {
      const s = text(v, path);
      const hex = s.startsWith('@') ? resolve(s.slice(1)) : s;
      if (!hex) throw new ArgsError(`${path}: no client named ${s.slice(1)} has an identity yet`);
      return Identity.fromString(hex.replace(/^0x/, ''));
    }
    case 'connection-id':
      return ConnectionId.fromString(text(v, path).replace(/^0x/, ''));
    case 'timestamp': {
      const s = text(v, path);
      if (/^-?\d+$/.test(s)) return new Timestamp(BigInt(s));
      const ms = Date.parse(s);
      if (Number.isNaN(ms)) throw new ArgsError(`${path}: write a date like 2025-01-01T09:00:00Z or microseconds`);
      return Timestamp.fromDate(new Date(ms));
    }
    case 'duration': {
      const s = text(v, path);
      if (!/^-?\d+$/.test(s)) throw new ArgsError(`${path}: write a duration in microseconds`);
      return new TimeDuration(BigInt(s));
    }
    case 'uuid':
      return Uuid.parse(text(v, path));
    case 'bytes': {
      const hex = text(v, path).replace(/^0x/, '');
      if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new ArgsError(`${path}: write bytes as hex`);
      return Uint8Array.from(hex.match(/../g) ?? [], b => parseInt(b, 16));
    }
    default:
      return v;
  }
}

/** The params object for `conn.reducers.<name>(...)` from the form's args JSON (keyed by param name). */
export function sdkParams(params: { name: string; type: FieldType }[], args: Record<string, Json>, resolve: (name: string) => string | null): Record<string, unknown> {
  return Object.fromEntries(params.map(p => [camelCase(p.name), sdkValue(p.type, args[p.name] ?? null, p.name, resolve)]));
}
