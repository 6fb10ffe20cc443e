/**
 * BSATN → CLI JSON. Each type is compiled once into a closure (cached per
 * typespace and type object) because this runs for every row shown.
 */
import type { AlgebraicType } from 'spacetimedb';
import { intDecoder, scalarDecoder, specialDecoder, type Dec, type Reader } from './json-decode-scalars.ts';
import {
  HEX, ValueError, elementKeys, isZeroSized, optionInfo, resolveType, specialKind, variantNames,
  type Json, type Typespace,
} from './types.ts';

const caches = new WeakMap<Typespace, WeakMap<AlgebraicType, Dec>>();

function compile(type: AlgebraicType, ts: Typespace, cache: WeakMap<AlgebraicType, Dec>): Dec {
  const hit = cache.get(type);
  if (hit) return hit;
  if (type.tag === 'Ref') {
    // Key the compiled codec by the ref's target, so every ref to it shares one.
    const target = compile(resolveType(type, ts), ts, cache);
    cache.set(type, target);
    return target;
  }
  // A forwarding stub first, so recursive types (through refs) terminate.
  const ref: { impl?: Dec } = {};
  cache.set(type, r => ref.impl!(r));
  const impl = build(type, ts, cache);
  ref.impl = impl;
  cache.set(type, impl);
  return impl;
}

function build(t: AlgebraicType, ts: Typespace, cache: WeakMap<AlgebraicType, Dec>): Dec {
  switch (t.tag) {
    case 'Ref': throw new Error('unreachable');
    case 'Bool': case 'F32': case 'F64': case 'String': return scalarDecoder(t.tag);
    case 'Array': {
      const elemType = resolveType(t.value, ts);
      if (elemType.tag === 'U8') return r => {
        const n = r.view.getUint32(r.pos, true);
        const start = r.pos + 4;
        if (start + n > r.bytes.length) throw new RangeError('eof');
        let s = '0x';
        for (let i = start; i < start + n; i++) s += HEX[r.bytes[i]!];
        r.pos = start + n;
        return s;
      };
      const elem = compile(t.value, ts, cache);
      const zeroSized = isZeroSized(elemType, ts);
      return r => {
        const n = r.view.getUint32(r.pos, true);
        r.pos += 4;
        if (!zeroSized && n > r.bytes.length - r.pos) throw new RangeError('eof');
        const out: Json[] = new Array<Json>(n);
        for (let i = 0; i < n; i++) out[i] = elem(r);
        return out;
      };
    }
    case 'Product': {
      const kind = specialKind(t.value);
      if (kind) return specialDecoder(kind);
      const keys = elementKeys(t.value);
      const decs = t.value.elements.map(e => compile(e.algebraicType, ts, cache));
      return r => {
        const out: { [key: string]: Json } = {};
        for (let i = 0; i < keys.length; i++) out[keys[i]!] = decs[i]!(r);
        return out;
      };
    }
    case 'Sum': {
      const variants = t.value.variants;
      const badTag = (r: Reader, tag: number): never => {
        throw new ValueError(`invalid sum tag ${tag} at offset ${r.pos - 1} (${variants.length} variants)`);
      };
      const opt = optionInfo(t.value);
      if (opt) {
        const inner = compile(opt.inner, ts, cache);
        return r => {
          const tag = r.view.getUint8(r.pos++);
          return tag === opt.some ? inner(r) : tag === opt.none ? null : badTag(r, tag);
        };
      }
      const names = variantNames(t.value);
      const decs = variants.map(v => compile(v.algebraicType, ts, cache));
      return r => {
        const tag = r.view.getUint8(r.pos++);
        const dec = decs[tag];
        if (dec === undefined) return badTag(r, tag);
        return { [names[tag]!]: dec(r) };
      };
    }
    default: return intDecoder(t.tag);
  }
}

/** Compiles (or fetches) the decoder of `type`. */
export function jsonDecoder(type: AlgebraicType, typespace: Typespace): Dec {
  let cache = caches.get(typespace);
  if (!cache) caches.set(typespace, (cache = new WeakMap()));
  return compile(type, typespace, cache);
}

/** Decodes one BSATN value of `type` starting at `offset`; `end` is the offset just past it. */
export function bsatnToJson(
  type: AlgebraicType, typespace: Typespace, bytes: Uint8Array, offset = 0,
): { value: Json; end: number } {
  const dec = jsonDecoder(type, typespace);
  const r: Reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), bytes, pos: offset };
  try {
    return { value: dec(r), end: r.pos };
  } catch (e) {
    if (e instanceof RangeError && !e.message.includes('call stack')) {
      throw new ValueError(`BSATN ended early: ${bytes.length - offset} bytes are not enough for the value`);
    }
    throw e;
  }
}
