/**
 * CLI JSON → BSATN, compiled per type into closures (cached per typespace and
 * type object). Bad input throws a `ValueError` naming the path of the value.
 */
import type { AlgebraicType } from 'spacetimedb';
import { INT_BITS, intRange, parseBigInt, parseFloatInput, parseSmallInt, writeWide, type IntTag } from './ints.ts';
import { bytesEncoder, productEncoder, sumEncoder, type Enc } from './json-encode-compound.ts';
import { encodeSpecial } from './json-encode-special.ts';
import { ValueError, resolveType, show, specialKind, type Typespace } from './types.ts';
import { Writer } from './writer.ts';

const caches = new WeakMap<Typespace, WeakMap<AlgebraicType, Enc>>();

function int(tag: IntTag): Enc {
  const bits = INT_BITS[tag];
  if (bits <= 32) {
    const [lo, hi] = intRange(tag).map(Number) as [number, number];
    const set = { I8: 'setInt8', U8: 'setUint8', I16: 'setInt16', U16: 'setUint16', I32: 'setInt32', U32: 'setUint32' } as const;
    const method = set[tag as keyof typeof set];
    return (w: Writer, v: unknown) => {
      const n = parseSmallInt(tag, lo, hi, v);
      if (typeof n === 'string') w.fail(n);
      const at = w.reserve(bits / 8); // reserve first: it may replace w.view
      w.view[method](at, n, true);
    };
  }
  return (w: Writer, v: unknown) => {
    const n = parseBigInt(tag, v);
    if (typeof n === 'string') w.fail(n);
    const at = w.reserve(bits / 8);
    writeWide(w.view, at, bits, n);
  };
}

function compile(type: AlgebraicType, ts: Typespace, cache: WeakMap<AlgebraicType, Enc>): Enc {
  const hit = cache.get(type);
  if (hit) return hit;
  if (type.tag === 'Ref') {
    // Key the compiled codec by the ref's target, so every ref to it shares one.
    const target = compile(resolveType(type, ts), ts, cache);
    cache.set(type, target);
    return target;
  }
  const ref: { impl?: Enc } = {};
  cache.set(type, (w, v) => ref.impl!(w, v)); // stub: lets recursive types terminate
  const impl = build(type, ts, cache);
  ref.impl = impl;
  cache.set(type, impl);
  return impl;
}

function build(t: AlgebraicType, ts: Typespace, cache: WeakMap<AlgebraicType, Enc>): Enc {
  const child = (x: AlgebraicType): Enc => compile(x, ts, cache);
  switch (t.tag) {
    case 'Ref': throw new Error('unreachable');
    case 'Bool': return (w: Writer, v: unknown) => {
      if (typeof v !== 'boolean') w.fail(`expected a boolean, got ${show(v)}`);
      w.u8(v ? 1 : 0);
    };
    case 'F32': case 'F64': {
      const tag = t.tag;
      return (w: Writer, v: unknown) => {
        const f = parseFloatInput(tag, v);
        if (typeof f === 'string') w.fail(f);
        const at = w.reserve(tag === 'F32' ? 4 : 8);
        if (tag === 'F32') w.view.setFloat32(at, f, true);
        else w.view.setFloat64(at, f, true);
      };
    }
    case 'String': return (w: Writer, v: unknown) => {
      if (typeof v !== 'string') w.fail(`expected a string, got ${show(v)}`);
      w.string(v);
    };
    case 'Array': {
      if (resolveType(t.value, ts).tag === 'U8') return bytesEncoder(int('U8'));
      const elem = child(t.value);
      return (w: Writer, v: unknown) => {
        if (!Array.isArray(v)) w.fail(`expected an array, got ${show(v)}`);
        w.u32(v.length);
        for (let i = 0; i < v.length; i++) {
          w.path.push(i);
          elem(w, v[i]);
          w.path.pop();
        }
      };
    }
    case 'Product': {
      const kind = specialKind(t.value);
      return kind ? encodeSpecial(kind) : productEncoder(t.value, child);
    }
    case 'Sum': return sumEncoder(t.value, ts, child);
    default: return int(t.tag);
  }
}

/** Compiles (or fetches) the encoder of `type`. */
export function jsonEncoder(type: AlgebraicType, typespace: Typespace): Enc {
  let cache = caches.get(typespace);
  if (!cache) caches.set(typespace, (cache = new WeakMap()));
  return compile(type, typespace, cache);
}

/**
 * Encodes CLI JSON as BSATN of `type`. Throws a `ValueError` whose message starts
 * with the path of the bad value, rooted at `root` (e.g. `args.text: expected a string, got 42`).
 */
export function jsonToBsatn(type: AlgebraicType, typespace: Typespace, json: unknown, root = ''): Uint8Array {
  const w = new Writer(root);
  jsonEncoder(type, typespace)(w, json);
  return w.finish();
}

export { ValueError };
export type { Enc };
