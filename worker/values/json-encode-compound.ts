/**
 * JSON → BSATN encoders of the compound types: products (objects, or arrays
 * in element order), sums (Option as value-or-null, {"Variant": payload}, bare
 * "Variant" for unit variants) and byte arrays ("0x" hex or numbers).
 */
import type { AlgebraicType, ProductType, SumType } from 'spacetimedb';
import { elementKeys, isUnitType, optionInfo, show, variantNames, type Typespace } from './types.ts';
import type { Writer } from './writer.ts';

export type Enc = (w: Writer, v: unknown) => void;
type Child = (type: AlgebraicType) => Enc;

const HEX_BYTES = /^0x((?:[0-9a-fA-F]{2})*)$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Array<u8>: "0x" + hex, an array of numbers, or a Uint8Array. */
export const bytesEncoder = (encodeU8: Enc): Enc => (w: Writer, v: unknown) => {
  if (typeof v === 'string') {
    const m = HEX_BYTES.exec(v);
    if (!m) w.fail(`expected bytes as 0x followed by an even number of hex digits, got ${show(v)}`);
    const hex = m[1]!;
    w.u32(hex.length / 2);
    const at = w.reserve(hex.length / 2);
    for (let i = 0; i < hex.length; i += 2) w.buf[at + i / 2] = parseInt(hex.slice(i, i + 2), 16);
  } else if (v instanceof Uint8Array) {
    w.bytes(v);
  } else if (Array.isArray(v)) {
    w.u32(v.length);
    for (let i = 0; i < v.length; i++) {
      w.path.push(i);
      encodeU8(w, v[i]);
      w.path.pop();
    }
  } else {
    w.fail(`expected bytes as 0x followed by hex digits or an array of numbers, got ${show(v)}`);
  }
};

export function productEncoder(p: ProductType, child: Child): Enc {
  const keys = elementKeys(p);
  const encs = p.elements.map(e => child(e.algebraicType));
  const n = keys.length;
  return (w: Writer, v: unknown) => {
    if (n === 0 && (v === null || (Array.isArray(v) && v.length === 0))) return;
    if (Array.isArray(v)) {
      if (v.length !== n) w.fail(`expected an array of ${n} elements (${keys.join(', ')}), got ${v.length}`);
      for (let i = 0; i < n; i++) {
        w.path.push(keys[i]!);
        encs[i]!(w, v[i]);
        w.path.pop();
      }
      return;
    }
    if (!isObject(v)) w.fail(`expected an object with fields ${keys.join(', ') || '(none)'}, got ${show(v)}`);
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      if (!Object.hasOwn(v, key)) {
        const unknown = Object.keys(v).find(k => !keys.includes(k)); // likely a typo of `key`
        w.fail(unknown === undefined ? `missing field "${key}"` : `unknown field "${unknown}" (expected ${keys.join(', ')})`);
      }
      w.path.push(key);
      encs[i]!(w, v[key]);
      w.path.pop();
    }
    const extra = Object.keys(v).length === n ? undefined : Object.keys(v).find(k => !keys.includes(k));
    if (extra !== undefined) w.fail(`unknown field "${extra}" (expected ${keys.join(', ') || 'no fields'})`);
  };
}

export function sumEncoder(s: SumType, ts: Typespace, child: Child): Enc {
  const opt = optionInfo(s);
  if (opt) {
    const inner = child(opt.inner);
    return (w: Writer, v: unknown) => {
      if (v === null || v === undefined) return w.u8(opt.none);
      w.u8(opt.some);
      inner(w, v);
    };
  }
  const names = variantNames(s);
  const encs = s.variants.map(x => child(x.algebraicType));
  const unit = s.variants.map(x => isUnitType(x.algebraicType, ts));
  const expected = unit.every(Boolean)
    ? `one of ${names.map(x => JSON.stringify(x)).join(', ')}`
    : `an object with one variant key (${names.join(', ')})`;
  const tagOf = (w: Writer, name: string): number => {
    const tag = names.indexOf(name);
    if (tag < 0) w.fail(`unknown variant "${name}" (expected ${names.join(', ')})`);
    return tag;
  };
  return (w: Writer, v: unknown) => {
    if (typeof v === 'string') {
      const tag = tagOf(w, v);
      if (!unit[tag]) w.fail(`variant "${v}" needs a value: write {"${v}": ...}`);
      return w.u8(tag);
    }
    const keys = isObject(v) ? Object.keys(v) : [];
    if (!isObject(v) || keys.length !== 1) w.fail(`expected ${expected}, got ${show(v)}`);
    const name = keys[0]!;
    const tag = tagOf(w, name);
    w.u8(tag);
    const payload = v[name];
    if (unit[tag] && (payload === null || payload === undefined)) return;
    w.path.push(name);
    encs[tag]!(w, payload);
    w.path.pop();
  };
}
